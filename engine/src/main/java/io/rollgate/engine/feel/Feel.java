package io.rollgate.engine.feel;

import java.math.BigDecimal;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.camunda.feel.FeelEngineClock;
import org.camunda.feel.api.EvaluationResult;
import org.camunda.feel.api.FeelEngineApi;
import org.camunda.feel.api.FeelEngineBuilder;
import org.camunda.feel.api.ParseResult;

/**
 * Parses and evaluates the FEEL expressions of deployed models. Results are plain Java values as
 * JSON would hold them: {@code String}, {@code Long}, {@code Double}, {@code Boolean}, {@code
 * List}, {@code Map} or {@code null}; dates and times become ISO-8601 strings.
 *
 * <p>Thread-safe; {@code now()} in an expression reads the supplied engine clock.
 */
public final class Feel {

  private final FeelEngineApi engine;

  /**
   * @param clockMillis the engine clock (epoch milliseconds) that {@code now()} and {@code today()}
   *     read
   */
  public Feel(LongSupplier clockMillis) {
    FeelEngineClock clock =
        () ->
            ZonedDateTime.ofInstant(
                java.time.Instant.ofEpochMilli(clockMillis.getAsLong()), java.time.ZoneOffset.UTC);
    this.engine = FeelEngineBuilder.forJava().withClock(clock).build();
  }

  /**
   * Parses an attribute value: text starting with {@code =} is FEEL, anything else is static.
   *
   * @return the expression, or {@code null} when {@code raw} is {@code null}
   * @throws EvaluationException when the FEEL text does not parse; the message says why
   */
  public Expression parse(String raw) {
    if (raw == null) {
      return null;
    }
    String trimmed = raw.strip();
    if (!trimmed.startsWith("=")) {
      return new Expression(raw, null);
    }
    return new Expression(raw, parseFeel(trimmed.substring(1)));
  }

  /** Parses text that is always FEEL, with or without a leading {@code =} (e.g. conditions). */
  public Expression parseAlwaysFeel(String raw) {
    String trimmed = raw.strip();
    String feel = trimmed.startsWith("=") ? trimmed.substring(1) : trimmed;
    return new Expression(raw, parseFeel(feel));
  }

  private org.camunda.feel.syntaxtree.ParsedExpression parseFeel(String feel) {
    ParseResult result = engine.parseExpression(feel);
    if (result.isFailure()) {
      throw new EvaluationException(result.failure().message());
    }
    return result.parsedExpression();
  }

  /**
   * Evaluates an expression against the visible variables.
   *
   * @throws EvaluationException when evaluation fails
   */
  public Object evaluate(Expression expression, Map<String, Object> variables) {
    if (expression.isStatic()) {
      return expression.source();
    }
    EvaluationResult result = engine.evaluate(expression.parsed(), variables);
    if (result.isFailure()) {
      throw new EvaluationException(
          "failed to evaluate expression '"
              + expression.source()
              + "': "
              + result.failure().message());
    }
    return toJsonValue(result.result());
  }

  /** Evaluates and requires a boolean (a condition); {@code null} counts as false. */
  public boolean evaluateCondition(Expression expression, Map<String, Object> variables) {
    Object value = evaluate(expression, variables);
    if (value == null) {
      return false;
    }
    if (value instanceof Boolean b) {
      return b;
    }
    throw new EvaluationException(
        "expected condition '"
            + expression.source()
            + "' to be a boolean, but it was "
            + describe(value));
  }

  /** Evaluates and requires a non-empty string; a number is accepted and written as text. */
  public String evaluateString(Expression expression, Map<String, Object> variables) {
    Object value = evaluate(expression, variables);
    if (value instanceof String s && !s.isBlank()) {
      return s;
    }
    if (value instanceof Number n) {
      return n.toString();
    }
    throw new EvaluationException(
        "expected '"
            + expression.source()
            + "' to be a non-empty string, but it was "
            + describe(value));
  }

  /** Evaluates and requires a whole number. */
  public long evaluateLong(Expression expression, Map<String, Object> variables) {
    Object value = evaluate(expression, variables);
    if (value instanceof Long l) {
      return l;
    }
    if (value instanceof String s) {
      Optional<Long> parsed = parseLong(s);
      if (parsed.isPresent()) {
        return parsed.get();
      }
    }
    if (value instanceof Double d && d == Math.rint(d)) {
      return d.longValue();
    }
    throw new EvaluationException(
        "expected '"
            + expression.source()
            + "' to be a whole number, but it was "
            + describe(value));
  }

  private static Optional<Long> parseLong(String s) {
    try {
      return Optional.of(Long.parseLong(s.strip()));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  static String describe(Object value) {
    if (value == null) {
      return "null";
    }
    String type =
        value instanceof String
            ? "string"
            : value instanceof Number
                ? "number"
                : value instanceof Boolean
                    ? "boolean"
                    : value instanceof List ? "list" : value instanceof Map ? "context" : "value";
    return "the " + type + " " + (value instanceof String ? "'" + value + "'" : value);
  }

  /**
   * Converts FEEL's Java results (Scala collection wrappers, temporals, BigDecimal) to JSON values.
   */
  public static Object toJsonValue(Object value) {
    if (value == null || value instanceof String || value instanceof Boolean) {
      return value;
    }
    if (value instanceof Long || value instanceof Double) {
      return value;
    }
    if (value instanceof Integer i) {
      return i.longValue();
    }
    if (value instanceof BigDecimal d) {
      return normalize(d);
    }
    if (value instanceof Number n) {
      return n.doubleValue();
    }
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> copy = new LinkedHashMap<>();
      map.forEach((k, v) -> copy.put(String.valueOf(k), toJsonValue(v)));
      return copy;
    }
    if (value instanceof Iterable<?> list) {
      List<Object> copy = new ArrayList<>();
      list.forEach(v -> copy.add(toJsonValue(v)));
      return copy;
    }
    if (value instanceof TemporalAccessor || value instanceof java.time.Duration) {
      return value.toString();
    }
    return value.toString();
  }

  private static Object normalize(BigDecimal d) {
    try {
      return d.longValueExact();
    } catch (ArithmeticException e) {
      return d.doubleValue();
    }
  }
}
