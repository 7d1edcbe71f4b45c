package io.rollgate.engine.internal.http;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** Matches method and path against templates like {@code /v2/jobs/{jobKey}/completion}. */
final class Router {
  /** Handles a request without blocking: the answer arrives when the processor has one. */
  interface Route {
    CompletableFuture<Response> handle(Request request) throws Exception;
  }

  private record Entry(String method, String[] segments, Route route) {}

  record Match(Route route, Map<String, String> params) {}

  private final List<Entry> entries = new ArrayList<>();

  Router add(String method, String template, Route route) {
    entries.add(new Entry(method, template.substring(1).split("/"), route));
    return this;
  }

  /**
   * @return the matching route, or empty when no template matches the path
   * @throws HttpError 405 when the path matches but not with this method
   */
  Optional<Match> match(String method, String path) {
    String[] parts = path.substring(1).split("/");
    boolean pathKnown = false;
    for (Entry entry : entries) {
      Map<String, String> params = matchPath(entry.segments(), parts);
      if (params == null) {
        continue;
      }
      pathKnown = true;
      if (entry.method().equals(method)) {
        return Optional.of(new Match(entry.route(), params));
      }
    }
    if (pathKnown) {
      throw new HttpError(405, "METHOD_NOT_ALLOWED", method + " is not allowed on " + path);
    }
    return Optional.empty();
  }

  private static Map<String, String> matchPath(String[] template, String[] parts) {
    if (template.length != parts.length) {
      return null;
    }
    Map<String, String> params = new HashMap<>();
    for (int i = 0; i < template.length; i++) {
      String t = template[i];
      if (t.startsWith("{") && t.endsWith("}")) {
        params.put(t.substring(1, t.length() - 1), parts[i]);
      } else if (!t.equals(parts[i])) {
        return null;
      }
    }
    return params;
  }
}
