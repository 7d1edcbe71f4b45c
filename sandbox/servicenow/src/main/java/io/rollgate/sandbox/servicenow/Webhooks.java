package io.rollgate.sandbox.servicenow;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rollgate.sandbox.SimJson;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * POSTs approval decisions to the configured URL on a background thread, retrying with doubling
 * back-off; the request that made the decision never waits for it.
 */
final class Webhooks {

  private static final Logger LOG = LoggerFactory.getLogger(Webhooks.class);

  /** One delivery attempt's outcome, for tests and the admin API. */
  record Delivery(String number, String approval, int attempt, int status, String error) {}

  private final SimulatorConfig config;
  private final ScheduledExecutorService executor;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private final List<Delivery> deliveries = new ArrayList<>();

  Webhooks(SimulatorConfig config, ScheduledExecutorService executor) {
    this.config = config;
    this.executor = executor;
  }

  void decided(Row change) {
    URI url = config.webhookUrl();
    if (url == null) {
      return;
    }
    ObjectNode body = SimJson.object();
    body.put("number", change.text("number"));
    body.put("sys_id", change.sysId());
    body.put("correlation_id", change.text("correlation_id"));
    body.put("approval", change.text("approval"));
    body.put("state", change.text("state"));
    body.put("type", change.text("type"));
    executor.execute(() -> attempt(url, body, 1));
  }

  private void attempt(URI url, ObjectNode body, int attempt) {
    String number = body.path("number").asText();
    String approval = body.path("approval").asText();
    int status = 0;
    String error = null;
    try {
      HttpRequest request =
          HttpRequest.newBuilder(url)
              .timeout(Duration.ofSeconds(5))
              .header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofByteArray(SimJson.MAPPER.writeValueAsBytes(body)))
              .build();
      status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
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
      executor.schedule(() -> attempt(url, body, attempt + 1), wait, TimeUnit.MILLISECONDS);
    }
  }

  List<Delivery> deliveries() {
    synchronized (deliveries) {
      return List.copyOf(deliveries);
    }
  }
}
