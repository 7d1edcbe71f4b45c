package io.rollgate.sandbox;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A loopback HTTP server for one simulated system: its routes, its {@link Faults} and a {@link
 * RequestLog}. Admin endpoints live under {@code /_sandbox}: {@code GET /_sandbox/health}, {@code
 * PUT|GET|DELETE /_sandbox/faults}, {@code GET|DELETE /_sandbox/requests}.
 */
public final class SimServer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(SimServer.class);
  private static final String ADMIN = "/_sandbox";

  /** Serves one matched request. */
  @FunctionalInterface
  public interface Handler {
    SimResponse handle(SimRequest request) throws Exception;
  }

  private record Route(String method, Pattern pattern, List<String> names, Handler handler) {}

  private final String name;
  private final HttpServer server;
  private final ExecutorService executor;
  private final List<Route> routes;
  private final List<Route> adminRoutes;
  private final Faults faults;
  private final RequestLog log = new RequestLog();
  private final BiFunction<Integer, String, SimResponse> errorShape;
  private final BiConsumer<Faults.Fail, SimResponse> faultHeaders;
  private final Clock clock;

  private SimServer(Builder b) throws IOException {
    this.name = b.name;
    this.routes = List.copyOf(b.routes);
    this.adminRoutes = List.copyOf(b.adminRoutes);
    this.errorShape = b.errorShape;
    this.faultHeaders = b.faultHeaders;
    this.clock = b.clock;
    this.faults = new Faults(b.clock);
    this.server = HttpServer.create(new InetSocketAddress(b.host, b.port), 64);
    AtomicInteger threads = new AtomicInteger();
    this.executor =
        Executors.newCachedThreadPool(
            r -> {
              Thread t = new Thread(r, name + "-sim-" + threads.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    server.setExecutor(executor);
    server.createContext("/", this::serve);
    server.start();
    LOG.info("simulator={} listening={}", name, baseUri());
  }

  public static Builder builder(String name) {
    return new Builder(name);
  }

  /** The base address, for example {@code http://127.0.0.1:41234}, without a trailing slash. */
  public URI baseUri() {
    InetSocketAddress address = server.getAddress();
    return URI.create("http://" + address.getHostString() + ":" + address.getPort());
  }

  public int port() {
    return server.getAddress().getPort();
  }

  public Faults faults() {
    return faults;
  }

  public RequestLog requests() {
    return log;
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  private void serve(HttpExchange exchange) throws IOException {
    String method = exchange.getRequestMethod();
    String path = exchange.getRequestURI().getRawPath();
    try {
      if (path.startsWith(ADMIN + "/")) {
        write(exchange, admin(method, path.substring(ADMIN.length()), exchange));
        return;
      }
      Faults.Decision decision = faults.decide();
      if (decision instanceof Faults.Reset) {
        log.add(new RequestLog.Entry(clock.instant(), method, path, 0));
        return;
      }
      SimResponse response;
      if (decision instanceof Faults.Fail fail) {
        sleep(fail.delay());
        response = failure(fail);
      } else {
        sleep(((Faults.Pass) decision).delay());
        response = dispatch(routes, method, path, exchange, true);
      }
      // Logged before the answer goes out, so a client that has its answer finds it logged.
      log.add(new RequestLog.Entry(clock.instant(), method, path, response.status()));
      write(exchange, response);
    } catch (IOException e) {
      LOG.debug("simulator={} client went away: {}", name, e.toString());
    } finally {
      exchange.close();
    }
  }

  private SimResponse failure(Faults.Fail fail) {
    String message =
        fail.status() == 429
            ? "Too many requests; retry after " + fail.retryAfterSeconds() + " seconds"
            : "Simulated failure (HTTP " + fail.status() + ")";
    SimResponse response = errorShape.apply(fail.status(), message);
    faultHeaders.accept(fail, response);
    return response;
  }

  /** {@code Retry-After} in seconds and {@code X-RateLimit-Limit} / {@code -Remaining}. */
  public static void standardFaultHeaders(Faults.Fail fail, SimResponse response) {
    if (fail.retryAfterSeconds() != null) {
      response.header("Retry-After", String.valueOf(fail.retryAfterSeconds()));
    }
    if (fail.limit() > 0) {
      response.header("X-RateLimit-Limit", String.valueOf(fail.limit()));
      response.header("X-RateLimit-Remaining", String.valueOf(fail.remaining()));
    }
  }

  private SimResponse dispatch(
      List<Route> table, String method, String path, HttpExchange exchange, boolean api) {
    boolean pathKnown = false;
    for (Route route : table) {
      Matcher m = route.pattern().matcher(path);
      if (!m.matches()) {
        continue;
      }
      pathKnown = true;
      if (!route.method().equals(method)) {
        continue;
      }
      Map<String, String> params = new LinkedHashMap<>();
      for (int i = 0; i < route.names().size(); i++) {
        params.put(route.names().get(i), decode(m.group(i + 1)));
      }
      try {
        SimRequest request =
            new SimRequest(
                method,
                path,
                params,
                parseQuery(exchange.getRequestURI().getRawQuery()),
                exchange.getRequestHeaders(),
                readBody(exchange.getRequestBody()));
        return route.handler().handle(request);
      } catch (SimProblem p) {
        return api
            ? errorShape.apply(p.status(), p.getMessage())
            : problem(p.status(), p.getMessage());
      } catch (Exception e) {
        LOG.warn("simulator={} handler failed path={}", name, path, e);
        return api ? errorShape.apply(500, "Simulator error: " + e) : problem(500, e.toString());
      }
    }
    if (!api) {
      return pathKnown
          ? problem(405, method + " is not allowed on " + ADMIN + path)
          : problem(404, "No admin endpoint " + method + " " + ADMIN + path);
    }
    return pathKnown
        ? errorShape.apply(405, method + " is not allowed on " + path)
        : errorShape.apply(404, "No such resource: " + path);
  }

  private SimResponse admin(String method, String path, HttpExchange exchange) throws IOException {
    try {
      switch (method + " " + path) {
        case "GET /health":
          return SimResponse.ok(SimJson.object().put("status", "UP").put("system", name));
        case "GET /faults":
          return SimResponse.ok(faults.spec());
        case "PUT /faults":
          faults.set(
              SimJson.MAPPER.readValue(readBody(exchange.getRequestBody()), Faults.Spec.class));
          return SimResponse.ok(faults.spec());
        case "DELETE /faults":
          faults.clear();
          return SimResponse.empty(204);
        case "GET /requests":
          return SimResponse.ok(log.entries());
        case "DELETE /requests":
          log.clear();
          return SimResponse.empty(204);
        default:
          return dispatch(adminRoutes, method, path, exchange, false);
      }
    } catch (IOException e) {
      return problem(400, "Invalid fault settings: " + e.getMessage());
    }
  }

  /** An RFC 9457 problem answer, for the admin endpoints and simulators without an own shape. */
  public static SimResponse problem(int status, String detail) {
    ObjectNode body = SimJson.object().put("status", status).put("title", title(status));
    body.put("detail", detail);
    return SimResponse.json(status, body).header("Content-Type", "application/problem+json");
  }

  private static String title(int status) {
    switch (status) {
      case 400:
        return "Bad Request";
      case 401:
        return "Unauthorized";
      case 403:
        return "Forbidden";
      case 404:
        return "Not Found";
      case 405:
        return "Method Not Allowed";
      case 409:
        return "Conflict";
      case 429:
        return "Too Many Requests";
      case 503:
        return "Service Unavailable";
      default:
        return status >= 500 ? "Server Error" : "Error";
    }
  }

  private static void write(HttpExchange exchange, SimResponse response) throws IOException {
    response.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
    if (response.streamBody() != null) {
      exchange.sendResponseHeaders(response.status(), 0);
      try (OutputStream out = exchange.getResponseBody()) {
        response.streamBody().writeTo(out);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return;
    }
    byte[] body = response.body();
    boolean noBody = body.length == 0 || "HEAD".equals(exchange.getRequestMethod());
    exchange.sendResponseHeaders(response.status(), noBody ? -1 : body.length);
    if (!noBody) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }

  private static byte[] readBody(InputStream in) throws IOException {
    return in.readAllBytes();
  }

  private static Map<String, List<String>> parseQuery(String raw) {
    Map<String, List<String>> query = new LinkedHashMap<>();
    if (raw == null || raw.isEmpty()) {
      return query;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      String key = decode(eq < 0 ? pair : pair.substring(0, eq));
      String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
      query.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
    }
    return query;
  }

  private static String decode(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
  }

  private static void sleep(Duration delay) {
    if (delay.isZero()) {
      return;
    }
    try {
      Thread.sleep(delay.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Collects routes and settings, then {@link #start()}s the server. */
  public static final class Builder {
    private static final Pattern PARAM = Pattern.compile("\\{([A-Za-z_][A-Za-z0-9_]*)}");

    private final String name;
    private final List<Route> routes = new ArrayList<>();
    private final List<Route> adminRoutes = new ArrayList<>();
    private String host = "127.0.0.1";
    private int port;
    private Clock clock = Clock.systemUTC();
    private BiFunction<Integer, String, SimResponse> errorShape = SimServer::problem;
    private BiConsumer<Faults.Fail, SimResponse> faultHeaders = SimServer::standardFaultHeaders;

    private Builder(String name) {
      this.name = name;
    }

    /** The port to listen on; 0 (the default) picks a free one. */
    public Builder port(int port) {
      this.port = port;
      return this;
    }

    public Builder host(String host) {
      this.host = host;
      return this;
    }

    public Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    /** How this system writes an error answer (status, message); RFC 9457 problem by default. */
    public Builder errorShape(BiFunction<Integer, String, SimResponse> errorShape) {
      this.errorShape = errorShape;
      return this;
    }

    /**
     * How this system announces a simulated failure's wait and limits, for example LaunchDarkly's
     * {@code X-Ratelimit-Reset} in epoch milliseconds; {@link #standardFaultHeaders} by default.
     */
    public Builder faultHeaders(BiConsumer<Faults.Fail, SimResponse> faultHeaders) {
      this.faultHeaders = faultHeaders;
      return this;
    }

    /**
     * Adds an admin route under {@code /_sandbox}: for tests and operators to drive the simulator
     * (approve a change, set a run's outcome). Admin routes see no faults and are not logged as
     * requests. {@code path} is relative, for example {@code /servicenow/changes/{number}/approve}.
     */
    public Builder adminRoute(String method, String path, Handler handler) {
      adminRoutes.add(compile(method, path, handler));
      return this;
    }

    /**
     * Adds a route. {@code path} may hold {@code {name}} segments, matched within one segment;
     * routes are tried in the order added.
     */
    public Builder route(String method, String path, Handler handler) {
      routes.add(compile(method, path, handler));
      return this;
    }

    private static Route compile(String method, String path, Handler handler) {
      List<String> names = new ArrayList<>();
      Matcher m = PARAM.matcher(path);
      StringBuilder regex = new StringBuilder();
      int last = 0;
      while (m.find()) {
        regex.append(Pattern.quote(path.substring(last, m.start()))).append("([^/]+)");
        names.add(m.group(1));
        last = m.end();
      }
      regex.append(Pattern.quote(path.substring(last)));
      return new Route(method, Pattern.compile(regex.toString()), names, handler);
    }

    public SimServer start() {
      try {
        return new SimServer(this);
      } catch (IOException e) {
        throw new IllegalStateException("cannot start the " + name + " simulator: " + e, e);
      }
    }
  }
}
