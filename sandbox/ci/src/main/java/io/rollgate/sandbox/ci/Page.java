package io.rollgate.sandbox.ci;

import io.rollgate.sandbox.SimProblem;
import io.rollgate.sandbox.SimRequest;
import io.rollgate.sandbox.SimResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * {@code per_page} / {@code page} pagination as GitHub and GitLab do it, with a {@code Link} header
 * ({@code rel="next"}, {@code rel="last"}) when more pages exist.
 */
record Page(int perPage, int page, int total) {

  static Page of(SimRequest req, int total) {
    int perPage = number(req, "per_page", 30);
    int page = number(req, "page", 1);
    return new Page(Math.min(100, Math.max(1, perPage)), Math.max(1, page), total);
  }

  private static int number(SimRequest req, String name, int fallback) {
    try {
      return req.query(name).map(Integer::parseInt).orElse(fallback);
    } catch (NumberFormatException e) {
      throw new SimProblem(400, name + " must be a number");
    }
  }

  static <T> List<T> newestFirst(List<T> oldestFirst) {
    List<T> copy = new ArrayList<>(oldestFirst);
    Collections.reverse(copy);
    return copy;
  }

  <T> List<T> slice(List<T> all) {
    int from = Math.min(all.size(), (page - 1) * perPage);
    int to = Math.min(all.size(), from + perPage);
    return all.subList(from, to);
  }

  int lastPage() {
    return Math.max(1, (total + perPage - 1) / perPage);
  }

  SimResponse link(SimResponse response, String url, SimRequest req) {
    if (page >= lastPage()) {
      return response;
    }
    return response.header(
        "Link",
        "<"
            + url(url, req, page + 1)
            + ">; rel=\"next\", <"
            + url(url, req, lastPage())
            + ">; rel=\"last\"");
  }

  private static String url(String url, SimRequest req, int page) {
    StringJoiner query = new StringJoiner("&");
    for (Map.Entry<String, List<String>> e : req.query().entrySet()) {
      if (!e.getKey().equals("page")) {
        for (String v : e.getValue()) {
          query.add(enc(e.getKey()) + "=" + enc(v));
        }
      }
    }
    query.add("page=" + page);
    return url + "?" + query;
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
