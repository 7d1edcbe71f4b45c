package io.rollgate.sandbox.servicenow;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * How a {@link ServiceNowSimulator} behaves. Start from {@link #defaults()} and change what a test
 * needs with the {@code with…} methods.
 *
 * @param port API port on loopback; 0 picks a free one
 * @param basicUser user accepted with HTTP Basic
 * @param basicPassword that user's password
 * @param clientId OAuth client id accepted at {@code /oauth_token.do}
 * @param clientSecret that client's secret
 * @param tokenLifetime how long an issued access token is accepted ({@code expires_in})
 * @param autoApproveAfter approve a change this long after it enters Authorize; {@code null} never
 * @param autoRejectWhenShortDescriptionContains reject instead when the short description contains
 *     this text; {@code null} never
 * @param autoDecisionDelay how long the automatic rejection waits
 * @param conflictCheckDuration how long a conflict check runs before its result is readable
 * @param webhookUrl where approval decisions are POSTed; {@code null} for none
 * @param webhookAttempts delivery attempts per decision, the first included
 * @param webhookBackoff wait before the second attempt, doubled for each further one
 * @param webhookSecret the shared secret webhook calls are signed with (HMAC-SHA256, see {@link
 *     ServiceNowSimulator#sendWebhooksTo}); {@code null} sends them unsigned
 * @param approverName display name of the CAB approver on approval records
 * @param approverSysId sys_id of that approver
 * @param clock the simulator's clock (token expiry, conflict checks, timestamps)
 */
public record SimulatorConfig(
    int port,
    String basicUser,
    String basicPassword,
    String clientId,
    String clientSecret,
    Duration tokenLifetime,
    Duration autoApproveAfter,
    String autoRejectWhenShortDescriptionContains,
    Duration autoDecisionDelay,
    Duration conflictCheckDuration,
    URI webhookUrl,
    int webhookAttempts,
    Duration webhookBackoff,
    String webhookSecret,
    String approverName,
    String approverSysId,
    Clock clock) {

  public SimulatorConfig {
    Objects.requireNonNull(basicUser, "basicUser");
    Objects.requireNonNull(basicPassword, "basicPassword");
    Objects.requireNonNull(clientId, "clientId");
    Objects.requireNonNull(clientSecret, "clientSecret");
    Objects.requireNonNull(tokenLifetime, "tokenLifetime");
    Objects.requireNonNull(autoDecisionDelay, "autoDecisionDelay");
    Objects.requireNonNull(conflictCheckDuration, "conflictCheckDuration");
    Objects.requireNonNull(webhookBackoff, "webhookBackoff");
    Objects.requireNonNull(clock, "clock");
    if (webhookAttempts < 1) {
      throw new IllegalArgumentException("webhookAttempts must be at least 1");
    }
  }

  /**
   * A free port, user {@code admin}/{@code admin}, OAuth client {@code rollgate}/{@code
   * rollgate-secret}, 30 minute tokens, no automatic decisions, 100 ms conflict checks, no webhook.
   */
  public static SimulatorConfig defaults() {
    return new SimulatorConfig(
        0,
        "admin",
        "admin",
        "rollgate",
        "rollgate-secret",
        Duration.ofMinutes(30),
        null,
        null,
        Duration.ZERO,
        Duration.ofMillis(100),
        null,
        4,
        Duration.ofMillis(200),
        null,
        "CAB Approver",
        "a8f98bb0eb32010045e1a5115206fe3a",
        Clock.systemUTC());
  }

  public SimulatorConfig withPort(int port) {
    return copy(c -> c.port = port);
  }

  public SimulatorConfig withBasicAuth(String user, String password) {
    return copy(
        c -> {
          c.basicUser = user;
          c.basicPassword = password;
        });
  }

  public SimulatorConfig withOAuthClient(String id, String secret, Duration lifetime) {
    return copy(
        c -> {
          c.clientId = id;
          c.clientSecret = secret;
          c.tokenLifetime = lifetime;
        });
  }

  public SimulatorConfig withAutoApproveAfter(Duration after) {
    return copy(c -> c.autoApproveAfter = after);
  }

  public SimulatorConfig withAutoRejectWhenShortDescriptionContains(String text, Duration delay) {
    return copy(
        c -> {
          c.autoRejectWhenShortDescriptionContains = text;
          c.autoDecisionDelay = delay;
        });
  }

  public SimulatorConfig withConflictCheckDuration(Duration duration) {
    return copy(c -> c.conflictCheckDuration = duration);
  }

  public SimulatorConfig withWebhook(URI url, int attempts, Duration backoff) {
    return copy(
        c -> {
          c.webhookUrl = url;
          c.webhookAttempts = attempts;
          c.webhookBackoff = backoff;
        });
  }

  /** Signs webhook calls with {@code secret}; {@code null} sends them unsigned. */
  public SimulatorConfig withWebhookSecret(String secret) {
    return copy(c -> c.webhookSecret = secret);
  }

  public SimulatorConfig withClock(Clock clock) {
    return copy(c -> c.clock = clock);
  }

  private SimulatorConfig copy(Consumer<Fields> change) {
    Fields fields = new Fields(this);
    change.accept(fields);
    return fields.build();
  }

  /** A mutable copy, so each {@code with…} method names only what it changes. */
  private static final class Fields {
    private int port;
    private String basicUser;
    private String basicPassword;
    private String clientId;
    private String clientSecret;
    private Duration tokenLifetime;
    private Duration autoApproveAfter;
    private String autoRejectWhenShortDescriptionContains;
    private Duration autoDecisionDelay;
    private Duration conflictCheckDuration;
    private URI webhookUrl;
    private int webhookAttempts;
    private Duration webhookBackoff;
    private String webhookSecret;
    private String approverName;
    private String approverSysId;
    private Clock clock;

    private Fields(SimulatorConfig config) {
      port = config.port;
      basicUser = config.basicUser;
      basicPassword = config.basicPassword;
      clientId = config.clientId;
      clientSecret = config.clientSecret;
      tokenLifetime = config.tokenLifetime;
      autoApproveAfter = config.autoApproveAfter;
      autoRejectWhenShortDescriptionContains = config.autoRejectWhenShortDescriptionContains;
      autoDecisionDelay = config.autoDecisionDelay;
      conflictCheckDuration = config.conflictCheckDuration;
      webhookUrl = config.webhookUrl;
      webhookAttempts = config.webhookAttempts;
      webhookBackoff = config.webhookBackoff;
      webhookSecret = config.webhookSecret;
      approverName = config.approverName;
      approverSysId = config.approverSysId;
      clock = config.clock;
    }

    private SimulatorConfig build() {
      return new SimulatorConfig(
          port,
          basicUser,
          basicPassword,
          clientId,
          clientSecret,
          tokenLifetime,
          autoApproveAfter,
          autoRejectWhenShortDescriptionContains,
          autoDecisionDelay,
          conflictCheckDuration,
          webhookUrl,
          webhookAttempts,
          webhookBackoff,
          webhookSecret,
          approverName,
          approverSysId,
          clock);
    }
  }
}
