package io.rollgate.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/** The gate API as an in-test HTTP server on loopback: scripted answers, recorded requests. */
final class FakeGateApi implements AutoCloseable {

  /** A request as the server received it. */
  record Received(String method, String path, Map<String, List<String>> headers, String body) {
    String header(String name) {
      return headers.entrySet().stream()
          .filter(e -> e.getKey().equalsIgnoreCase(name))
          .map(e -> e.getValue().get(0))
          .findFirst()
          .orElse(null);
    }
  }

  /** Answers one request; {@code call} counts the calls to its path from 1. */
  interface Handler {
    void handle(HttpExchange exchange, int call) throws IOException;
  }

  /** The pipeline's token {@link #rollgate} runs with. */
  static final String TOKEN = "rg_pipeline-token-0123456789abcdef";

  private final HttpServer server;
  private final List<Received> received = new CopyOnWriteArrayList<>();
  private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();

  FakeGateApi() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(Executors.newCachedThreadPool());
    server.start();
  }

  void on(String pathPrefix, Handler handler) {
    server.createContext(
        pathPrefix,
        exchange -> {
          String body =
              new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
          received.add(
              new Received(
                  exchange.getRequestMethod(),
                  exchange.getRequestURI().toString(),
                  exchange.getRequestHeaders(),
                  body));
          int call = calls.computeIfAbsent(pathPrefix, p -> new AtomicInteger()).incrementAndGet();
          try {
            handler.handle(exchange, call);
          } finally {
            exchange.close();
          }
        });
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** How a run of the CLI ended. */
  record Run(int exitCode, String out, String err) {}

  /** Runs the CLI against this API, as a pipeline with {@link #TOKEN}. */
  Run rollgate(String... args) {
    return rollgate(Map.of(), args);
  }

  /** Runs the CLI against this API, as a pipeline step whose environment also holds {@code env}. */
  Run rollgate(Map<String, String> env, String... args) {
    Map<String, String> environment = new HashMap<>(env);
    environment.put("ROLLGATE_URL", url());
    environment.put("ROLLGATE_TOKEN", TOKEN);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        Rollgate.run(args, environment, new PrintWriter(out, true), new PrintWriter(err, true));
    return new Run(code, out.toString(), err.toString());
  }

  List<Received> received() {
    return received;
  }

  static void json(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange
        .getResponseHeaders()
        .add("Content-Type", status >= 400 ? "application/problem+json" : "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  /** Starts an event stream; write events with {@link #event}. */
  static OutputStream events(HttpExchange exchange) throws IOException {
    exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
    exchange.sendResponseHeaders(200, 0);
    return exchange.getResponseBody();
  }

  static void event(OutputStream out, long id, String type, String data) throws IOException {
    out.write(
        ("id:" + id + "\nevent:" + type + "\ndata:" + data + "\n\n")
            .getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
