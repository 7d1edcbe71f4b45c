package io.rollgate.connector.launchdarkly;

import io.rollgate.connector.Secret;
import java.net.URI;
import java.util.Objects;

/**
 * Where and how the REST client reaches LaunchDarkly.
 *
 * @param baseUri the API host, for example {@code https://app.launchdarkly.com} (paths start with
 *     {@code /api/v2})
 * @param apiToken an API access token with writer rights, sent as the {@code Authorization} header
 * @param maxConflictRetries how many times a change is re-read and sent again after a 409
 *     optimistic-locking conflict before the conflict is surfaced (0 surfaces the first)
 */
public record LaunchDarklySettings(URI baseUri, Secret apiToken, int maxConflictRetries) {

  public static final URI DEFAULT_BASE_URI = URI.create("https://app.launchdarkly.com");

  public LaunchDarklySettings {
    Objects.requireNonNull(baseUri, "baseUri");
    Objects.requireNonNull(apiToken, "apiToken");
    if (maxConflictRetries < 0) {
      throw new IllegalArgumentException("maxConflictRetries must not be negative");
    }
  }

  /** The given host and token, retrying a conflicting change 3 times. */
  public static LaunchDarklySettings of(URI baseUri, Secret apiToken) {
    return new LaunchDarklySettings(baseUri, apiToken, 3);
  }
}
