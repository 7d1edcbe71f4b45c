package io.rollgate.connector.servicenow;

import com.fasterxml.jackson.databind.JsonNode;
import io.rollgate.connector.ApiCalls;
import io.rollgate.connector.NonRetryableException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

/**
 * The {@code Authorization} header for each request. For OAuth it caches the token, fetches a new
 * one {@code skew} before expiry, and drops one the instance refused. Thread-safe; never logs or
 * shows a secret.
 */
final class Credentials {

  private record Token(String header, Instant expiresAt) {}

  private final ServiceNowAuth auth;
  private final ServiceNowApi api;
  private final ApiCalls calls;
  private final Clock clock;
  private final Duration skew;
  private Token token;

  Credentials(ServiceNowAuth auth, ServiceNowApi api, ApiCalls calls, Clock clock, Duration skew) {
    this.auth = auth;
    this.api = api;
    this.calls = calls;
    this.clock = clock;
    this.skew = skew;
  }

  /** Whether a refused request may be repeated once with a fresh token. */
  boolean refreshable() {
    return auth instanceof ServiceNowAuth.ClientCredentials;
  }

  /**
   * The header to send now.
   *
   * @throws io.rollgate.connector.ConnectorException when a token cannot be obtained
   */
  synchronized String header() {
    if (auth instanceof ServiceNowAuth.Basic basic) {
      String pair = basic.user() + ":" + basic.password().value();
      return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }
    if (token == null || !clock.instant().isBefore(token.expiresAt().minus(skew))) {
      token = fetch((ServiceNowAuth.ClientCredentials) auth);
    }
    return token.header();
  }

  /** Forgets the token behind {@code header}, unless another thread already replaced it. */
  synchronized void refused(String header) {
    if (token != null && token.header().equals(header)) {
      token = null;
    }
  }

  private Token fetch(ServiceNowAuth.ClientCredentials cc) {
    JsonNode answer =
        calls.body(
            api.token("client_credentials", cc.clientId(), cc.clientSecret().value(), cc.scope()));
    String accessToken = answer.path("access_token").asText("");
    if (accessToken.isBlank()) {
      throw new NonRetryableException(
          ServiceNowClient.SYSTEM, 200, "the token answer holds no access_token", null);
    }
    long seconds = answer.path("expires_in").asLong(0);
    return new Token("Bearer " + accessToken, clock.instant().plusSeconds(seconds));
  }
}
