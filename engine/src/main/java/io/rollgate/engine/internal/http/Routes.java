package io.rollgate.engine.internal.http;

import io.rollgate.engine.internal.api.Json;
import io.rollgate.engine.internal.processor.CommandProcessor;
import io.rollgate.engine.internal.processor.EngineException;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

/**
 * The REST API (v2) endpoints: decode, validate, hand to the processor, shape the answer. One class
 * per resource registers its routes ({@link ClusterRoutes}, {@link DeploymentRoutes}, {@link
 * InstanceRoutes}, {@link JobRoutes}, {@link UserTaskRoutes}, {@link SearchRoutes}); the helpers
 * they share are here.
 */
final class Routes {
  static final String VERSION = "8.8.14";
  static final String DEFAULT_TENANT = "<default>";

  /**
   * Longest a job activation request is held when no job is ready. Short, because a worker being
   * closed waits for its poll to return (tests close workers after each test).
   */
  static final long MAX_POLL_MILLIS = 1_000;

  static final long DEFAULT_AWAIT_MILLIS = 30_000;
  static final long COMMAND_TIMEOUT_MILLIS = 30_000;

  private Routes() {}

  static Router build(CommandProcessor processor, IntSupplier port) {
    Router router = new Router();
    new ClusterRoutes(processor, port).register(router);
    new DeploymentRoutes(processor).register(router);
    new InstanceRoutes(processor).register(router);
    new JobRoutes(processor).register(router);
    new UserTaskRoutes(processor).register(router);
    SearchRoutes.register(router, processor);
    return router;
  }

  // ---- helpers ----------------------------------------------------------------------------

  static <T> T found(T value, String what, long key) {
    if (value == null) {
      throw EngineException.notFound("No " + what + " with key '" + key + "' was found.");
    }
    return value;
  }

  static <T> T decode(Request request, Class<T> type) throws IOException {
    if (!request.hasBody()) {
      return Json.MAPPER.readValue("{}", type);
    }
    T value = Json.MAPPER.readValue(request.body(), type);
    if (value == null) {
      throw HttpError.badRequest("The request body must be a JSON object, not null.");
    }
    return value;
  }

  static void checkTenant(String tenant) {
    if (tenant != null && !tenant.isBlank() && !DEFAULT_TENANT.equals(tenant)) {
      throw HttpError.badRequest(
          "Tenant '"
              + tenant
              + "' does not exist: the embedded engine has only the default tenant '<default>'.");
    }
  }

  static long parseKey(String field, String raw) {
    try {
      return Long.parseLong(raw);
    } catch (NumberFormatException e) {
      throw HttpError.badRequest(
          "The " + field + " '" + raw + "' is not a key: expected a 64-bit number.");
    }
  }

  static boolean isBlank(String s) {
    return s == null || s.isBlank();
  }

  static CompletableFuture<Response> done(Response response) {
    return CompletableFuture.completedFuture(response);
  }

  static CompletableFuture<Response> json(CompletableFuture<?> result) {
    return json(result, COMMAND_TIMEOUT_MILLIS);
  }

  static CompletableFuture<Response> json(CompletableFuture<?> result, long timeoutMillis) {
    return result.orTimeout(timeoutMillis, TimeUnit.MILLISECONDS).thenApply(Response::json);
  }

  static CompletableFuture<Response> noContent(CompletableFuture<?> result) {
    return result
        .orTimeout(COMMAND_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)
        .thenApply(ignored -> Response.noContent());
  }
}
