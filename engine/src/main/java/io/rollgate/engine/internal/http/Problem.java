package io.rollgate.engine.internal.http;

/**
 * An RFC 9457 problem document, the body of every error response.
 *
 * @param type always {@code about:blank}: the title and status say it all
 * @param title a short code such as {@code INVALID_ARGUMENT} or {@code NOT_FOUND}
 * @param status the HTTP status
 * @param detail what is wrong, in words that say what to change
 * @param instance the request path
 */
record Problem(String type, String title, int status, String detail, String instance) {
  static Problem of(int status, String title, String detail, String path) {
    return new Problem("about:blank", title, status, detail, path);
  }
}
