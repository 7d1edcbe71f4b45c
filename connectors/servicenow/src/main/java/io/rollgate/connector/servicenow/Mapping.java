package io.rollgate.connector.servicenow;

import static io.rollgate.connector.servicenow.Records.field;
import static io.rollgate.connector.servicenow.Records.value;

import com.fasterxml.jackson.databind.JsonNode;
import io.rollgate.connector.servicenow.model.Approval;
import io.rollgate.connector.servicenow.model.ChangeRequest;
import io.rollgate.connector.servicenow.model.ChangeState;
import io.rollgate.connector.servicenow.model.ChangeTask;
import io.rollgate.connector.servicenow.model.ChangeType;
import io.rollgate.connector.servicenow.model.Conflict;
import io.rollgate.connector.servicenow.model.ConflictCheck;
import io.rollgate.connector.servicenow.model.Incident;
import io.rollgate.connector.servicenow.model.NextStates;
import io.rollgate.connector.servicenow.model.StateTransition;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** JSON records to the model's records. */
final class Mapping {

  private Mapping() {}

  static ChangeRequest change(JsonNode r) {
    ChangeType type;
    try {
      type = ChangeType.fromValue(value(r, "type"));
    } catch (IllegalArgumentException unknownType) {
      type = null;
    }
    return new ChangeRequest(
        value(r, "sys_id"),
        value(r, "number"),
        type,
        ChangeState.fromValue(value(r, "state")).orElse(null),
        value(r, "correlation_id"),
        value(r, "short_description"),
        value(r, "approval"),
        Records.fields(r));
  }

  static NextStates nextStates(JsonNode r) {
    List<String> available = new ArrayList<>();
    r.path("available_states").forEach(s -> available.add(Records.fieldValue(s).value()));
    List<StateTransition> transitions = new ArrayList<>();
    for (JsonNode group : r.path("state_transitions")) {
      // each target state has its own array of alternative transitions; accept a flat list too
      Iterable<JsonNode> ways = group.isArray() ? group : List.of(group);
      for (JsonNode t : ways) {
        transitions.add(
            new StateTransition(
                Records.fieldValue(t.get("from_state")).value(),
                Records.fieldValue(t.get("to_state")).value(),
                t.path("display_value").asText(""),
                t.path("transition_available").asBoolean(false),
                t.path("automatic_transition").asBoolean(false)));
      }
    }
    Map<String, String> labels = new LinkedHashMap<>();
    Iterator<Map.Entry<String, JsonNode>> it = r.path("state_label").fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      labels.put(e.getKey(), e.getValue().asText(""));
    }
    return new NextStates(available, transitions, labels);
  }

  static Approval approval(JsonNode r) {
    return new Approval(
        value(r, "sys_id"),
        value(r, "state"),
        field(r, "approver"),
        value(r, "comments"),
        value(r, "sysapproval"));
  }

  static ChangeTask task(JsonNode r) {
    String parent = value(r, "change_request");
    return new ChangeTask(
        value(r, "sys_id"),
        value(r, "number"),
        value(r, "short_description"),
        field(r, "state"),
        "true".equals(value(r, "active")),
        (parent.isEmpty() ? value(r, "parent") : parent).trim());
  }

  static ConflictCheck conflictCheck(JsonNode r) {
    List<Conflict> conflicts = new ArrayList<>();
    for (JsonNode c : r.path("conflicts")) {
      conflicts.add(
          new Conflict(
              field(c, "type"),
              field(c, "change"),
              field(c, "conflicting_change"),
              field(c, "configuration_item")));
    }
    return new ConflictCheck(
        value(r, "status"),
        value(r, "job_status"),
        value(r, "last_run"),
        value(r, "record_count"),
        conflicts);
  }

  static Incident incident(JsonNode r) {
    return new Incident(
        value(r, "sys_id"),
        value(r, "number"),
        value(r, "short_description"),
        Records.intValue(value(r, "priority"), 0),
        field(r, "state"),
        "true".equals(value(r, "active")),
        field(r, "cmdb_ci"),
        field(r, "business_service"));
  }
}
