package io.rollgate.engine.internal.query;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/** Entities, schemas and JSON helpers shared by the query tests. */
final class Fixtures {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private Fixtures() {}

  enum State {
    ACTIVE,
    COMPLETED,
    TERMINATED
  }

  /**
   * A process instance, with a field of every type; dates in epoch millis as the engine keeps them.
   */
  record Instance(
      long key,
      Long definitionKey,
      String processId,
      State state,
      Integer version,
      Long startDate,
      Long endDate,
      Boolean incident,
      String tenantId,
      Map<String, String> variables) {}

  static final EntitySchema<Instance> INSTANCES =
      EntitySchema.<Instance>builder("process instance")
          .key("processInstanceKey", Instance::key)
          .field("processDefinitionKey", FieldType.KEY, Instance::definitionKey)
          .field("processDefinitionId", FieldType.STRING, Instance::processId)
          .enumField("state", State.class, Instance::state)
          .field("processDefinitionVersion", FieldType.INTEGER, Instance::version)
          .field("startDate", FieldType.DATE, Instance::startDate)
          .field("endDate", FieldType.DATE, Instance::endDate)
          .field("hasIncident", FieldType.BOOLEAN, Instance::incident)
          .field("tenantId", FieldType.STRING, Instance::tenantId)
          .custom("variables", Fixtures::variablesFilter)
          .ignored("tags")
          .build();

  /**
   * {@code variables: [{name, value}]}: every listed variable must exist with that value (JSON
   * text), as Camunda's process instance filter defines it.
   */
  static Predicate<Instance> variablesFilter(JsonNode json) {
    if (!json.isArray()) {
      throw new QueryException("expected an array of {name, value}");
    }
    List<Map.Entry<String, String>> wanted = new ArrayList<>();
    for (JsonNode variable : json) {
      if (!variable.path("name").isTextual() || !variable.path("value").isTextual()) {
        throw new QueryException("each variable needs a string name and value");
      }
      wanted.add(Map.entry(variable.get("name").textValue(), variable.get("value").textValue()));
    }
    return instance ->
        wanted.stream().allMatch(w -> w.getValue().equals(instance.variables().get(w.getKey())));
  }

  static Instance instance(long key) {
    return new Instance(
        key,
        1L,
        "p",
        State.ACTIVE,
        1,
        millis("2024-01-01T00:00:00Z"),
        null,
        false,
        "<default>",
        Map.of());
  }

  static long millis(String isoInstant) {
    return Instant.parse(isoInstant).toEpochMilli();
  }

  /** Parses JSON written with single quotes, which keeps request bodies readable in Java. */
  static JsonNode json(String singleQuoted) {
    return parseJson(singleQuoted.replace('\'', '"'));
  }

  static JsonNode parseJson(String text) {
    try {
      return MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(text, e);
    }
  }

  static <T> SearchResult<T> search(
      EntitySchema<T> schema, String singleQuotedBody, List<T> items) {
    return SearchQuery.parse(json(singleQuotedBody), schema).execute(items);
  }

  static List<Long> keys(SearchResult<Instance> result) {
    return result.items().stream().map(Instance::key).toList();
  }

  // Shapes of the other entities the Camunda client fixtures search.

  record ElementInstance(
      long key, long processInstanceKey, String elementId, State state, long startDate) {}

  static final EntitySchema<ElementInstance> ELEMENT_INSTANCES =
      EntitySchema.<ElementInstance>builder("element instance")
          .key("elementInstanceKey", ElementInstance::key)
          .field("processInstanceKey", FieldType.KEY, ElementInstance::processInstanceKey)
          .field("elementId", FieldType.STRING, ElementInstance::elementId)
          .enumField("state", State.class, ElementInstance::state)
          .field("startDate", FieldType.DATE, ElementInstance::startDate)
          .build();

  record Variable(long key, String name, String value, long scopeKey, long processInstanceKey) {}

  static final EntitySchema<Variable> VARIABLES =
      EntitySchema.<Variable>builder("variable")
          .key("variableKey", Variable::key)
          .field("name", FieldType.STRING, Variable::name)
          .field("value", FieldType.STRING, Variable::value)
          .field("scopeKey", FieldType.KEY, Variable::scopeKey)
          .field("processInstanceKey", FieldType.KEY, Variable::processInstanceKey)
          .sortableOnly("variableKey", "name", "scopeKey", "processInstanceKey")
          .build();

  record Incident(long key, long processInstanceKey, String errorType, long creationTime) {}

  static final EntitySchema<Incident> INCIDENTS =
      EntitySchema.<Incident>builder("incident")
          .key("incidentKey", Incident::key)
          .field("processInstanceKey", FieldType.KEY, Incident::processInstanceKey)
          .field("errorType", FieldType.ENUM, Incident::errorType)
          .field("creationTime", FieldType.DATE, Incident::creationTime)
          .build();

  record Definition(long key, String processDefinitionId, int version) {}

  static final EntitySchema<Definition> DEFINITIONS =
      EntitySchema.<Definition>builder("process definition")
          .key("processDefinitionKey", Definition::key)
          .field("processDefinitionId", FieldType.STRING, Definition::processDefinitionId)
          .field("version", FieldType.INTEGER, Definition::version)
          .build();
}
