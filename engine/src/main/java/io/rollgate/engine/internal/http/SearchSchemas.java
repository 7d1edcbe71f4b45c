package io.rollgate.engine.internal.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.rollgate.engine.internal.api.JobViews;
import io.rollgate.engine.internal.api.Json;
import io.rollgate.engine.internal.query.EntitySchema;
import io.rollgate.engine.internal.query.FieldType;
import io.rollgate.engine.internal.query.QueryException;
import io.rollgate.engine.internal.state.DecisionDefinition;
import io.rollgate.engine.internal.state.DecisionInstance;
import io.rollgate.engine.internal.state.ElementBound;
import io.rollgate.engine.internal.state.ElementInstance;
import io.rollgate.engine.internal.state.EngineState;
import io.rollgate.engine.internal.state.Incident;
import io.rollgate.engine.internal.state.Job;
import io.rollgate.engine.internal.state.JobState;
import io.rollgate.engine.internal.state.MessageCorrelation;
import io.rollgate.engine.internal.state.MessageSubscription;
import io.rollgate.engine.internal.state.ProcessDefinition;
import io.rollgate.engine.internal.state.ProcessInstance;
import io.rollgate.engine.internal.state.State;
import io.rollgate.engine.internal.state.UserTask;
import io.rollgate.engine.internal.state.Variable;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * What each {@code POST /v2/<entity>/search} can filter and sort on: the fields of each entity, by
 * the names the Camunda 8 REST API gives them, with their types.
 */
final class SearchSchemas {
  private SearchSchemas() {}

  static EntitySchema<ProcessInstance> processInstances(EngineState state) {
    return EntitySchema.<ProcessInstance>builder("process instance")
        .key("processInstanceKey", p -> p.key)
        .field("processDefinitionId", FieldType.STRING, p -> p.processId)
        .field("processDefinitionName", FieldType.STRING, p -> p.processName)
        .field("processDefinitionVersion", FieldType.INTEGER, p -> p.version)
        .field("processDefinitionVersionTag", FieldType.STRING, p -> p.versionTag)
        .field("processDefinitionKey", FieldType.KEY, p -> p.processDefinitionKey)
        .field("parentProcessInstanceKey", FieldType.KEY, p -> p.parentProcessInstanceKey)
        .field("parentElementInstanceKey", FieldType.KEY, p -> p.parentElementInstanceKey)
        .field("startDate", FieldType.DATE, p -> p.startDate)
        .field("endDate", FieldType.DATE, p -> p.endDate)
        .enumField("state", State.class, p -> p.state.name())
        .field("hasIncident", FieldType.BOOLEAN, ProcessInstance::hasIncident)
        .field("tenantId", FieldType.STRING, p -> p.tenantId)
        .custom(
            "variables",
            json -> variablesFilter(json, (ProcessInstance p) -> state.localVariables(p.key)))
        .ignored("tags")
        .build();
  }

  /**
   * {@code variables: [{name, value}]}: the instance has each named variable in its own scope with
   * that JSON value (value given as JSON text, as the API sends variable values).
   */
  private static <T> Predicate<T> variablesFilter(
      JsonNode json, Function<T, Map<String, Variable>> scope) {
    if (!json.isArray()) {
      throw new QueryException("filter.variables must be an array of {name, value}");
    }
    Predicate<T> all = item -> true;
    for (JsonNode entry : json) {
      JsonNode name = entry.get("name");
      JsonNode value = entry.get("value");
      if (name == null || !name.isTextual() || value == null) {
        throw new QueryException(
            "each filter.variables entry needs a name and a value, got " + entry);
      }
      JsonNode expected = value.isObject() && value.has("$eq") ? value.get("$eq") : value;
      if (!expected.isTextual()) {
        throw new QueryException(
            "filter.variables value must be JSON text, such as \"42\" or \"\\\"abc\\\"\", got "
                + value);
      }
      String wanted = normalizedJson(expected.asText());
      all =
          all.and(
              item -> {
                Variable variable = scope.apply(item).get(name.asText());
                return variable != null && Json.text(variable.value).equals(wanted);
              });
    }
    return all;
  }

  private static String normalizedJson(String text) {
    try {
      return Json.text(Json.normalize(Json.MAPPER.readValue(text, Object.class)));
    } catch (IOException e) {
      throw new QueryException("filter.variables value is not JSON: " + text);
    }
  }

  static EntitySchema<ElementInstance> elementInstances() {
    return EntitySchema.<ElementInstance>builder("element instance")
        .key("elementInstanceKey", e -> e.key)
        .field("processInstanceKey", FieldType.KEY, e -> e.processInstanceKey)
        .field("processDefinitionKey", FieldType.KEY, e -> e.processDefinitionKey)
        .field("processDefinitionId", FieldType.STRING, e -> e.processId)
        .field("elementId", FieldType.STRING, e -> e.elementId)
        .field("elementName", FieldType.STRING, e -> e.elementName)
        .field("type", FieldType.ENUM, e -> e.type.name())
        .enumField("state", State.class, e -> e.state.name())
        .field("hasIncident", FieldType.BOOLEAN, ElementInstance::hasIncident)
        .field("incidentKey", FieldType.KEY, e -> e.incidentKey)
        .field("tenantId", FieldType.STRING, e -> e.tenantId)
        .field("startDate", FieldType.DATE, e -> e.startDate)
        .field("endDate", FieldType.DATE, e -> e.endDate)
        .field("elementInstanceScopeKey", FieldType.KEY, e -> e.flowScopeKey)
        .build();
  }

