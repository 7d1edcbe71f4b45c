package io.rollgate.connector.servicenow;

import com.fasterxml.jackson.databind.JsonNode;
import io.rollgate.connector.NonRetryableException;
import io.rollgate.connector.servicenow.model.FieldValue;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the shapes the two APIs answer with: {@code result} as an object or an array, and each
 * field as a plain value, {@code {"value","display_value"}} or {@code {"link","value"}}.
 */
final class Records {

  private Records() {}

  /** The records of {@code result}, whether it is one object or an array. */
  static List<JsonNode> results(JsonNode body) {
    JsonNode result = body == null ? null : body.get("result");
    List<JsonNode> records = new ArrayList<>();
    if (result == null || result.isNull()) {
      return records;
    }
    if (result.isArray()) {
      result.forEach(records::add);
    } else {
      records.add(result);
    }
    return records;
  }

  /**
   * The one record of {@code result}.
   *
   * @throws NonRetryableException when the answer holds none
   */
  static JsonNode single(JsonNode body, String what) {
    List<JsonNode> records = results(body);
    if (records.isEmpty() || !records.get(0).isObject()) {
      throw new NonRetryableException(
          ServiceNowClient.SYSTEM, 200, "the answer holds no " + what + " record", null);
    }
    return records.get(0);
  }

  static FieldValue field(JsonNode record, String name) {
    return fieldValue(record.get(name));
  }

  static String value(JsonNode record, String name) {
    return field(record, name).value();
  }

  static FieldValue fieldValue(JsonNode node) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return FieldValue.EMPTY;
    }
    if (node.isObject()) {
      String value = text(node.get("value"));
      JsonNode display = node.get("display_value");
      return new FieldValue(value, display == null ? value : text(display));
    }
    String text = text(node);
    return new FieldValue(text, text);
  }

  static Map<String, FieldValue> fields(JsonNode record) {
    Map<String, FieldValue> fields = new LinkedHashMap<>();
    Iterator<Map.Entry<String, JsonNode>> it = record.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      if (!e.getKey().startsWith("__")) {
        fields.put(e.getKey(), fieldValue(e.getValue()));
      }
    }
    return fields;
  }

  /** Numbers without their fraction when it is zero ({@code 3.0} is {@code "3"}). */
  private static String text(JsonNode node) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return "";
    }
    if (node.isNumber()) {
      BigDecimal d = node.decimalValue().stripTrailingZeros();
      return d.scale() <= 0 ? d.toBigInteger().toString() : d.toPlainString();
    }
    return node.isValueNode() ? node.asText() : node.toString();
  }

  static int intValue(String text, int fallback) {
    try {
      return (int) Double.parseDouble(text.trim());
    } catch (NumberFormatException e) {
      return fallback;
    }
  }
}
