package io.rollgate.engine.internal.processor;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.smile.databind.SmileMapper;
import io.rollgate.engine.internal.api.Json;
import io.rollgate.engine.internal.model.ModelTransformer;
import io.rollgate.engine.internal.state.DecisionDefinition;
import io.rollgate.engine.internal.state.DecisionInstance;
import io.rollgate.engine.internal.state.DecisionRequirements;
import io.rollgate.engine.internal.state.ElementInstance;
import io.rollgate.engine.internal.state.EngineState;
import io.rollgate.engine.internal.state.FormDefinition;
import io.rollgate.engine.internal.state.Incident;
import io.rollgate.engine.internal.state.Job;
import io.rollgate.engine.internal.state.Message;
import io.rollgate.engine.internal.state.MessageCorrelation;
import io.rollgate.engine.internal.state.MessageSubscription;
import io.rollgate.engine.internal.state.ProcessDefinition;
import io.rollgate.engine.internal.state.ProcessInstance;
import io.rollgate.engine.internal.state.State;
import io.rollgate.engine.internal.state.Timer;
import io.rollgate.engine.internal.state.UserTask;
import io.rollgate.engine.internal.state.Variable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;

/**
 * The whole state as one document, so start-up loads it and replays only the journal after it.
 * Indexes are not stored: they are rebuilt from the entities, in key order, as they were built.
 */
final class StateSnapshot {
  /**
   * Smile (binary JSON) with shared property names: the same shapes as the API's JSON at a fraction
   * of the size and parse time, which is what start-up pays for.
   */
  private static final ObjectMapper MAPPER =
      SmileMapper.builder()
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .serializationInclusion(JsonInclude.Include.NON_NULL)
          .build();

  private StateSnapshot() {}

  record Data(
      int format,
      long keyCounter,
      long changeId,
      Long clockPinnedMillis,
      long clockOffsetMillis,
      List<ProcessDefinition> definitions,
      List<ProcessInstance> processInstances,
      List<ElementInstance> elementInstances,
      List<Variable> variables,
      List<Job> jobs,
      List<Incident> incidents,
      List<MessageSubscription> subscriptions,
      List<Message> messages,
      List<MessageCorrelation> correlations,
      List<Timer> timers,
      List<UserTask> userTasks,
      List<MessageSubscription> signalSubscriptions,
      List<FormDefinition> forms,
      List<DecisionRequirements> decisionRequirements,
      List<DecisionDefinition> decisions,
      List<DecisionInstance> decisionInstances) {}

  static byte[] write(EngineState state, EngineClock clock) {
    Data data =
        new Data(
            DataFormat.CURRENT,
            state.keyCounter,
            state.changeId,
            clock.pinnedMillis(),
            clock.offsetMillis(),
            List.copyOf(state.definitions.values()),
            List.copyOf(state.processInstances.values()),
            state.elementInstances.values().stream()
                .sorted(Comparator.comparingLong((ElementInstance e) -> e.key))
                .toList(),
            state.variables.values().stream()
                .sorted(Comparator.comparingLong((Variable v) -> v.key))
                .toList(),
            List.copyOf(state.jobs.values()),
            List.copyOf(state.incidents.values()),
            List.copyOf(state.subscriptions.values()),
            List.copyOf(state.messages.values()),
            List.copyOf(state.correlations),
            List.copyOf(state.timers.values()),
            List.copyOf(state.userTasks.values()),
            List.copyOf(state.signalSubscriptions.values()),
            List.copyOf(state.forms.values()),
            List.copyOf(state.decisionRequirements.values()),
            List.copyOf(state.decisions.values()),
            List.copyOf(state.decisionInstances.values()));
    try {
      return MAPPER.writeValueAsBytes(data);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot encode the state snapshot", e);
    }
  }

  /** The snapshot's state, migrated to the current {@link DataFormat} when it is older. */
  private static Data decode(byte[] bytes) {
    try {
      if (formatOf(bytes) == DataFormat.CURRENT) {
        return MAPPER.readValue(bytes, Data.class);
      }
      ObjectNode tree = (ObjectNode) MAPPER.readTree(bytes);
      return MAPPER.treeToValue(DataFormat.SHIPPED.snapshot(tree, "state"), Data.class);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot decode the state snapshot", e);
    }
  }

  /** The format field written first, without reading the rest; 1 when there is none. */
  private static int formatOf(byte[] bytes) throws IOException {
    try (JsonParser parser = MAPPER.createParser(bytes)) {
      if (parser.nextToken() == JsonToken.START_OBJECT
          && parser.nextToken() == JsonToken.FIELD_NAME
          && DataFormat.FIELD.equals(parser.currentName())
          && parser.nextToken() == JsonToken.VALUE_NUMBER_INT) {
        return parser.getIntValue();
      }
      return 1;
    }
  }

  /** Fills an empty state from a snapshot; process models are rebuilt from their XML. */
  static void restore(
      byte[] bytes, EngineState state, ModelTransformer transformer, EngineClock clock) {
    Data data = decode(bytes);
    state.keyCounter = data.keyCounter();
    state.changeId = data.changeId();
    clock.restore(data.clockPinnedMillis(), data.clockOffsetMillis());
    for (ProcessDefinition definition : data.definitions()) {
      definition.model =
          transformer
              .transform(definition.resourceName, definition.xml.getBytes(StandardCharsets.UTF_8))
              .stream()
              .filter(model -> model.processId().equals(definition.processId))
              .findFirst()
              .orElseThrow();
      state.add(definition);
    }
    data.processInstances().forEach(p -> state.processInstances.put(p.key, p));
    data.elementInstances()
        .forEach(
            e -> {
              if (e.key == e.processInstanceKey) {
                state.elementInstances.put(e.key, e);
              } else {
                state.add(e);
              }
            });
    for (Variable variable : data.variables()) {
      variable.value = Json.normalize(variable.value);
      state.add(variable);
    }
    data.jobs().forEach(state::add);
    data.incidents().forEach(state::add);
    data.subscriptions().forEach(state::add);
    for (Message message : data.messages()) {
      message.variables = Json.normalizeDocument(message.variables);
      state.add(message);
    }
    state.correlations.addAll(data.correlations());
    data.timers().forEach(state::add);
    data.userTasks().forEach(state::add);
    data.signalSubscriptions().forEach(state::addSignal);
    data.forms().forEach(state::add);
    if (data.decisionRequirements() != null) { // absent in snapshots taken before decisions
      data.decisionRequirements().forEach(state::add);
      data.decisions().forEach(state::add);
      data.decisionInstances().forEach(state::add);
    }
    for (ProcessInstance instance : data.processInstances()) {
      if (instance.startCorrelationKey != null && instance.state == State.ACTIVE) {
        state.messageStartedInstances.put(
            EngineState.messageKey(instance.processId, instance.startCorrelationKey), instance.key);
      }
    }
    state.rebuildJobQueue();
  }
}
