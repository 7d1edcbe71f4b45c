package io.rollgate.sandbox.servicenow;

import io.rollgate.sandbox.SimProblem;
import io.rollgate.sandbox.SimRequest;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@code sysparm_limit} / {@code sysparm_offset} and the {@code Link} header they lead to. */
record Paging(int offset, int limit) {

  static Paging of(SimRequest req, int defaultLimit) {
    int offset = number(req, "sysparm_offset", 0);
    int limit = number(req, "sysparm_limit", defaultLimit);
    if (offset < 0 || limit < 1) {
      throw new SimProblem(400, "sysparm_offset must not be negative and sysparm_limit positive");
    }
    return new Paging(offset, limit);
  }

  private static int number(SimRequest req, String name, int fallback) {
    Optional<String> v = req.query(name);
    try {
      return v.map(Integer::parseInt).orElse(fallback);
    } catch (NumberFormatException e) {
      throw new SimProblem(400, name + " must be a number, got '" + v.get() + "'");
    }
  }

  <T> List<T> slice(List<T> all) {
    if (offset >= all.size()) {
      return List.of();
    }
    return all.subList(offset, Math.min(all.size(), offset + limit));
  }

  /** {@code first}, {@code prev}, {@code next} and {@code last} links, as the Table API sends. */
  Optional<String> link(URI base, SimRequest req, int total) {
    List<String> links = new ArrayList<>();
    links.add(link(base, req, 0, "first"));
    if (offset > 0) {
      links.add(link(base, req, Math.max(0, offset - limit), "prev"));
    }
    if (offset + limit < total) {
      links.add(link(base, req, offset + limit, "next"));
    }
    int last = total == 0 ? 0 : ((total - 1) / limit) * limit;
    links.add(link(base, req, last, "last"));
    return Optional.of(String.join(",", links));
  }

  private String link(URI base, SimRequest req, int at, String rel) {
    StringBuilder url = new StringBuilder(base.toString()).append(req.path()).append('?');
    for (Map.Entry<String, List<String>> e : req.query().entrySet()) {
      if (e.getKey().equals("sysparm_offset") || e.getKey().equals("sysparm_limit")) {
        continue;
      }
      for (String v : e.getValue()) {
        url.append(encode(e.getKey())).append('=').append(encode(v)).append('&');
      }
    }
    url.append("sysparm_limit=").append(limit).append("&sysparm_offset=").append(at);
    return "<" + url + ">;rel=\"" + rel + "\"";
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
