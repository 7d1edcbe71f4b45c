package io.rollgate.sandbox.servicenow;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rollgate.sandbox.SimJson;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * POSTs approval decisions to the configured URL on a background thread, retrying with doubling
 * back-off; the request that made the decision never waits for it. With a secret, every attempt is
 * signed afresh: {@code X-Rollgate-Timestamp: <epoch seconds>} and {@code X-Rollgate-Signature:
 * sha256=<hex HMAC-SHA256 of "<timestamp>.<body>">}.
 */
final class Webhooks {

  static final String TIMESTAMP_HEADER = "X-Rollgate-Timestamp";
  static final String SIGNATURE_HEADER = "X-Rollgate-Signature";

  private static final Logger LOG = LoggerFactory.getLogger(Webhooks.class);

  /** One delivery attempt's outcome, for tests and the admin API. */
  record Delivery(String number, String approval, int attempt, int status, String error) {}

  /** Where decisions go and what signs them; a decision keeps the target it was sent to. */
  private record Target(URI url, String secret) {}

  private final SimulatorConfig config;
  private final Clock clock;
  private final ScheduledExecutorService executor;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private final List<Delivery> deliveries = new ArrayList<>();
  private volatile Target target;

  Webhooks(SimulatorConfig config, ScheduledExecutorService executor) {
    this.config = config;
    this.clock = config.clock();
    this.executor = executor;
    this.target = new Target(config.webhookUrl(), config.webhookSecret());
  }

  /** Later decisions go to {@code url} (none when null), signed with {@code secret} when set. */
  void sendTo(URI url, String secret) {
    target = new Target(url, secret);
  }

  void decided(Row change) {
    Target to = target;
    if (to.url() == null) {
      return;
    }
    ObjectNode body = SimJson.object();
    body.put("number", change.text("number"));
    body.put("sys_id", change.sysId());
    body.put("correlation_id", change.text("correlation_id"));
    body.put("approval", change.text("approval"));
    body.put("state", change.text("state"));
    body.put("type", change.text("type"));
    executor.execute(() -> attempt(to, body, 1));
  }

  private void attempt(Target to, ObjectNode body, int attempt) {
    String number = body.path("number").asText();
    String approval = body.path("approval").asText();
    int status = 0;
    String error = null;
    try {
      byte[] bytes = SimJson.MAPPER.writeValueAsBytes(body);
      HttpRequest.Builder request =
          HttpRequest.newBuilder(to.url())
              .timeout(Duration.ofSeconds(5))
              .header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofByteArray(bytes));
      if (to.secret() != null) {
        String timestamp = String.valueOf(clock.instant().getEpochSecond());
        request
            .header(TIMESTAMP_HEADER, timestamp)
            .header(SIGNATURE_HEADER, "sha256=" + sign(to.secret(), timestamp, bytes));
      }
      status = http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    } catch (Exception e) {
      error = e.toString();
    }
    synchronized (deliveries) {
      deliveries.add(new Delivery(number, approval, attempt, status, error));
    }
    boolean delivered = status >= 200 && status < 300;
    LOG.info(
        "webhook change={} approval={} attempt={} status={} delivered={}",
        number,
        approval,
        attempt,
        status,
        delivered);
    if (!delivered && attempt < config.webhookAttempts()) {
      long wait = config.webhookBackoff().toMillis() << (attempt - 1);
      executor.schedule(() -> attempt(to, body, attempt + 1), wait, TimeUnit.MILLISECONDS);
    }
  }

  /** Hex HMAC-SHA256 of {@code "<timestamp>.<body>"}. */
  static String sign(String secret, String timestamp, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      mac.update((timestamp + ".").getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(mac.doFinal(body));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }

  List<Delivery> deliveries() {
    synchronized (deliveries) {
      return List.copyOf(deliveries);
    }
  }
}
