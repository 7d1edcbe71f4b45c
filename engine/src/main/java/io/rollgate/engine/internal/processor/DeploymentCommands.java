package io.rollgate.engine.internal.processor;

import io.rollgate.engine.internal.api.DecisionViews;
import io.rollgate.engine.internal.api.Json;
import io.rollgate.engine.internal.api.Views;
import io.rollgate.engine.internal.decision.Dmn;
import io.rollgate.engine.internal.model.InvalidModelException;
import io.rollgate.engine.internal.model.ModelTransformer;
import io.rollgate.engine.internal.model.ProcessModel;
import io.rollgate.engine.internal.state.DecisionDefinition;
import io.rollgate.engine.internal.state.EngineState;
import io.rollgate.engine.internal.state.FormDefinition;
import io.rollgate.engine.internal.state.ProcessDefinition;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Deployments of BPMN, DMN and form resources, and standalone decision evaluations. A resource that
 * cannot be deployed rejects the whole deployment before anything is registered.
 */
final class DeploymentCommands {
  private final EngineState state;
  private final Runtime runtime;
  private final ModelTransformer transformer;

  DeploymentCommands(EngineState state, Runtime runtime, ModelTransformer transformer) {
    this.state = state;
    this.runtime = runtime;
    this.transformer = transformer;
  }

  Views.DeploymentResult deploy(Command.Deploy command) {
    if (command.resources().isEmpty()) {
      throw EngineException.invalidArgument("No resources given: add at least one BPMN file.");
    }
    record Parsed(Command.Resource resource, String checksum, List<ProcessModel> models) {}
    record ParsedForm(Command.Resource resource, String checksum, String formId) {}
    record ParsedDecisions(Command.Resource resource, String checksum, Dmn.Graph graph) {}
    List<Parsed> parsed = new ArrayList<>();
    List<ParsedForm> forms = new ArrayList<>();
    List<ParsedDecisions> decisionGraphs = new ArrayList<>();
    for (Command.Resource resource : command.resources()) {
      String name = resource.name() == null ? "" : resource.name();
      if (name.endsWith(".form")) {
        forms.add(
            new ParsedForm(resource, sha256(resource.content()), formId(name, resource.content())));
        continue;
      }
      if (name.endsWith(".dmn")) {
        decisionGraphs.add(
            new ParsedDecisions(
                resource,
                sha256(resource.content()),
                runtime.decisions().parse(name, resource.content())));
        continue;
      }
      if (!name.endsWith(".bpmn") && !name.endsWith(".xml")) {
        throw EngineException.invalidArgument(
            "Cannot deploy '"
                + name
                + "': only BPMN (.bpmn, .xml), DMN (.dmn) and Camunda forms (.form) are"
                + " supported.");
      }
      try {
        parsed.add(
            new Parsed(
                resource,
                sha256(resource.content()),
                transformer.transform(name, resource.content())));
      } catch (InvalidModelException e) {
        throw EngineException.invalidArgument(e.getMessage());
      }
    }
    for (Parsed p : parsed) {
      p.models().forEach(runtime.timers()::checkStartTimers);
    }
    String tenant = command.tenantId() == null ? CommandHandler.DEFAULT_TENANT : command.tenantId();
    long deploymentKey = state.nextKey();
    List<Views.DeploymentEntry> entries = new ArrayList<>();
    Map<String, Long> deployedForms = new LinkedHashMap<>();
    Map<String, Long> deployedDecisions = new LinkedHashMap<>();
    for (ParsedForm form : forms) {
      FormDefinition definition =
          registerForm(tenant, form.resource(), form.checksum(), form.formId());
      deployedForms.put(definition.formId, definition.key);
      entries.add(Views.deployed(definition));
    }
    for (ParsedDecisions d : decisionGraphs) {
      var registered =
          runtime
              .decisions()
              .register(
                  tenant, d.resource().name(), d.resource().content(), d.checksum(), d.graph());
      entries.add(Views.deployed(registered.graph()));
      registered
          .decisions()
          .forEach(
              decision -> {
                deployedDecisions.put(decision.decisionId, decision.key);
                entries.add(Views.deployed(decision));
              });
    }
    List<ProcessDefinition> registered = new ArrayList<>();
    for (Parsed p : parsed) {
      for (ProcessModel model : p.models()) {
        ProcessDefinition definition =
            register(deploymentKey, tenant, p.resource(), p.checksum(), model);
        registered.add(definition);
        entries.add(Views.deployed(definition));
      }
    }
    for (ProcessDefinition definition : registered) {
      if (definition.deploymentKey == deploymentKey) {
        registered.forEach(other -> definition.deployedWith.put(other.processId, other.key));
        definition.deployedDecisions.putAll(deployedDecisions);
        definition.deployedForms.putAll(deployedForms);
      }
    }
    return new Views.DeploymentResult(Long.toString(deploymentKey), tenant, entries);
  }

