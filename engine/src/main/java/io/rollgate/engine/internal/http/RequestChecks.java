package io.rollgate.engine.internal.http;

import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;

/**
 * What a request must pass before it reaches a route: the browser protection (the {@code Host} on
 * loopback, against DNS rebinding; the {@code Origin}, against cross-site requests), the content
 * type of its body, and the size of a JSON body.
 */
final class RequestChecks {
  private final HttpOptions options;
  private final String boundHost;
  private final boolean loopback;

  /**
   * @param host the address the engine listens on
   */
  RequestChecks(String host, HttpOptions options) {
    this.options = options;
    this.boundHost = hostName(host.contains(":") ? "[" + host + "]" : host);
    this.loopback = isLoopback(host);
  }

  /**
   * Why the request is refused before it reaches a route (a browser's cross-site request, DNS
   * rebinding, a body that is not JSON), or null.
   */
  Response refusal(FullHttpRequest http, String method, String path) {
    String host = http.headers().get(HttpHeaderNames.HOST);
    if (loopback && host != null && !allowedHost(hostName(host))) {
      return Response.problem(
          403,
          "FORBIDDEN",
          "The Host '"
              + host
              + "' is not this engine's: on loopback only localhost, 127.0.0.1, [::1], the bound"
              + " address and the configured allowed hosts are accepted.",
          path);
    }
    String origin = http.headers().get(HttpHeaderNames.ORIGIN);
    if (origin != null && !sameOrigin(origin, host)) {
      return Response.problem(
          403,
          "FORBIDDEN",
          "Cross-origin requests are refused (Origin '"
              + origin
              + "'); call the engine from a server.",
          path);
    }
    String contentType = http.headers().get(HttpHeaderNames.CONTENT_TYPE);
    boolean hasBody = http.content().isReadable();
    boolean deployment = path.equals("/v2/deployments");
    if ((hasBody || contentType != null)
        && !method.equals("GET")
        && !isJsonType(contentType)
        && !(deployment && isMultipart(contentType))) {
      return Response.problem(
          415,
          "UNSUPPORTED_MEDIA_TYPE",
          "The request body must be sent as Content-Type: "
              + (deployment ? "multipart/form-data" : "application/json")
              + ", was "
              + (contentType == null ? "none" : "'" + contentType + "'")
              + ".",
          path);
    }
    if (isJsonType(contentType) && http.content().readableBytes() > options.maxJsonBytes()) {
      return tooLarge(true);
    }
    return null;
  }

  Response tooLarge(boolean json) {
    return Response.problem(
        413,
        "PAYLOAD_TOO_LARGE",
        json
            ? "The JSON request body is larger than "
                + mebibytes(options.maxJsonBytes())
                + "; send fewer or smaller variables (large documents belong in a document store,"
                + " referenced by a variable)."
            : "The request body is larger than " + mebibytes(options.maxRequestBytes()) + ".",
        "");
  }

  private static String mebibytes(int bytes) {
    return bytes % (1024 * 1024) == 0 ? bytes / (1024 * 1024) + " MiB" : bytes + " bytes";
  }

  static boolean isJsonType(String contentType) {
    if (contentType == null) {
      return false;
    }
    String type = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
    return type.equals("application/json") || type.endsWith("+json");
  }

  private static boolean isMultipart(String contentType) {
    return contentType != null
        && contentType.strip().toLowerCase(Locale.ROOT).startsWith("multipart/form-data");
  }

  private boolean allowedHost(String name) {
    return name.equals("localhost")
        || name.equals("[::1]")
        || name.startsWith("127.")
        || name.equals(boundHost)
        || options.allowedHosts().contains(name);
  }

  /** The host name of a Host header or URI authority, lower case, without the port. */
  static String hostName(String hostAndPort) {
    String value = hostAndPort.strip().toLowerCase(Locale.ROOT);
    if (value.startsWith("[")) {
      int end = value.indexOf(']');
      return end < 0 ? value : value.substring(0, end + 1);
    }
    int colon = value.indexOf(':');
    return colon < 0 ? value : value.substring(0, colon);
  }

  /** Whether a browser's Origin is the engine's own address as the request named it. */
  private static boolean sameOrigin(String origin, String host) {
    if (host == null) {
      return false;
    }
    try {
      URI uri = new URI(origin.strip());
      if (uri.getHost() == null || uri.getScheme() == null) {
        return false;
      }
      String authority = uri.getRawAuthority().toLowerCase(Locale.ROOT);
      String expected = host.strip().toLowerCase(Locale.ROOT);
      return uri.getScheme().equalsIgnoreCase("http")
          && (authority.equals(expected) || (authority + ":80").equals(expected));
    } catch (URISyntaxException e) {
      return false;
    }
  }

  static boolean isLoopback(String host) {
    try {
      for (InetAddress address : InetAddress.getAllByName(host)) {
        if (!address.isLoopbackAddress()) {
          return false;
        }
      }
      return true;
    } catch (UnknownHostException e) {
      return false;
    }
  }
}