  static EntitySchema<Variable> variables() {
    return EntitySchema.<Variable>builder("variable")
        .key("variableKey", v -> v.key)
        .field("name", FieldType.STRING, v -> v.name)
        .field("value", FieldType.STRING, v -> Json.text(v.value))
        .field("scopeKey", FieldType.KEY, v -> v.scopeKey)
        .field("processInstanceKey", FieldType.KEY, v -> v.processInstanceKey)
        .field("tenantId", FieldType.STRING, v -> v.tenantId)
        .field("isTruncated", FieldType.BOOLEAN, v -> false)
        .build();
  }

  static EntitySchema<Incident> incidents() {
    return EntitySchema.<Incident>builder("incident")
        .key("incidentKey", i -> i.key)
        .with(SearchSchemas::elementFields)
        .field("jobKey", FieldType.KEY, i -> i.jobKey)
        .field("errorType", FieldType.ENUM, i -> i.errorType.name())
        .field("errorMessage", FieldType.STRING, i -> i.errorMessage)
        .field("state", FieldType.ENUM, i -> i.state.name())
        .field("creationTime", FieldType.DATE, i -> i.creationTime)
        .build();
  }

  /**
   * The fields that say where an entity happened, the same in every search of what belongs to an
   * element instance.
   */
  private static <T extends ElementBound> EntitySchema.Builder<T> elementFields(
      EntitySchema.Builder<T> schema) {
    return schema
        .field("processDefinitionId", FieldType.STRING, e -> e.processId)
        .field("processDefinitionKey", FieldType.KEY, e -> e.processDefinitionKey)
        .field("processInstanceKey", FieldType.KEY, e -> e.processInstanceKey)
        .field("elementId", FieldType.STRING, e -> e.elementId)
        .field("elementInstanceKey", FieldType.KEY, e -> e.elementInstanceKey)
        .field("tenantId", FieldType.STRING, e -> e.tenantId);
  }

  static EntitySchema<Job> jobs() {
    return EntitySchema.<Job>builder("job")
        .key("jobKey", j -> j.key)
        .field("type", FieldType.STRING, j -> j.type)
        .field("worker", FieldType.STRING, j -> j.worker)
        .enumField("state", JobState.class, j -> j.state.name())
        .field("kind", FieldType.ENUM, JobViews::kind)
        .field("listenerEventType", FieldType.ENUM, JobViews::listenerEventType)
        .with(SearchSchemas::elementFields)
        .field("retries", FieldType.INTEGER, j -> j.retries)
        .field("deadline", FieldType.DATE, j -> j.deadline)
        .field("endTime", FieldType.DATE, j -> j.endTime)
        .field("errorCode", FieldType.STRING, j -> j.errorCode)
        .field("errorMessage", FieldType.STRING, j -> j.errorMessage)
        .field("hasFailedWithRetriesLeft", FieldType.BOOLEAN, Job::hasFailedWithRetriesLeft)
        .field("isDenied", FieldType.BOOLEAN, j -> false)
        .field("deniedReason", FieldType.STRING, j -> null)
        .build();
  }

  static EntitySchema<ProcessDefinition> definitions() {
    return EntitySchema.<ProcessDefinition>builder("process definition")
        .key("processDefinitionKey", d -> d.key)
        .field("processDefinitionId", FieldType.STRING, d -> d.processId)
        .field("name", FieldType.STRING, d -> d.name)
        .field("version", FieldType.INTEGER, d -> d.version)
        .field("versionTag", FieldType.STRING, d -> d.versionTag)
        .field("resourceName", FieldType.STRING, d -> d.resourceName)
        .field("tenantId", FieldType.STRING, d -> d.tenantId)
        .field("hasStartForm", FieldType.BOOLEAN, d -> d.model.hasStartForm())
        .field("isLatestVersion", FieldType.BOOLEAN, d -> d.latest)
        .build();
  }

  static EntitySchema<DecisionDefinition> decisionDefinitions() {
    return EntitySchema.<DecisionDefinition>builder("decision definition")
        .key("decisionDefinitionKey", d -> d.key)
        .field("decisionDefinitionId", FieldType.STRING, d -> d.decisionId)
        .field("name", FieldType.STRING, d -> d.name)
        .field("version", FieldType.INTEGER, d -> d.version)
        .field("decisionRequirementsId", FieldType.STRING, d -> d.decisionRequirementsId)
        .field("decisionRequirementsKey", FieldType.KEY, d -> d.decisionRequirementsKey)
        .field("tenantId", FieldType.STRING, d -> d.tenantId)
        .build();
  }

