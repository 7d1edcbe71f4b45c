package io.rollgate.engine.internal.feel;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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

  /**
   * Brackets ({@code ( [ \{}) nested deeper than this are refused before parsing: the parser
   * recurses per level and overflows the stack at about 200.
   */
  public static final int MAX_NESTING = 50;

  /** Operators in one expression beyond this are refused before parsing (at most 250). */
  public static final int MAX_OPERATORS = 250;

  /** A parsed expression tree deeper than this is refused: evaluation recurses per level. */
  public static final int MAX_DEPTH = 200;

  /** FEEL constructs whose cost is not bounded by the size of their input. */
  private static final Set<String> UNBOUNDED =
      Set.of("For", "SomeItem", "EveryItem", "FunctionDefinition", "IterationContext");

  /** Built-in functions that run regular expressions, which can backtrack for a long time. */
  private static final Set<String> REGEX_FUNCTIONS =
      Set.of("matches", "replace", "split", "extract");

  private final FeelEngineApi engine;
  private final EvaluationBudget budget;

  /**
   * @param clockMillis the engine clock (epoch milliseconds) that {@code now()} and {@code today()}
   *     read
   */
  public Feel(LongSupplier clockMillis) {
    this(clockMillis, EvaluationBudget.defaults());
  }

  /**
   * @param clockMillis the engine clock (epoch milliseconds) that {@code now()} and {@code today()}
   *     read
   * @param budget bounds evaluations that loop or recurse
   */
  public Feel(LongSupplier clockMillis, EvaluationBudget budget) {
    this.budget = budget;
    FeelEngineClock clock =
        () ->
            ZonedDateTime.ofInstant(Instant.ofEpochMilli(clockMillis.getAsLong()), ZoneOffset.UTC);
    this.engine = FeelEngineBuilder.forJava().withClock(clock).build();
    // the first evaluation in a JVM loads the FEEL engine's classes: do that here, outside any
    // evaluation's budget, so that a model's first expression is not measured for it
    engine.evaluateExpression("count([1, 2]) + 1", Map.of());
  }

  private volatile boolean replaying;

  /**
   * While the journal is replayed, models deployed before a limit existed must load as they did:
   * the size limits of new expressions are not applied, and evaluations get the larger replay
   * budget ({@link EvaluationBudget#replaying}).
   */
  public void replaying(boolean replaying) {
    this.replaying = replaying;
    budget.replaying(replaying);
  }

  /** Whether the limits of new deployments apply now (not while the journal is replayed). */
  public boolean checksLimits() {
    return !replaying;
  }

  /** The budget that bounds evaluations that loop or recurse. */
  public EvaluationBudget budget() {
    return budget;
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
    return parsed(raw, trimmed.substring(1));
  }

  /** Parses text that is always FEEL, with or without a leading {@code =} (e.g. conditions). */
  public Expression parseAlwaysFeel(String raw) {
    String trimmed = raw.strip();
    String feel = trimmed.startsWith("=") ? trimmed.substring(1) : trimmed;
    return parsed(raw, feel);
  }

  private Expression parsed(String raw, String feel) {
    if (checksLimits()) {
      checkSize(feel);
    }
    ParseResult result;
    try {
      result = engine.parseExpression(feel);
    } catch (StackOverflowError e) {
      throw new EvaluationException("the expression is nested too deeply to parse");
    }
    if (result.isFailure()) {
      throw new EvaluationException(result.failure().message());
    }
    org.camunda.feel.syntaxtree.ParsedExpression parsed = result.parsedExpression();
    return new Expression(raw, parsed, checkTree(parsed.expression(), checksLimits()));
  }

  /**
   * Refuses, without parsing, text nested or chained beyond what parsing and evaluation can take
   * ({@link #MAX_NESTING}, {@link #MAX_OPERATORS}).
   *
   * @throws EvaluationException saying which limit the text exceeds
   */
  public static void checkSize(String feel) {
    int depth = 0;
    int deepest = 0;
    int operators = 0;
    char quote = 0;
    for (int i = 0; i < feel.length(); i++) {
      char c = feel.charAt(i);
      if (quote != 0) {
        if (c == '\\') {
          i++;
        } else if (c == quote) {
          quote = 0;
        }
        continue;
      }
      switch (c) {
        case '"' -> quote = c;
        case '(', '[', '{' -> deepest = Math.max(deepest, ++depth);
        case ')', ']', '}' -> depth--;
        case '+', '-', '*', '/', '<', '>', '=' -> operators++;
        default -> {}
      }
    }
    if (deepest > MAX_NESTING) {
      throw new EvaluationException(
          "brackets are nested " + deepest + " deep; at most " + MAX_NESTING + " are allowed");
    }
    if (operators > MAX_OPERATORS) {
      throw new EvaluationException(
          "the expression has "
              + operators
              + " operators; at most "
              + MAX_OPERATORS
              + " are allowed (split it into several)");
    }
  }

  /**
   * Checks the depth of a parsed tree without recursion and tells whether it contains a construct
   * whose cost is not bounded by its input ({@link #UNBOUNDED}, regular expressions).
   */
  private static boolean checkTree(Object root, boolean limitDepth) {
    ArrayDeque<Object[]> stack = new ArrayDeque<>();
    stack.push(new Object[] {root, 1});
    boolean unbounded = false;
    while (!stack.isEmpty()) {
      Object[] top = stack.pop();
      Object node = top[0];
      int depth = (Integer) top[1];
      if (limitDepth && depth > MAX_DEPTH) {
        throw new EvaluationException(
            "the expression is nested more than " + MAX_DEPTH + " levels deep");
      }
      String kind = node.getClass().getSimpleName();
      if (UNBOUNDED.contains(kind)) {
        unbounded = true;
      }
      if (node instanceof org.camunda.feel.syntaxtree.FunctionInvocation call
          && REGEX_FUNCTIONS.contains(call.function())) {
        unbounded = true;
      }
      if (node instanceof scala.collection.Iterable<?> items) {
        // lists are walked at the same depth: a long argument list is not a deep tree
        scala.collection.Iterator<?> it = items.iterator();
        while (it.hasNext()) {
          stack.push(new Object[] {it.next(), depth});
        }
      } else if (node instanceof scala.Product product) {
        for (int i = 0; i < product.productArity(); i++) {
          stack.push(new Object[] {product.productElement(i), depth + 1});
        }
      }
    }
    return unbounded;
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
    EvaluationResult result;
    if (expression.unbounded()) {
      result =
          budget.run(
              "the expression '" + abbreviate(expression.source()) + "'",
              () -> engine.evaluate(expression.parsed(), variables));
    } else {
      try {
        result = engine.evaluate(expression.parsed(), variables);
      } catch (StackOverflowError e) {
        throw new EvaluationException(
            "the expression '" + abbreviate(expression.source()) + "' is nested too deeply");
      }
    }
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

  /** Long expression text cut for messages. */
  public static String abbreviate(String text) {
    return text.length() <= 100 ? text : text.substring(0, 100) + "…";
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
    if (value instanceof TemporalAccessor || value instanceof Duration) {
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
