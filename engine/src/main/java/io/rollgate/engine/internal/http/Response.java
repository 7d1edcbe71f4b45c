package io.rollgate.engine.internal.http;

/**
 * What a route answers: a status and a JSON body, or raw text with its content type.
 *
 * @param undelivered run when the answer cannot be written because the connection is gone, or null
 */
record Response(int status, Object body, String contentType, Runnable undelivered) {
  Response(int status, Object body, String contentType) {
    this(status, body, contentType, null);
  }

  static Response json(Object body) {
    return new Response(200, body, "application/json");
  }

  static Response noContent() {
    return new Response(204, null, null);
  }

  static Response text(String text, String contentType) {
    return new Response(200, text, contentType);
  }

  /** An RFC 9457 problem document with its status. */
  static Response problem(int status, String title, String detail, String path) {
    return new Response(
        status, Problem.of(status, title, detail, path), "application/problem+json");
  }
}
