package io.rollgate.engine.internal.http;

/** A request that cannot be served, answered as a problem document with this status. */
final class HttpError extends RuntimeException {
  final int status;
  final String title;

  HttpError(int status, String title, String detail) {
    super(detail);
    this.status = status;
    this.title = title;
  }

  static HttpError badRequest(String detail) {
    return new HttpError(400, "INVALID_ARGUMENT", detail);
  }
}
