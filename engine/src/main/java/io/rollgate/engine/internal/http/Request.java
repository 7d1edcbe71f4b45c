package io.rollgate.engine.internal.http;

import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * A decoded HTTP request as a route sees it.
 *
 * @param closed completes when the client's connection closes
 */
record Request(
    String method,
    String path,
    Map<String, String> pathParams,
    String contentType,
    byte[] body,
    CompletableFuture<Void> closed) {

  Request(
      String method, String path, Map<String, String> pathParams, String contentType, byte[] body) {
    this(method, path, pathParams, contentType, body, new CompletableFuture<>());
  }

  /** A path parameter that is an entity key: a 64-bit number. */
  long key(String name) {
    String raw = pathParams.get(name);
    try {
      return Long.parseLong(raw);
    } catch (NumberFormatException e) {
      throw HttpError.badRequest(
          "The " + name + " '" + raw + "' in the path is not a key: expected a 64-bit number.");
    }
  }

  boolean hasBody() {
    return body.length > 0;
  }
}