  DecisionViews.DecisionEvaluation evaluateDecision(Command.EvaluateDecision command) {
    DecisionDefinition decision;
    if (command.decisionDefinitionKey() != null) {
      decision = state.decisions.get(command.decisionDefinitionKey());
      if (decision == null) {
        throw EngineException.notFound(
            "No decision definition with key '"
                + command.decisionDefinitionKey()
                + "' is deployed.");
      }
    } else if (command.decisionDefinitionId() != null
        && !command.decisionDefinitionId().isBlank()) {
      decision = runtime.decisions().latest(command.decisionDefinitionId());
      if (decision == null) {
        throw EngineException.notFound(
            "No decision with id '" + command.decisionDefinitionId() + "' is deployed.");
      }
    } else {
      throw EngineException.invalidArgument(
          "Give either decisionDefinitionId or decisionDefinitionKey: the decision to evaluate.");
    }
    var outcome =
        runtime
            .decisions()
            .evaluate(
                decision, command.variables() == null ? Map.of() : command.variables(), -1, -1, -1);
    return DecisionViews.evaluation(
        decision,
        state.decisionRequirements.get(decision.decisionRequirementsKey),
        outcome.evaluationKey(),
        outcome.evaluation(),
        outcome.instances());
  }

  /** The id of a Camunda form: its JSON's top-level {@code id}. */
  private static String formId(String name, byte[] content) {
    try {
      com.fasterxml.jackson.databind.JsonNode form = Json.MAPPER.readTree(content);
      if (form != null && form.path("id").isTextual() && !form.path("id").asText().isBlank()) {
        return form.path("id").asText();
      }
    } catch (IOException e) {
      throw EngineException.invalidArgument(
          "'" + name + "' cannot be deployed: it is not valid JSON: " + e.getMessage());
    }
    throw EngineException.invalidArgument(
        "'" + name + "' cannot be deployed: a Camunda form needs a top-level string 'id'.");
  }

  private FormDefinition registerForm(
      String tenant, Command.Resource resource, String checksum, String formId) {
    TreeMap<Integer, FormDefinition> versions = state.formsById.get(formId);
    FormDefinition latest = versions == null ? null : versions.lastEntry().getValue();
    if (latest != null && latest.checksum.equals(checksum)) {
      return latest;
    }
    FormDefinition form = new FormDefinition();
    form.key = state.nextKey();
    form.formId = formId;
    form.version = latest == null ? 1 : latest.version + 1;
    form.resourceName = resource.name();
    form.tenantId = tenant;
    form.schema = new String(resource.content(), StandardCharsets.UTF_8);
    form.checksum = checksum;
    state.add(form);
    return form;
  }

  private ProcessDefinition register(
      long deploymentKey,
      String tenant,
      Command.Resource resource,
      String checksum,
      ProcessModel model) {
    TreeMap<Integer, ProcessDefinition> versions = state.definitionsById.get(model.processId());
    ProcessDefinition latest = versions == null ? null : versions.lastEntry().getValue();
    if (latest != null && latest.checksum.equals(checksum)) {
      return latest;
    }
    ProcessDefinition definition = new ProcessDefinition();
    definition.key = state.nextKey();
    definition.deploymentKey = deploymentKey;
    definition.processId = model.processId();
    definition.name = model.name();
    definition.version = latest == null ? 1 : latest.version + 1;
    definition.versionTag = model.versionTag();
    definition.resourceName = resource.name();
    definition.tenantId = tenant;
    definition.xml = new String(resource.content(), StandardCharsets.UTF_8);
    definition.checksum = checksum;
    definition.model = model;
    state.add(definition);
    runtime.timers().replaceStartTimers(latest, definition);
    return definition;
  }

  private static String sha256(byte[] content) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