  static EntitySchema<DecisionInstance> decisionInstances() {
    return EntitySchema.<DecisionInstance>builder("decision instance")
        .field("decisionEvaluationInstanceKey", FieldType.STRING, d -> d.id)
        .keyField("decisionEvaluationInstanceKey")
        .field("decisionEvaluationKey", FieldType.KEY, d -> d.evaluationKey)
        .field("state", FieldType.ENUM, d -> d.state.name())
        .field("evaluationFailure", FieldType.STRING, d -> d.evaluationFailure)
        .field("evaluationDate", FieldType.DATE, d -> d.evaluationDate)
        .field("decisionDefinitionId", FieldType.STRING, d -> d.decisionId)
        .field("decisionDefinitionName", FieldType.STRING, d -> d.decisionName)
        .field("decisionDefinitionVersion", FieldType.INTEGER, d -> d.decisionVersion)
        .field("decisionDefinitionType", FieldType.ENUM, d -> d.decisionType.name())
        .field("decisionDefinitionKey", FieldType.KEY, d -> d.decisionDefinitionKey)
        .field("tenantId", FieldType.STRING, d -> d.tenantId)
        .field("processDefinitionKey", FieldType.KEY, d -> d.processDefinitionKey)
        .field("processInstanceKey", FieldType.KEY, d -> d.processInstanceKey)
        .field("elementInstanceKey", FieldType.KEY, d -> d.elementInstanceKey)
        .build();
  }

  static EntitySchema<MessageSubscription> messageSubscriptions() {
    return EntitySchema.<MessageSubscription>builder("message subscription")
        .key("messageSubscriptionKey", m -> m.key)
        .with(SearchSchemas::elementFields)
        .field("messageSubscriptionState", FieldType.ENUM, m -> m.state.name())
        .field("lastUpdatedDate", FieldType.DATE, m -> m.lastUpdated)
        .field("messageName", FieldType.STRING, m -> m.messageName)
        .field("correlationKey", FieldType.STRING, m -> m.correlationKey)
        .build();
  }

  static EntitySchema<MessageCorrelation> correlations() {
    return EntitySchema.<MessageCorrelation>builder("correlated message subscription")
        .field("messageKey", FieldType.KEY, MessageCorrelation::messageKey)
        .field("subscriptionKey", FieldType.KEY, MessageCorrelation::subscriptionKey)
        .field("correlationKey", FieldType.STRING, MessageCorrelation::correlationKey)
        .field("correlationTime", FieldType.DATE, MessageCorrelation::correlationTime)
        .field("elementId", FieldType.STRING, MessageCorrelation::elementId)
        .field("elementInstanceKey", FieldType.KEY, MessageCorrelation::elementInstanceKey)
        .field("messageName", FieldType.STRING, MessageCorrelation::messageName)
        .field("partitionId", FieldType.INTEGER, c -> 1)
        .field("processDefinitionId", FieldType.STRING, MessageCorrelation::processId)
        .field("processDefinitionKey", FieldType.KEY, MessageCorrelation::processDefinitionKey)
        .field("processInstanceKey", FieldType.KEY, MessageCorrelation::processInstanceKey)
        .field("tenantId", FieldType.STRING, MessageCorrelation::tenantId)
        .field("order", FieldType.KEY, MessageCorrelation::order)
        .keyField("order")
        .build();
  }

  static EntitySchema<UserTask> userTasks(EngineState state) {
    return EntitySchema.<UserTask>builder("user task")
        .key("userTaskKey", t -> t.key)
        .field("state", FieldType.ENUM, t -> t.state.name())
        .field("assignee", FieldType.STRING, t -> t.assignee)
        .field("priority", FieldType.INTEGER, t -> t.priority)
        .field("name", FieldType.STRING, t -> t.name)
        .field("creationDate", FieldType.DATE, t -> t.creationDate)
        .field("completionDate", FieldType.DATE, t -> t.completionDate)
        .field("followUpDate", FieldType.DATE, t -> t.followUpDate)
        .field("dueDate", FieldType.DATE, t -> t.dueDate)
        .with(SearchSchemas::elementFields)
        .custom("candidateGroup", json -> member(json, t -> t.candidateGroups))
        .custom("candidateUser", json -> member(json, t -> t.candidateUsers))
        .custom(
            "processInstanceVariables",
            json ->
                variablesFilter(json, (UserTask t) -> state.localVariables(t.processInstanceKey)))
        .custom(
            "localVariables",
            json ->
                variablesFilter(json, (UserTask t) -> state.localVariables(t.elementInstanceKey)))
        .build();
  }

  /** {@code candidateGroup: "ops"} or {@code {"$eq":"ops"}}: the name is among the task's. */
  private static Predicate<UserTask> member(JsonNode json, Function<UserTask, List<String>> names) {
    JsonNode value = json.isObject() && json.has("$eq") ? json.get("$eq") : json;
    if (!value.isTextual()) {
      throw new QueryException("expected a name (or {\"$eq\": name}), got " + json);
    }
    return task -> names.apply(task).contains(value.asText());
  }
}
