package io.rollgate.engine.internal.processor;

import io.rollgate.engine.internal.api.Json;
import io.rollgate.engine.internal.decision.Dmn;
import io.rollgate.engine.internal.feel.Feel;
import io.rollgate.engine.internal.state.DecisionDefinition;
import io.rollgate.engine.internal.state.DecisionInstance;
import io.rollgate.engine.internal.state.DecisionInstanceState;
import io.rollgate.engine.internal.state.DecisionRequirements;
import io.rollgate.engine.internal.state.EngineState;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Deployed decisions and their evaluation: registers DMN resources as versioned decision
 * requirements graphs and decision definitions, evaluates them and records each evaluated decision
 * as a decision instance.
 */
final class Decisions {

  /** A deployed graph and the decision definitions it holds. */
  record Registered(DecisionRequirements graph, List<DecisionDefinition> decisions) {}

  /** One evaluation: its key, the decision instances it recorded and the engine's outcome. */
  record Outcome(long evaluationKey, Dmn.Evaluation evaluation, List<DecisionInstance> instances) {
    boolean failed() {
      return evaluation.failed();
    }
  }

  private final EngineState state;
  private final Dmn dmn;
  private final Runtime runtime;

  /** Parsed graphs by decision requirements key; rebuilt from the stored XML when missing. */
  private final Map<Long, Dmn.Graph> graphs = new HashMap<>();

  private final Feel feel;

  Decisions(EngineState state, Runtime runtime, Feel feel) {
    this.state = state;
    this.runtime = runtime;
    this.dmn = new Dmn(runtime::now, feel.budget());
    this.feel = feel;
  }

  /**
   * Parses a DMN resource before anything of a deployment is registered.
   *
   * @throws EngineException (400) naming the resource when it is not valid DMN
   */
  Dmn.Graph parse(String resourceName, byte[] xml) {
    try {
      if (feel.checksLimits()) {
        Dmn.checkExpressions(xml);
      }
      return dmn.parse(xml);
    } catch (IllegalArgumentException e) {
      throw EngineException.invalidArgument(
          "'" + resourceName + "' is not a deployable DMN resource: " + e.getMessage());
    }
  }

  /**
   * Registers a parsed graph: a new version when its content changed, else the deployed one.
   * Decisions get a new version whenever their graph does.
   */
  Registered register(
      String tenant, String resourceName, byte[] xml, String checksum, Dmn.Graph graph) {
    TreeMap<Integer, DecisionRequirements> versions =
        state.decisionRequirementsById.get(graph.id());
    DecisionRequirements latest = versions == null ? null : versions.lastEntry().getValue();
    if (latest != null && latest.checksum.equals(checksum)) {
      return new Registered(latest, decisionsOf(latest.key));
    }
    DecisionRequirements drg = new DecisionRequirements();
    drg.key = state.nextKey();
    drg.decisionRequirementsId = graph.id();
    drg.name = graph.name();
    drg.version = latest == null ? 1 : latest.version + 1;
    drg.resourceName = resourceName;
    drg.tenantId = tenant;
    drg.xml = new String(xml, StandardCharsets.UTF_8);
    drg.checksum = checksum;
    state.add(drg);
    graphs.put(drg.key, graph);
    List<DecisionDefinition> decisions = new ArrayList<>();
    for (Dmn.DecisionInfo info : graph.decisions()) {
      TreeMap<Integer, DecisionDefinition> decisionVersions =
          state.decisionsById.get(info.decisionId());
      DecisionDefinition decision = new DecisionDefinition();
      decision.key = state.nextKey();
      decision.decisionId = info.decisionId();
      decision.name = info.name();
      decision.type = info.type();
      decision.version = decisionVersions == null ? 1 : decisionVersions.lastKey() + 1;
      decision.decisionRequirementsKey = drg.key;
      decision.decisionRequirementsId = drg.decisionRequirementsId;
      decision.tenantId = tenant;
      state.add(decision);
      decisions.add(decision);
    }
    return new Registered(drg, decisions);
  }

  /** The latest version of a decision, or null. */
  DecisionDefinition latest(String decisionId) {
    TreeMap<Integer, DecisionDefinition> versions = state.decisionsById.get(decisionId);
    return versions == null ? null : versions.lastEntry().getValue();
  }

