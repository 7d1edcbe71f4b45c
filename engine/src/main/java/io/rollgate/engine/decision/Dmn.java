package io.rollgate.engine.decision;

import io.rollgate.engine.feel.Feel;
import java.io.ByteArrayInputStream;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import org.camunda.dmn.Audit;
import org.camunda.dmn.DmnEngine;
import org.camunda.dmn.parser.ParsedDecision;
import org.camunda.dmn.parser.ParsedDecisionTable;
import org.camunda.dmn.parser.ParsedDmn;
import org.camunda.dmn.parser.ParsedLiteralExpression;
import org.camunda.feel.syntaxtree.Val;
import org.camunda.feel.valuemapper.ValueMapper;
import scala.jdk.javaapi.CollectionConverters;
import scala.util.Either;

/**
 * Parses and evaluates DMN with the DMN Scala engine. Values come back as the engine's JSON-like
 * Java values (maps, lists, strings, numbers, booleans, null). Thread-safe.
 */
public final class Dmn {

  /**
   * One decision of a parsed graph. {@code type} is {@code DECISION_TABLE}, ...; {@code versionTag}
   * is the decision's {@code zeebe:versionTag}, or null.
   */
  public record DecisionInfo(String decisionId, String name, String type, String versionTag) {}

  /** A parsed DMN resource: its decision requirements graph. */
  public record Graph(String id, String name, List<DecisionInfo> decisions, ParsedDmn parsed) {}

  /** An evaluated input of a decision table. */
  public record Input(String id, String name, Object value) {}

  /** An evaluated output of a matched rule. */
  public record Output(String id, String name, Object value) {}

  /** A matched rule; {@code index} counts from 1 in the table's order. */
  public record Rule(String id, int index, List<Output> outputs) {}

  /** One decision the evaluation went through, required decisions first. */
  public record Evaluated(
      String decisionId, Object output, List<Input> inputs, List<Rule> matchedRules) {}

  /**
   * The outcome: {@code output} of the called decision, or {@code failureMessage} and the decision
   * that failed. {@code evaluated} lists every decision evaluated up to the end or the failure.
   */
  public record Evaluation(
      Object output, List<Evaluated> evaluated, String failedDecisionId, String failureMessage) {
    public boolean failed() {
      return failureMessage != null;
    }
  }

  private static final ValueMapper VALUES = ValueMapper.defaultValueMapper();

  private final DmnEngine engine;

  public Dmn(LongSupplier clockMillis) {
    this.engine =
        new DmnEngine.Builder()
            .clock(
                () ->
                    ZonedDateTime.ofInstant(
                        Instant.ofEpochMilli(clockMillis.getAsLong()), ZoneOffset.UTC))
            .build();
  }

  /**
   * Parses a DMN resource.
   *
   * @throws IllegalArgumentException with the parser's message when it is not valid DMN or contains
   *     no decision
   */
  public Graph parse(byte[] xml) {
    Either<DmnEngine.Failure, ParsedDmn> result = engine.parse(new ByteArrayInputStream(xml));
    if (result.isLeft()) {
      throw new IllegalArgumentException(result.left().get().message());
    }
    ParsedDmn parsed = result.right().get();
    List<DecisionInfo> decisions = new ArrayList<>();
    for (ParsedDecision d : CollectionConverters.asJava(parsed.decisions())) {
      decisions.add(
          new DecisionInfo(
              d.id(), d.name() == null ? d.id() : d.name(), typeOf(d), versionTag(parsed, d.id())));
    }
    if (decisions.isEmpty()) {
      throw new IllegalArgumentException("it contains no decision");
    }
    var definitions = parsed.model().getDefinitions();
    String name = definitions.getName() == null ? definitions.getId() : definitions.getName();
    return new Graph(definitions.getId(), name, List.copyOf(decisions), parsed);
  }

  /**
   * The value of a decision's {@code <zeebe:versionTag value="..."/>} extension element, as Camunda
   * 8 reads it, or null when it has none.
   */
  private static String versionTag(ParsedDmn parsed, String decisionId) {
    var element = parsed.model().getModelElementById(decisionId);
    if (!(element instanceof org.camunda.bpm.model.dmn.instance.Decision decision)
        || decision.getExtensionElements() == null) {
      return null;
    }
    for (var child : decision.getExtensionElements().getDomElement().getChildElements()) {
      if ("versionTag".equals(child.getLocalName())
          && ZEEBE_NAMESPACE.equals(child.getNamespaceURI())) {
        String value = child.getAttribute("value");
        return value == null || value.isBlank() ? null : value;
      }
    }
    return null;
  }

  private static final String ZEEBE_NAMESPACE = "http://camunda.org/schema/zeebe/1.0";

