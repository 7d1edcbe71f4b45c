package io.rollgate.engine.internal.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The engine's one JSON mapper, and conversions between JSON text and variable values. */
public final class Json {
  /** Strict: unknown properties are errors, so a misspelt field never passes silently. */
  public static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          .serializationInclusion(JsonInclude.Include.NON_NULL)
          .withCoercionConfig(
              com.fasterxml.jackson.databind.type.LogicalType.Textual,
              // {"processDefinitionId":123} is a mistake to point out, not a string to guess
              config ->
                  config
                      .setCoercion(
                          com.fasterxml.jackson.databind.cfg.CoercionInputShape.Integer,
                          com.fasterxml.jackson.databind.cfg.CoercionAction.Fail)
                      .setCoercion(
                          com.fasterxml.jackson.databind.cfg.CoercionInputShape.Float,
                          com.fasterxml.jackson.databind.cfg.CoercionAction.Fail)
                      .setCoercion(
                          com.fasterxml.jackson.databind.cfg.CoercionInputShape.Boolean,
                          com.fasterxml.jackson.databind.cfg.CoercionAction.Fail))
          .build();

  private Json() {}

  /** A variable value as JSON text, as the variable endpoints return it. */
  public static String text(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("variable value is not JSON-serialisable", e);
    }
  }

  /**
   * Normalises a decoded JSON value so equal JSON gives equal Java values: whole numbers become
   * {@code Long}, other numbers {@code Double}.
   */
  public static Object normalize(Object value) {
    if (value instanceof Integer i) {
      return i.longValue();
    }
    if (value instanceof Short || value instanceof Byte) {
      return ((Number) value).longValue();
    }
    if (value instanceof BigInteger b) {
      return b.longValue();
    }
    if (value instanceof BigDecimal d) {
      return d.doubleValue();
    }
    if (value instanceof Float f) {
      return f.doubleValue();
    }
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> copy = new LinkedHashMap<>();
      map.forEach((k, v) -> copy.put(String.valueOf(k), normalize(v)));
      return copy;
    }
    if (value instanceof List<?> list) {
      List<Object> copy = new ArrayList<>(list.size());
      list.forEach(v -> copy.add(normalize(v)));
      return copy;
    }
    return value;
  }

  @SuppressWarnings("unchecked")
  public static Map<String, Object> normalizeDocument(Map<String, Object> document) {
    return document == null ? Map.of() : (Map<String, Object>) normalize(document);
  }
}
