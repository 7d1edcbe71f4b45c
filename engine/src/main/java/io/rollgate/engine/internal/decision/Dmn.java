package io.rollgate.engine.internal.decision;

import io.rollgate.engine.internal.feel.EvaluationBudget;
import io.rollgate.engine.internal.feel.EvaluationException;
import io.rollgate.engine.internal.feel.Feel;
import java.io.ByteArrayInputStream;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongSupplier;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
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
   * One decision of a parsed graph. {@code versionTag} is the decision's {@code zeebe:versionTag},
   * or null.
   */
  public record DecisionInfo(
      String decisionId, String name, DecisionType type, String versionTag) {}

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
  private final EvaluationBudget budget;

  public Dmn(LongSupplier clockMillis) {
    this(clockMillis, EvaluationBudget.defaults());
  }

  /**
   * @param clockMillis the engine clock that {@code now()} reads
   * @param budget bounds each evaluation's time and allocation
   */
  public Dmn(LongSupplier clockMillis, EvaluationBudget budget) {
    this.budget = budget;
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
    Either<DmnEngine.Failure, ParsedDmn> result;
    try {
      result = engine.parse(new ByteArrayInputStream(xml));
    } catch (StackOverflowError e) {
      throw new IllegalArgumentException("an expression is nested too deeply to parse");
    }
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
   * Applies the FEEL size limits ({@link io.rollgate.engine.internal.feel.Feel#checkSize}) to every
   * expression text of a DMN about to be deployed, before the DMN engine parses it.
   *
   * @throws IllegalArgumentException naming the element whose expression exceeds a limit
   */
  public static void checkExpressions(byte[] xml) {
    XMLInputFactory factory = XMLInputFactory.newFactory();
    factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    Deque<String> ids = new ArrayDeque<>();
    StringBuilder text = null;
    try {
      XMLStreamReader reader = factory.createXMLStreamReader(new ByteArrayInputStream(xml));
      while (reader.hasNext()) {
        int event = reader.next();
        if (event == XMLStreamConstants.START_ELEMENT) {
          String id = reader.getAttributeValue(null, "id");
          ids.push(id != null ? id : ids.isEmpty() ? "?" : ids.peek());
          text = reader.getLocalName().equals("text") ? new StringBuilder() : null;
        } else if (text != null
            && (event == XMLStreamConstants.CHARACTERS || event == XMLStreamConstants.CDATA)) {
          text.append(reader.getText());
        } else if (event == XMLStreamConstants.END_ELEMENT) {
          String id = ids.isEmpty() ? "?" : ids.pop();
          if (text != null) {
            try {
              Feel.checkSize(text.toString());
            } catch (EvaluationException e) {
              throw new IllegalArgumentException("'" + id + "': " + e.getMessage());
            }
            text = null;
          }
        }
      }
    } catch (XMLStreamException e) {
      // not well-formed: the DMN engine's parser says why
    }
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
    Either<DmnEngine.EvalFailure, DmnEngine.EvalResult> result;
    try {
      result =
          budget.run(
              "the decision '" + decisionId + "'",
              () -> engine.eval(graph.parsed(), decisionId, variables));
    } catch (EvaluationException e) {
      return new Evaluation(null, List.of(), decisionId, e.getMessage());
    }
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
    Set<String> done = new HashSet<>();
    evaluated.forEach(e -> done.add(e.decisionId()));
    return firstUnevaluated(called.get(), done).orElse(calledId);
  }

  private static Optional<String> firstUnevaluated(ParsedDecision decision, Set<String> done) {
    for (ParsedDecision required : CollectionConverters.asJava(decision.requiredDecisions())) {
      Optional<String> failed = firstUnevaluated(required, done);
      if (failed.isPresent()) {
        return failed;
      }
    }
    return done.contains(decision.id()) ? Optional.empty() : Optional.of(decision.id());
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

  private static DecisionType typeOf(ParsedDecision decision) {
    if (decision.logic() instanceof ParsedDecisionTable) {
      return DecisionType.DECISION_TABLE;
    }
    if (decision.logic() instanceof ParsedLiteralExpression) {
      return DecisionType.LITERAL_EXPRESSION;
    }
    return DecisionType.UNSPECIFIED;
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
