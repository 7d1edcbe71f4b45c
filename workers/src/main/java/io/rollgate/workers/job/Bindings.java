package io.rollgate.workers.job;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Job variables to input records, by record component name. Every component is a required variable
 * unless marked {@link MayBeAbsent}: absent, {@code null} or a blank string is refused with the
 * variable's name, before the record's own checks run.
 */
final class Bindings {

  private static final ObjectMapper JSON =
      new ObjectMapper()
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

  private Bindings() {}

  /** The variable names a record reads or writes: its component names, in order. */
  static List<String> names(Class<? extends Record> type) {
    return Arrays.stream(type.getRecordComponents()).map(RecordComponent::getName).toList();
  }

  /**
   * @throws InvalidVariableException naming the first variable that is missing, blank, of the wrong
   *     type, or refused by the record
   */
  static <I extends Record> I bind(Map<String, Object> variables, Class<I> type) {
    Map<String, Object> wanted = new LinkedHashMap<>();
    for (RecordComponent component : type.getRecordComponents()) {
      String name = component.getName();
      Object value = variables.get(name);
      if (value == null && component.isAnnotationPresent(MayBeAbsent.class)) {
        continue;
      }
      if (value == null) {
        throw new InvalidVariableException(name, "is missing");
      }
      if (value instanceof String text && text.isBlank()) {
        throw new InvalidVariableException(name, "is blank");
      }
      wanted.put(name, value);
    }
    try {
      return JSON.convertValue(wanted, type);
    } catch (IllegalArgumentException e) {
      throw explain(e, wanted);
    }
  }

  private static RuntimeException explain(IllegalArgumentException e, Map<String, Object> values) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof InvalidVariableException invalid) {
        return invalid;
      }
    }
    if (e.getCause() instanceof MismatchedInputException mismatch
        && !mismatch.getPath().isEmpty()) {
      JsonMappingException.Reference ref = mismatch.getPath().get(0);
      String name = ref.getFieldName();
      return new InvalidVariableException(
          name,
          "is "
              + describe(values.get(name))
              + "; expected "
              + mismatch.getTargetType().getSimpleName());
    }
    return new InvalidVariableException("?", "cannot be read: " + e.getMessage());
  }

  private static String describe(Object value) {
    return value instanceof String ? "\"" + value + "\"" : String.valueOf(value);
  }
}
