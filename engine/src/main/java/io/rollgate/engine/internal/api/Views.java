package io.rollgate.engine.internal.api;

import io.rollgate.engine.internal.state.DecisionDefinition;
import io.rollgate.engine.internal.state.DecisionRequirements;
import io.rollgate.engine.internal.state.ElementInstance;
import io.rollgate.engine.internal.state.FormDefinition;
import io.rollgate.engine.internal.state.Incident;
import io.rollgate.engine.internal.state.MessageCorrelation;
import io.rollgate.engine.internal.state.MessageSubscription;
import io.rollgate.engine.internal.state.ProcessDefinition;
import io.rollgate.engine.internal.state.ProcessInstance;
import io.rollgate.engine.internal.state.UserTask;
import io.rollgate.engine.internal.state.Variable;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** JSON shapes of the Camunda 8 REST API (v2) responses, and their mapping from state. */
public final class Views {
  private Views() {}

  static String key(Long key) {
    return key == null ? null : Long.toString(key);
  }

  /** ISO-8601 with milliseconds, as the API writes dates. */
  public static String date(Long epochMillis) {
    return epochMillis == null ? null : Instant.ofEpochMilli(epochMillis).toString();
  }

  public record ProcessInstanceView(
      String processDefinitionId,
      String processDefinitionName,
      int processDefinitionVersion,
      String processDefinitionVersionTag,
      String startDate,
      String endDate,
      String state,
      boolean hasIncident,
      String tenantId,
      String processInstanceKey,
      String processDefinitionKey,
      String parentProcessInstanceKey,
      String parentElementInstanceKey,
      List<String> tags) {}

  public static ProcessInstanceView of(ProcessInstance p) {
    return new ProcessInstanceView(
        p.processId,
        p.processName,
        p.version,
        p.versionTag,
        date(p.startDate),
        date(p.endDate),
        p.state.name(),
        p.hasIncident(),
        p.tenantId,
        key(p.key),
        key(p.processDefinitionKey),
        key(p.parentProcessInstanceKey),
        key(p.parentElementInstanceKey),
        List.of());
  }

  public record ElementInstanceView(
      String processDefinitionId,
      String startDate,
      String endDate,
      String elementId,
      String elementName,
      String type,
      String state,
      boolean hasIncident,
      String tenantId,
      String elementInstanceKey,
      String processInstanceKey,
      String processDefinitionKey,
      String incidentKey) {}

  public static ElementInstanceView of(ElementInstance e) {
    return new ElementInstanceView(
        e.processId,
        date(e.startDate),
        date(e.endDate),
        e.elementId,
        e.elementName,
        e.type.name(),
        e.state.name(),
        e.hasIncident(),
        e.tenantId,
        key(e.key),
        key(e.processInstanceKey),
        key(e.processDefinitionKey),
        key(e.incidentKey));
  }

  public record VariableView(
      String value,
      Boolean isTruncated,
      String name,
      String tenantId,
      String variableKey,
      String scopeKey,
      String processInstanceKey) {}

  public static VariableView of(Variable v, boolean search) {
    return new VariableView(
        Json.text(v.value),
        search ? Boolean.FALSE : null,
        v.name,
        v.tenantId,
        key(v.key),
        key(v.scopeKey),
        key(v.processInstanceKey));
  }

  public record IncidentView(
      String processDefinitionId,
      String errorType,
      String errorMessage,
      String elementId,
      String creationTime,
      String state,
      String tenantId,
      String incidentKey,
      String processDefinitionKey,
      String processInstanceKey,
      String elementInstanceKey,
      String jobKey) {}

  public static IncidentView of(Incident i) {
    return new IncidentView(
        i.processId,
        i.errorType.name(),
        i.errorMessage,
        i.elementId,
        date(i.creationTime),
        i.state.name(),
        i.tenantId,
        key(i.key),
        key(i.processDefinitionKey),
        key(i.processInstanceKey),
        key(i.elementInstanceKey),
        key(i.jobKey));
  }

  public record ProcessDefinitionView(
      String name,
      String resourceName,
      int version,
      String versionTag,
      String processDefinitionId,
      String tenantId,
      String processDefinitionKey,
      boolean hasStartForm) {}

  public static ProcessDefinitionView of(ProcessDefinition d) {
    return new ProcessDefinitionView(
        d.name,
        d.resourceName,
        d.version,
        d.versionTag,
        d.processId,
        d.tenantId,
        key(d.key),
        d.model.hasStartForm());
  }

  public record CreateInstanceResult(
      String processDefinitionId,
      int processDefinitionVersion,
      String tenantId,
      Map<String, Object> variables,
      String processDefinitionKey,
      String processInstanceKey,
      List<String> tags) {}

  public static CreateInstanceResult created(ProcessInstance p, Map<String, Object> variables) {
    return new CreateInstanceResult(
        p.processId,
        p.version,
        p.tenantId,
        variables,
        key(p.processDefinitionKey),
        key(p.key),
        List.of());
  }

  public record DeployedProcess(
      String processDefinitionId,
      int processDefinitionVersion,
      String resourceName,
      String tenantId,
      String processDefinitionKey) {}

  public record DeployedForm(
      String formId, int version, String resourceName, String tenantId, String formKey) {}

