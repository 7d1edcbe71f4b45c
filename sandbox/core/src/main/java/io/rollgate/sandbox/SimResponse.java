package io.rollgate.sandbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A simulator's answer: a status, headers and either a complete body or a stream that the handler
 * keeps writing to (server-sent events).
 */
public final class SimResponse {

  /** Writes a streamed body until the client goes away or the server closes. */
  @FunctionalInterface
  public interface Stream {
    void writeTo(OutputStream out) throws IOException, InterruptedException;
  }

  private final int status;
  private final Map<String, String> headers = new LinkedHashMap<>();
  private final byte[] body;
  private final Stream stream;

  private SimResponse(int status, byte[] body, Stream stream) {
    this.status = status;
    this.body = body;
    this.stream = stream;
  }

  public static SimResponse json(int status, Object value) {
    try {
      return new SimResponse(status, SimJson.MAPPER.writeValueAsBytes(value), null)
          .header("Content-Type", "application/json");
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not serialisable as JSON: " + value, e);
    }
  }

  public static SimResponse ok(Object value) {
    return json(200, value);
  }

  public static SimResponse empty(int status) {
    return new SimResponse(status, new byte[0], null);
  }

  public static SimResponse text(int status, String contentType, String text) {
    return new SimResponse(status, text.getBytes(StandardCharsets.UTF_8), null)
        .header("Content-Type", contentType);
  }

  public static SimResponse stream(String contentType, Stream stream) {
    return new SimResponse(200, null, stream).header("Content-Type", contentType);
  }

  public SimResponse header(String name, String value) {
    headers.put(name, value);
    return this;
  }

  public int status() {
    return status;
  }

  public Map<String, String> headers() {
    return headers;
  }

  byte[] body() {
    return body;
  }

  Stream streamBody() {
    return stream;
  }
}