  /**
   * The latest version of a decision whose DMN {@code zeebe:versionTag} is {@code versionTag}, or
   * null. The tag is read from the deployed DMN, so decisions deployed before tags were recorded
   * are found as well.
   */
  DecisionDefinition latestWithVersionTag(String decisionId, String versionTag) {
    TreeMap<Integer, DecisionDefinition> versions = state.decisionsById.get(decisionId);
    if (versions == null) {
      return null;
    }
    for (DecisionDefinition decision : versions.descendingMap().values()) {
      boolean tagged =
          graph(decision.decisionRequirementsKey).decisions().stream()
              .anyMatch(
                  d -> d.decisionId().equals(decisionId) && versionTag.equals(d.versionTag()));
      if (tagged) {
        return decision;
      }
    }
    return null;
  }

  /**
   * Evaluates a decision and records the decision instances.
   *
   * @param processInstanceKey the instance whose business rule task evaluates it, or -1
   */
  Outcome evaluate(
      DecisionDefinition decision,
      Map<String, Object> variables,
      long processDefinitionKey,
      long processInstanceKey,
      long elementInstanceKey) {
    Dmn.Evaluation evaluation =
        dmn.evaluate(graph(decision.decisionRequirementsKey), decision.decisionId, variables);
    long evaluationKey = state.nextKey();
    List<DecisionInstance> instances = new ArrayList<>();
    for (Dmn.Evaluated evaluated : evaluation.evaluated()) {
      DecisionInstance instance =
          instance(evaluationKey, instances.size() + 1, decision, evaluated.decisionId());
      instance.state = DecisionInstanceState.EVALUATED;
      instance.result = Json.text(evaluated.output());
      instance.inputs =
          evaluated.inputs().stream()
              .map(i -> new DecisionInstance.Input(i.id(), i.name(), Json.text(i.value())))
              .toList();
      instance.matchedRules =
          evaluated.matchedRules().stream()
              .map(
                  r ->
                      new DecisionInstance.Rule(
                          r.id(),
                          r.index(),
                          r.outputs().stream()
                              .map(
                                  o ->
                                      new DecisionInstance.Output(
                                          o.id(), o.name(), Json.text(o.value())))
                              .toList()))
              .toList();
      instances.add(instance);
    }
    if (evaluation.failed()) {
      DecisionInstance failed =
          instances.stream()
              .filter(i -> i.decisionId.equals(evaluation.failedDecisionId()))
              .findFirst()
              .orElseGet(
                  () -> {
                    DecisionInstance added =
                        instance(
                            evaluationKey,
                            instances.size() + 1,
                            decision,
                            evaluation.failedDecisionId());
                    added.result = "null";
                    added.inputs = List.of();
                    added.matchedRules = List.of();
                    instances.add(added);
                    return added;
                  });
      failed.state = DecisionInstanceState.FAILED;
      failed.evaluationFailure = evaluation.failureMessage();
    }
    for (DecisionInstance instance : instances) {
      instance.processDefinitionKey = processDefinitionKey;
      instance.processInstanceKey = processInstanceKey;
      instance.elementInstanceKey = elementInstanceKey;
      state.add(instance);
    }
    return new Outcome(evaluationKey, evaluation, instances);
  }

  private DecisionInstance instance(
      long evaluationKey, int index, DecisionDefinition called, String decisionId) {
    DecisionDefinition definition =
        decisionsOf(called.decisionRequirementsKey).stream()
            .filter(d -> d.decisionId.equals(decisionId))
            .findFirst()
            .orElse(called);
    DecisionInstance instance = new DecisionInstance();
    instance.id = evaluationKey + "-" + index;
    instance.evaluationKey = evaluationKey;
    instance.index = index;
    instance.evaluationDate = runtime.now();
    instance.decisionDefinitionKey = definition.key;
    instance.decisionId = definition.decisionId;
    instance.decisionName = definition.name;
    instance.decisionVersion = definition.version;
    instance.decisionType = definition.type;
    instance.tenantId = definition.tenantId;
    return instance;
  }

  private List<DecisionDefinition> decisionsOf(long decisionRequirementsKey) {
    return state.decisions.values().stream()
        .filter(d -> d.decisionRequirementsKey == decisionRequirementsKey)
        .toList();
  }

  private Dmn.Graph graph(long decisionRequirementsKey) {
    return graphs.computeIfAbsent(
        decisionRequirementsKey,
        key -> dmn.parse(state.decisionRequirements.get(key).xml.getBytes(StandardCharsets.UTF_8)));
  }
}
