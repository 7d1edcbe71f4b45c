package io.rollgate.connector.ci.jenkins;

import io.rollgate.connector.Secret;
import java.util.Objects;

/**
 * How Rollgate signs in to Jenkins. Both send HTTP Basic; they differ in CSRF protection.
 *
 * <ul>
 *   <li>{@link ApiToken}: the user's API token; Jenkins exempts such requests from CSRF checks, so
 *       no crumb is fetched. Preferred.
 *   <li>{@link Crumb}: the user's password; every POST carries a crumb from {@code
 *       /crumbIssuer/api/json} bound to the session cookie, fetched once and refreshed once when a
 *       POST is refused with 403.
 * </ul>
 */
public sealed interface JenkinsAuth permits JenkinsAuth.ApiToken, JenkinsAuth.Crumb {

  String user();

  Secret secret();

  static JenkinsAuth apiToken(String user, Secret token) {
    return new ApiToken(user, token);
  }

  static JenkinsAuth crumb(String user, Secret password) {
    return new Crumb(user, password);
  }

  /** HTTP Basic with an API token. */
  record ApiToken(String user, Secret secret) implements JenkinsAuth {
    public ApiToken {
      Objects.requireNonNull(user, "user");
      Objects.requireNonNull(secret, "token");
    }
  }

  /** HTTP Basic with a password, plus a crumb on every POST. */
  record Crumb(String user, Secret secret) implements JenkinsAuth {
    public Crumb {
      Objects.requireNonNull(user, "user");
      Objects.requireNonNull(secret, "password");
    }
  }
}
