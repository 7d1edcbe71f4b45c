package io.rollgate.app.webhook;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Receives outside systems' callbacks on loopback: {@code POST /webhooks/servicenow/approval}.
 * Errors are RFC 9457 problem documents.
 */
public final class WebhookServer implements AutoCloseable {

  public static final String SERVICENOW_APPROVAL = "/webhooks/servicenow/approval";

  private final HttpServer server;
  private final ExecutorService executor = Executors.newFixedThreadPool(2);

  private WebhookServer(HttpServer server) {
    this.server = server;
  }

  /** Starts on {@code port} (0 picks a free one). */
  public static WebhookServer start(int port, CabDecisionWebhook cabDecisions) {
    try {
      HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 16);
      WebhookServer webhooks = new WebhookServer(server);
      server.setExecutor(webhooks.executor);
      server.createContext(SERVICENOW_APPROVAL, exchange -> webhooks.serve(exchange, cabDecisions));
      server.start();
      return webhooks;
    } catch (IOException e) {
      throw new IllegalStateException("cannot listen for webhooks on port " + port + ": " + e, e);
    }
  }

  /** Where ServiceNow should send approval decisions. */
  public URI approvalUri() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + SERVICENOW_APPROVAL);
  }

  private void serve(HttpExchange exchange, CabDecisionWebhook cabDecisions) throws IOException {
    try (exchange) {
      if (!"POST".equals(exchange.getRequestMethod())) {
        answer(exchange, 405, "only POST is accepted here");
        return;
      }
      CabDecisionWebhook.Outcome outcome;
      try {
        outcome = cabDecisions.handle(exchange.getRequestBody().readAllBytes());
      } catch (RuntimeException e) {
        // The engine did not take the message: ServiceNow retries, polling covers the rest.
        answer(exchange, 503, "the decision could not be recorded yet: " + e.getMessage());
        return;
      }
      answer(exchange, outcome.status(), outcome.detail());
    }
  }

  private static void answer(HttpExchange exchange, int status, String detail) throws IOException {
    String body;
    if (status >= 400) {
      exchange.getResponseHeaders().set("Content-Type", "application/problem+json");
      body =
          "{\"type\":\"about:blank\",\"status\":"
              + status
              + ",\"title\":\""
              + (status == 400
                  ? "Bad Request"
                  : status == 405 ? "Method Not Allowed" : "Unavailable")
              + "\",\"detail\":"
              + quote(detail)
              + "}";
    } else {
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      body = "{\"detail\":" + quote(detail) + "}";
    }
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  private static String quote(String text) {
    return new com.fasterxml.jackson.databind.ObjectMapper().valueToTree(text).toString();
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
