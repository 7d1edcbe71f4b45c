package io.rollgate.engine.http;

/** What a route answers: a status and a JSON body, or raw text with its content type. */
record Response(int status, Object body, String contentType) {
  static Response json(Object body) {
    return new Response(200, body, "application/json");
  }

  static Response noContent() {
    return new Response(204, null, null);
  }

  static Response text(String text, String contentType) {
    return new Response(200, text, contentType);
  }
}
