package io.rollgate.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The gate API as an in-test HTTP server on loopback: scripted answers, recorded requests. A test
 * class holds one as {@code @RegisterExtension final FakeGateApi api = new FakeGateApi();}: each
 * test gets its own, stopped after it.
 */
final class FakeGateApi implements AfterEachCallback {

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

  /** The commit {@link #start} releases. */
  static final String COMMIT = "0123456789abcdef0123456789abcdef01234567";

  private static final String CREATED =
      "{\"id\":\"rel-1\",\"service\":\"checkout\",\"state\":\"RUNNING\"}";

  private final HttpServer server;
  private final List<Received> received = new CopyOnWriteArrayList<>();
  private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();

  FakeGateApi() {
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
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

  /** Answers every request to {@code pathPrefix} with {@code status} and the JSON {@code body}. */
  void answer(String pathPrefix, int status, String body) {
    on(pathPrefix, (exchange, call) -> json(exchange, status, body));
  }

  /** Answers every start (201): release rel-1 of checkout runs. */
  void startsReleases() {
    answer("/api/v1/releases", 201, CREATED);
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

  /**
   * {@code release start} of checkout 1.2.3 ({@link #COMMIT}) to production, then {@code options}.
   */
  Run start(String... options) {
    return start(Map.of(), options);
  }

  /** The same, from a pipeline step whose environment also holds {@code env}. */
  Run start(Map<String, String> env, String... options) {
    return rollgate(env, startArguments(COMMIT, options));
  }

  /** The same start of {@code commit}, which need not be a commit SHA. */
  Run startAt(String commit, String... options) {
    return rollgate(startArguments(commit, options));
  }

  private static String[] startArguments(String commit, String... options) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "release",
                "start",
                "--service",
                "checkout",
                "--version",
                "1.2.3",
                "--commit",
                commit,
                "--env",
                "production"));
    args.addAll(List.of(options));
    return args.toArray(String[]::new);
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

  /** An event of a release's stream. */
  record Event(String type, String data) {}

  /** Answers every request to {@code path} with a stream of {@code events}, ids from 1. */
  void streams(String path, Event... events) {
    on(
        path,
        (exchange, call) -> {
          OutputStream out = events(exchange);
          for (int i = 0; i < events.length; i++) {
            event(out, i + 1, events[i]);
          }
        });
  }

  /** Starts an event stream; write events with {@link #event}. */
  static OutputStream events(HttpExchange exchange) throws IOException {
    exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
    exchange.sendResponseHeaders(200, 0);
    return exchange.getResponseBody();
  }

  static void event(OutputStream out, long id, Event event) throws IOException {
    out.write(
        ("id:" + id + "\nevent:" + event.type() + "\ndata:" + event.data() + "\n\n")
            .getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  /** Release rel-1's {@code gate} decided. */
  static Event gateDecided(String gate, String verdict, String reasons) {
    return new Event(
        "gate-decided",
        "{\"releaseId\":\"rel-1\",\"gate\":\""
            + gate
            + "\",\"verdict\":\""
            + verdict
            + "\",\"reasons\":\""
            + reasons
            + "\"}");
  }

  /** Release rel-1 ended. */
  static Event ended(String state, String outcome) {
    return new Event(
        "release-ended",
        "{\"releaseId\":\"rel-1\",\"state\":\"" + state + "\",\"outcome\":\"" + outcome + "\"}");
  }

  @Override
  public void afterEach(ExtensionContext context) {
    server.stop(0);
  }
}
