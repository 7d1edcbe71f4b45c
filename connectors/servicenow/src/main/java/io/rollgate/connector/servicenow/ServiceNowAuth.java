package io.rollgate.connector.servicenow;

import io.rollgate.connector.Secret;
import java.util.Objects;

/**
 * How the client authenticates: HTTP Basic, or OAuth 2.0 client credentials against {@code POST
 * /oauth_token.do}. Secrets are {@link Secret}s, so neither record shows them in {@code
 * toString()}.
 */
public sealed interface ServiceNowAuth {

  /** HTTP Basic with a ServiceNow user. */
  record Basic(String user, Secret password) implements ServiceNowAuth {
    public Basic {
      Objects.requireNonNull(user, "user");
      Objects.requireNonNull(password, "password");
    }
  }

  /**
   * OAuth client credentials grant. The token is cached and fetched again shortly before it
   * expires, and once when the instance answers 401.
   *
   * @param scope requested scope, or {@code null} for the client's default
   */
  record ClientCredentials(String clientId, Secret clientSecret, String scope)
      implements ServiceNowAuth {
    public ClientCredentials {
      Objects.requireNonNull(clientId, "clientId");
      Objects.requireNonNull(clientSecret, "clientSecret");
    }
  }

  static ServiceNowAuth basic(String user, Secret password) {
    return new Basic(user, password);
  }

  static ServiceNowAuth clientCredentials(String clientId, Secret clientSecret) {
    return new ClientCredentials(clientId, clientSecret, null);
  }
}
