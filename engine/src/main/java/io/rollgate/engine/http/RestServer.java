package io.rollgate.engine.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.rollgate.engine.api.Json;
import io.rollgate.engine.processor.CommandProcessor;
import io.rollgate.engine.processor.EngineException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP side of the engine: decodes requests, hands them to the {@link CommandProcessor} and
 * writes its answers. It holds no state of its own.
 */
public final class RestServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RestServer.class);

  /** Upper bound of a request body: deployments of large models included. */
  private static final int MAX_BODY = 16 * 1024 * 1024;

  private final HttpServer server;
  private final ExecutorService executor;
  private final Router router;

  /**
   * Binds to the loopback address and port (0 picks a free one) and starts serving.
   *
   * @throws IOException when the port cannot be bound
   */
  public RestServer(String host, int port, CommandProcessor processor) throws IOException {
    this.router = Routes.build(processor, this::port);
    this.server = HttpServer.create(new InetSocketAddress(host, port), 512);
    this.executor =
        new ThreadPoolExecutor(
            16,
            256,
            60,
            TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(),
            r -> {
              Thread thread = new Thread(r, "rollgate-http");
              thread.setDaemon(true);
              return thread;
            });
    ((ThreadPoolExecutor) executor).allowCoreThreadTimeOut(false);
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
  }

  /** The bound port. */
  public int port() {
    return server.getAddress().getPort();
  }

  private void handle(HttpExchange exchange) {
    String path = exchange.getRequestURI().getPath();
    try (exchange) {
      Response response;
      try {
        response = route(exchange, path);
      } catch (HttpError e) {
        response = problem(e.status, e.title, e.getMessage(), path);
      } catch (EngineException e) {
        response = problem(e.status(), e.title(), e.getMessage(), path);
      } catch (JsonProcessingException e) {
        response = problem(400, "INVALID_ARGUMENT", describe(e), path);
      } catch (Exception e) {
        LOG.error("request {} {} failed", exchange.getRequestMethod(), path, e);
        response =
            problem(500, "INTERNAL_ERROR", "The engine failed to serve the request: " + e, path);
      }
      write(exchange, response);
    } catch (IOException e) {
      LOG.debug("client went away during {}", path, e);
    }
  }

  private Response route(HttpExchange exchange, String path) throws Exception {
    String method = exchange.getRequestMethod();
    Optional<Router.Match> match = router.match(method, path);
    if (match.isEmpty()) {
      return problem(
          404, "NOT_FOUND", "No endpoint " + method + " " + path + " on this engine.", path);
    }
    byte[] body = readBody(exchange.getRequestBody());
    Request request =
        new Request(
            method,
            path,
            match.get().params(),
            exchange.getRequestHeaders().getFirst("Content-Type"),
            body);
    return match.get().route().handle(request);
  }

  private static byte[] readBody(InputStream in) throws IOException {
    byte[] body = in.readNBytes(MAX_BODY + 1);
    if (body.length > MAX_BODY) {
      throw new HttpError(413, "PAYLOAD_TOO_LARGE", "The request body is larger than 16 MiB.");
    }
    return body;
  }

  private static Response problem(int status, String title, String detail, String path) {
    return new Response(
        status, Problem.of(status, title, detail, path), "application/problem+json");
  }

  private static void write(HttpExchange exchange, Response response) throws IOException {
    if (response.body() == null) {
      exchange.sendResponseHeaders(response.status(), -1);
      return;
    }
    byte[] bytes =
        response.body() instanceof String text
            ? text.getBytes(StandardCharsets.UTF_8)
            : Json.MAPPER.writeValueAsBytes(response.body());
    exchange.getResponseHeaders().set("Content-Type", response.contentType());
    exchange.sendResponseHeaders(response.status(), bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  /** Jackson's complaint in words that say which property to change. */
  static String describe(JsonProcessingException e) {
    if (e instanceof UnrecognizedPropertyException unknown) {
      String known =
          unknown.getKnownPropertyIds().stream()
              .map(String::valueOf)
              .sorted()
              .collect(Collectors.joining(", "));
      return "Unknown property '"
          + unknown.getPropertyName()
          + "' in the request body; expected one of: "
          + known
          + ".";
    }
    if (e instanceof InvalidFormatException invalid) {
      return "Property '"
          + path(invalid)
          + "' has an invalid value '"
          + invalid.getValue()
          + "'; expected "
          + invalid.getTargetType().getSimpleName()
          + ".";
    }
    if (e instanceof MismatchedInputException mismatch && !mismatch.getPath().isEmpty()) {
      return "Property '"
          + path(mismatch)
          + "' has the wrong type; expected "
          + (mismatch.getTargetType() == null
              ? "another type"
              : describeType(mismatch.getTargetType()))
          + ".";
    }
    return "The request body is not valid JSON: " + e.getOriginalMessage();
  }

  private static String describeType(Class<?> type) {
    if (Map.class.isAssignableFrom(type)) {
      return "a JSON object";
    }
    if (java.util.Collection.class.isAssignableFrom(type)) {
      return "a JSON array";
    }
    return type.getSimpleName();
  }

  private static String path(MismatchedInputException e) {
    return e.getPath().stream()
        .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
        .collect(Collectors.joining("."));
  }

  /** Stops accepting connections and lets requests in flight finish (up to a second). */
  @Override
  public void close() {
    server.stop(1);
    executor.shutdownNow();
  }
}
