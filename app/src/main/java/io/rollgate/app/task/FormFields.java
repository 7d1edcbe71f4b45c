package io.rollgate.app.task;

import com.fasterxml.jackson.databind.JsonNode;
import io.rollgate.app.problem.FieldProblem;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The input fields of a Camunda Form (form-js schema) and the checks the form itself makes on a
 * submission: only the form's fields, required ones given, text lengths, and a select's or radio's
 * value among its options. A field hidden by a condition is not required.
 */
final class FormFields {

  /** One field the form submits. */
  private record Field(
      String key,
      String type,
      boolean required,
      int minLength,
      int maxLength,
      List<String> options) {}

  private final Map<String, Field> fields;

  private FormFields(Map<String, Field> fields) {
    this.fields = fields;
  }

  static FormFields of(JsonNode schema) {
    Map<String, Field> fields = new LinkedHashMap<>();
    collect(schema.path("components"), fields);
    return new FormFields(fields);
  }

  private static void collect(JsonNode components, Map<String, Field> fields) {
    for (JsonNode component : components) {
      if (component.hasNonNull("key")) {
        List<String> options = new ArrayList<>();
        component.path("values").forEach(v -> options.add(v.path("value").asText()));
        JsonNode validate = component.path("validate");
        String key = component.get("key").asText();
        fields.put(
            key,
            new Field(
                key,
                component.path("type").asText(),
                // a field a condition may hide cannot be required of every submission
                validate.path("required").asBoolean(false) && !component.has("conditional"),
                validate.path("minLength").asInt(0),
                validate.path("maxLength").asInt(Integer.MAX_VALUE),
                options));
      }
      collect(component.path("components"), fields);
    }
  }

  /** Every reason the submission does not fit the form, one per field; empty when it fits. */
  List<FieldProblem> check(Map<String, Object> submitted) {
    List<FieldProblem> problems = new ArrayList<>();
    submitted.keySet().stream()
        .filter(key -> !fields.containsKey(key))
        .sorted()
        .forEach(
            key ->
                problems.add(
                    new FieldProblem(
                        "variables." + key,
                        "is not a field of the task's form; its fields: "
                            + String.join(", ", fields.keySet()))));
    fields.values().forEach(field -> check(field, submitted.get(field.key()), problems));
    return problems;
  }

  private static void check(Field field, Object value, List<FieldProblem> problems) {
    String name = "variables." + field.key();
    if (empty(value)) {
      if (field.required()) {
        problems.add(new FieldProblem(name, "is required"));
      }
      return;
    }
    if (!field.options().isEmpty() && !"checklist".equals(field.type())) {
      if (!field.options().contains(String.valueOf(value))) {
        problems.add(
            new FieldProblem(name, "must be one of " + String.join(", ", field.options())));
      }
      return;
    }
    if ("checklist".equals(field.type())) {
      if (!(value instanceof Collection<?>)) {
        problems.add(new FieldProblem(name, "must be a list"));
      }
      return;
    }
    if (field.minLength() > 0 || field.maxLength() < Integer.MAX_VALUE) {
      int length = String.valueOf(value).length();
      if (!(value instanceof String) || length < field.minLength() || length > field.maxLength()) {
        problems.add(
            new FieldProblem(
                name,
                "must be text of "
                    + field.minLength()
                    + " to "
                    + field.maxLength()
                    + " characters"));
      }
    }
  }

  private static boolean empty(Object value) {
    return value == null
        || value instanceof String text && text.isBlank()
        || value instanceof Collection<?> list && list.isEmpty();
  }
}