  public record DeployedDecisionRequirements(
      String decisionRequirementsId,
      int version,
      String decisionRequirementsName,
      String tenantId,
      String resourceName,
      String decisionRequirementsKey) {}

  /** One deployed resource: exactly one of the fields is present. */
  public record DeploymentEntry(
      DeployedProcess processDefinition,
      DeployedForm form,
      DecisionViews.DecisionDefinitionView decisionDefinition,
      DeployedDecisionRequirements decisionRequirements) {}

  public static DeploymentEntry deployed(FormDefinition f) {
    return new DeploymentEntry(
        null,
        new DeployedForm(f.formId, f.version, f.resourceName, f.tenantId, key(f.key)),
        null,
        null);
  }

  /** A deployed decision, shown as a decision definition is everywhere. */
  public static DeploymentEntry deployed(DecisionDefinition d) {
    return new DeploymentEntry(null, null, DecisionViews.of(d), null);
  }

  public static DeploymentEntry deployed(DecisionRequirements r) {
    return new DeploymentEntry(
        null,
        null,
        null,
        new DeployedDecisionRequirements(
            r.decisionRequirementsId, r.version, r.name, r.tenantId, r.resourceName, key(r.key)));
  }

  /** {@code GET /v2/user-tasks/{key}/form}. */
  public record FormView(
      String tenantId, String formId, String schema, long version, String formKey) {}

  public static FormView of(FormDefinition f) {
    return new FormView(f.tenantId, f.formId, f.schema, f.version, key(f.key));
  }

  public record DeploymentResult(
      String deploymentKey, String tenantId, List<DeploymentEntry> deployments) {}

  public static DeploymentEntry deployed(ProcessDefinition d) {
    return new DeploymentEntry(
        new DeployedProcess(d.processId, d.version, d.resourceName, d.tenantId, key(d.key)),
        null,
        null,
        null);
  }

  public record SequenceFlowView(
      String sequenceFlowId,
      String processInstanceKey,
      String processDefinitionKey,
      String processDefinitionId,
      String elementId,
      String tenantId) {}

  public record Items<T>(List<T> items) {}

  public record UserTaskView(
      String name,
      String state,
      String assignee,
      String elementId,
      List<String> candidateGroups,
      List<String> candidateUsers,
      String processDefinitionId,
      String creationDate,
      String completionDate,
      String followUpDate,
      String dueDate,
      String tenantId,
      int processDefinitionVersion,
      Map<String, String> customHeaders,
      int priority,
      String userTaskKey,
      String elementInstanceKey,
      String processName,
      String processDefinitionKey,
      String processInstanceKey,
      String formKey,
      String externalFormReference) {}

  public static UserTaskView of(UserTask t) {
    return new UserTaskView(
        t.name,
        t.state.name(),
        t.assignee,
        t.elementId,
        t.candidateGroups,
        t.candidateUsers,
        t.processId,
        date(t.creationDate),
        date(t.completionDate),
        date(t.followUpDate),
        date(t.dueDate),
        t.tenantId,
        t.processVersion,
        t.customHeaders,
        t.priority,
        key(t.key),
        key(t.elementInstanceKey),
        t.processName,
        key(t.processDefinitionKey),
        key(t.processInstanceKey),
        key(t.formKey),
        t.externalFormReference);
  }

  /** {@code GET /actuator/clock}: the engine time. */
  public record ClockView(long epochMilli, String instant) {}

  public static ClockView clock(long epochMillis) {
    return new ClockView(epochMillis, date(epochMillis));
  }

  /** {@code POST /actuator/cluster/purge}: the change that the purge completed. */
  public record PurgeResult(long changeId) {}

  public record MessagePublished(String tenantId, String messageKey) {}

  public record SignalBroadcast(String tenantId, String signalKey) {}

  public record MessageCorrelated(String tenantId, String messageKey, String processInstanceKey) {}

  public record MessageSubscriptionView(
      String messageSubscriptionKey,
      String processDefinitionId,
      String processDefinitionKey,
      String processInstanceKey,
      String elementId,
      String elementInstanceKey,
      String messageSubscriptionState,
      String lastUpdatedDate,
      String messageName,
      String correlationKey,
      String tenantId) {}

  public static MessageSubscriptionView of(MessageSubscription m) {
    return new MessageSubscriptionView(
        key(m.key),
        m.processId,
        key(m.processDefinitionKey),
        key(m.processInstanceKey),
        m.elementId,
        key(m.elementInstanceKey),
        m.state.name(),
        date(m.lastUpdated),
        m.messageName,
        m.correlationKey,
        m.tenantId);
  }

  public record CorrelatedSubscriptionView(
      String correlationKey,
      String correlationTime,
      String elementId,
      String elementInstanceKey,
      String messageKey,
      String messageName,
      int partitionId,
      String processDefinitionId,
      String processDefinitionKey,
      String processInstanceKey,
      String subscriptionKey,
      String tenantId) {}

  public static CorrelatedSubscriptionView of(MessageCorrelation c) {
    return new CorrelatedSubscriptionView(
        c.correlationKey(),
        date(c.correlationTime()),
        c.elementId(),
        key(c.elementInstanceKey()),
        key(c.messageKey()),
        c.messageName(),
        1,
        c.processId(),
        key(c.processDefinitionKey()),
        key(c.processInstanceKey()),
        key(c.subscriptionKey()),
        c.tenantId());
  }
}
