package io.rollgate.app.security;

import io.rollgate.app.config.ConfigurationProblem;
import io.rollgate.connector.Secret;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;

/**
 * The first admin credential: {@code rollgate.bootstrap.token} when set (checked at start, never
 * stored), otherwise a token created at the first start and printed once to the log.
 */
final class BootstrapAdmin implements SmartInitializingSingleton {

  static final String PROPERTY = "rollgate.bootstrap.token";
  static final String NAME = "bootstrap-admin";

  private static final Logger LOG = LoggerFactory.getLogger(BootstrapAdmin.class);

  private final ApiTokens tokens;
  private final String configuredHash;

  /**
   * @throws ConfigurationProblem when the configured token is malformed; the message does not
   *     repeat the value
   */
  BootstrapAdmin(BootstrapProperties properties, ApiTokens tokens) {
    this.tokens = tokens;
    Secret configured = properties.token();
    if (configured == null || configured.value().isBlank()) {
      this.configuredHash = null;
    } else if (!ApiTokenFormat.wellFormed(configured.value().trim())) {
      throw new ConfigurationProblem(PROPERTY, ApiTokenFormat.DESCRIPTION);
    } else {
      this.configuredHash = ApiTokenFormat.hash(configured.value().trim());
    }
  }

  /** The configured bootstrap token's caller, when this is that token. */
  Optional<ApiToken> match(String secret) {
    if (configuredHash == null
        || !MessageDigest.isEqual(
            configuredHash.getBytes(StandardCharsets.US_ASCII),
            ApiTokenFormat.hash(secret).getBytes(StandardCharsets.US_ASCII))) {
      return Optional.empty();
    }
    return Optional.of(
        new ApiToken(NAME, NAME, EnumSet.of(Role.ADMIN), Instant.EPOCH, null, null, PROPERTY));
  }

  @Override
  public void afterSingletonsInstantiated() {
    if (configuredHash == null && !tokens.anyActiveAdmin()) {
      ApiTokens.Issued issued = tokens.create(NAME, EnumSet.of(Role.ADMIN), null, "rollgate");
      // the one place a token is ever logged: nobody could call the API otherwise
      LOG.warn(
          "No admin API token existed, so one was created; it is shown this once. Use it to"
              + " create named tokens (POST /api/v1/tokens), then revoke it (DELETE"
              + " /api/v1/tokens/{}): {}",
          issued.token().id(),
          issued.secret());
    }
  }
}