  /** Evaluates {@code decisionId} of a parsed graph with the given variables. */
  public Evaluation evaluate(Graph graph, String decisionId, Map<String, Object> variables) {
    var result = engine.eval(graph.parsed(), decisionId, variables);
    if (result.isRight()) {
      DmnEngine.EvalResult ok = result.right().get();
      return new Evaluation(
          ok.isNil() ? null : toJson(ok.value()), audit(ok.auditLog()), null, null);
    }
    DmnEngine.EvalFailure failure = result.left().get();
    List<Evaluated> evaluated = audit(failure.auditLog());
    return new Evaluation(
        null, evaluated, failedDecision(graph, decisionId, evaluated), failure.failure().message());
  }

  /**
   * The decision that failed: the first one, required decisions first, that the audit log has no
   * entry for; the called decision when all of them have one.
   */
  private static String failedDecision(Graph graph, String calledId, List<Evaluated> evaluated) {
    scala.Option<ParsedDecision> called = graph.parsed().decisionsById().get(calledId);
    if (called.isEmpty()) {
      return calledId;
    }
    java.util.Set<String> done = new java.util.HashSet<>();
    evaluated.forEach(e -> done.add(e.decisionId()));
    return firstUnevaluated(called.get(), done).orElse(calledId);
  }

  private static java.util.Optional<String> firstUnevaluated(
      ParsedDecision decision, java.util.Set<String> done) {
    for (ParsedDecision required : CollectionConverters.asJava(decision.requiredDecisions())) {
      java.util.Optional<String> failed = firstUnevaluated(required, done);
      if (failed.isPresent()) {
        return failed;
      }
    }
    return done.contains(decision.id())
        ? java.util.Optional.empty()
        : java.util.Optional.of(decision.id());
  }

  private static List<Evaluated> audit(Audit.AuditLog log) {
    List<Evaluated> evaluated = new ArrayList<>();
    if (log == null) {
      return evaluated;
    }
    for (Audit.AuditLogEntry entry : CollectionConverters.asJava(log.entries())) {
      if (!(entry.decisionLogic() instanceof ParsedDecisionTable)
          && !(entry.decisionLogic() instanceof ParsedLiteralExpression)) {
        continue;
      }
      List<Input> inputs = new ArrayList<>();
      List<Rule> rules = new ArrayList<>();
      if (entry.result() instanceof Audit.DecisionTableEvaluationResult table) {
        for (Audit.EvaluatedInput in : CollectionConverters.asJava(table.inputs())) {
          inputs.add(
              new Input(
                  in.input().id(), labelOf(in.input().name(), in.input().id()), value(in.value())));
        }
        List<org.camunda.dmn.parser.ParsedRule> all = new ArrayList<>();
        CollectionConverters.asJava(((ParsedDecisionTable) entry.decisionLogic()).rules())
            .forEach(all::add);
        for (Audit.EvaluatedRule rule : CollectionConverters.asJava(table.matchedRules())) {
          List<Output> outputs = new ArrayList<>();
          for (Audit.EvaluatedOutput out : CollectionConverters.asJava(rule.outputs())) {
            outputs.add(new Output(out.output().id(), out.output().name(), value(out.value())));
          }
          rules.add(new Rule(rule.rule().id(), all.indexOf(rule.rule()) + 1, outputs));
        }
      }
      Object output = entry.result() == null ? null : value(entry.result().result());
      evaluated.add(new Evaluated(entry.id(), output, inputs, rules));
    }
    return evaluated;
  }

  private static String labelOf(String name, String id) {
    return name == null || name.isBlank() ? id : name;
  }

  private static String typeOf(ParsedDecision decision) {
    if (decision.logic() instanceof ParsedDecisionTable) {
      return "DECISION_TABLE";
    }
    if (decision.logic() instanceof ParsedLiteralExpression) {
      return "LITERAL_EXPRESSION";
    }
    return "UNSPECIFIED";
  }

  private static Object value(Val val) {
    if (val == null) {
      return null;
    }
    Object unpacked = VALUES.unpackVal(val);
    // An error value has no plain form; its text says what went wrong.
    return unpacked instanceof Val ? unpacked.toString() : toJson(unpacked);
  }

  /** Converts the engine's Scala values to Java JSON-like values; the rest as FEEL results are. */
  static Object toJson(Object value) {
    if (value instanceof scala.collection.Map<?, ?> map) {
      Map<String, Object> copy = new LinkedHashMap<>();
      CollectionConverters.asJava(map).forEach((k, v) -> copy.put(String.valueOf(k), toJson(v)));
      return copy;
    }
    if (value instanceof scala.collection.Iterable<?> list) {
      List<Object> copy = new ArrayList<>();
      CollectionConverters.asJava(list).forEach(v -> copy.add(toJson(v)));
      return copy;
    }
    if (value instanceof scala.Option<?> option) {
      return option.isEmpty() ? null : toJson(option.get());
    }
    if (value instanceof Val val) {
      return value(val);
    }
    return Feel.toJsonValue(value);
  }
}
