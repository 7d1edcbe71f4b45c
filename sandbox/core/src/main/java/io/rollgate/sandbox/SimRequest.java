package io.rollgate.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One request as a simulator handler sees it.
 *
 * @param pathParams values of the route's {@code {name}} segments
 * @param query query parameters, decoded
 * @param headers request headers; look them up with {@link #header}
 */
public record SimRequest(
    String method,
    String path,
    Map<String, String> pathParams,
    Map<String, List<String>> query,
    Map<String, List<String>> headers,
    byte[] body) {

  public String pathParam(String name) {
    return pathParams.get(name);
  }

  /** The first value of a query parameter. */
  public Optional<String> query(String name) {
    List<String> values = query.get(name);
    return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
  }

  /** The first value of a header, by case-insensitive name. */
  public Optional<String> header(String name) {
    for (Map.Entry<String, List<String>> e : headers.entrySet()) {
      if (e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty()) {
        return Optional.of(e.getValue().get(0));
      }
    }
    return Optional.empty();
  }

  public String bodyText() {
    return new String(body, StandardCharsets.UTF_8);
  }

  /**
   * The body as JSON.
   *
   * @throws SimProblem 400 when it is not JSON
   */
  public JsonNode json() {
    if (body.length == 0) {
      throw new SimProblem(400, "a JSON body is required");
    }
    try {
      return SimJson.MAPPER.readTree(body);
    } catch (IOException e) {
      throw new SimProblem(400, "the body is not JSON: " + e.getMessage());
    }
  }
}
