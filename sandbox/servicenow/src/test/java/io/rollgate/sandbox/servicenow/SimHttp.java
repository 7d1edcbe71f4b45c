package io.rollgate.sandbox.servicenow;

import com.fasterxml.jackson.databind.JsonNode;
import io.rollgate.sandbox.SimJson;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** A raw HTTP caller for the simulator's tests, authenticated with Basic admin/admin. */
final class SimHttp {

  record Answer(int status, JsonNode json, HttpResponse<String> raw) {}

  private final HttpClient http = HttpClient.newHttpClient();
  private final URI base;
  private String authorization =
      "Basic " + Base64.getEncoder().encodeToString("admin:admin".getBytes(StandardCharsets.UTF_8));

  SimHttp(URI base) {
    this.base = base;
  }

  SimHttp authorization(String value) {
    this.authorization = value;
    return this;
  }

  Answer send(String method, String path, String json) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(base + path)).header("Accept", "application/json");
    if (authorization != null) {
      b.header("Authorization", authorization);
    }
    if (json != null) {
      b.header("Content-Type", "application/json");
    }
    b.method(
        method,
        json == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(json));
    HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    JsonNode body = r.body().isEmpty() ? null : SimJson.MAPPER.readTree(r.body());
    return new Answer(r.statusCode(), body, r);
  }

  Answer form(String path, String form) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(base + path))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form))
            .build();
    HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
    return new Answer(r.statusCode(), SimJson.MAPPER.readTree(r.body()), r);
  }
}
