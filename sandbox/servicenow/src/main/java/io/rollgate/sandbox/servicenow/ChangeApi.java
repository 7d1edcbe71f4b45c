package io.rollgate.sandbox.servicenow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rollgate.sandbox.SimJson;
import io.rollgate.sandbox.SimRequest;
import io.rollgate.sandbox.SimResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Handlers of the Change Management API ({@code /api/sn_chg_rest/v1/change/…}). */
final class ChangeApi {

  private final ChangeDesk desk;

  ChangeApi(ChangeDesk desk) {
    this.desk = desk;
  }

  SimResponse list(SimRequest req) {
    EncodedQuery query =
        EncodedQuery.fromParameters(req.query("sysparm_query").orElse(null), req.query());
    List<Row> rows =
        desk.rows(ChangeDesk.CHANGES).stream()
            .filter(query::matches)
            .sorted(query.order())
            .collect(Collectors.toList());
    return array(Paging.of(req, 500).slice(rows));
  }

  SimResponse create(SimRequest req, String type) throws InterruptedException {
    ChangeDesk.Created created = desk.createChange(type, fields(req), null);
    return answerCreated(created);
  }

  SimResponse createStandard(SimRequest req) throws InterruptedException {
    ChangeDesk.Created created =
        desk.createChange("standard", fields(req), req.pathParam("template_id"));
    return answerCreated(created);
  }

  /** {@code POST /change}: the type comes from {@code type} or {@code chg_model}. */
  SimResponse createGeneric(SimRequest req) throws InterruptedException {
    Map<String, String> fields = fields(req);
    String type = fields.getOrDefault("type", fields.getOrDefault("chg_model", "normal"));
    fields.remove("type");
    fields.remove("chg_model");
    ChangeDesk.Created created = desk.createChange(type.toLowerCase(), fields, null);
    sleep(desk.takeCreateDelay());
    return object(created.change());
  }

  private SimResponse answerCreated(ChangeDesk.Created created) throws InterruptedException {
    sleep(desk.takeCreateDelay());
    ObjectNode record = Render.change(created.change());
    ArrayNode ignored = record.putObject("__meta").putArray("ignoredFields");
    created.ignored().forEach(ignored::add);
    ArrayNode result = SimJson.MAPPER.createArrayNode().add(record);
    return SimResponse.ok(SimJson.object().set("result", result));
  }

  SimResponse templates(SimRequest req) {
    EncodedQuery query =
        EncodedQuery.fromParameters(req.query("sysparm_query").orElse(null), req.query());
    List<Row> rows =
        desk.rows(ChangeDesk.TEMPLATES).stream()
            .filter(query::matches)
            .collect(Collectors.toList());
    return array(Paging.of(req, 500).slice(rows));
  }

  SimResponse get(SimRequest req) {
    return object(desk.change(req.pathParam("sys_id")));
  }

  SimResponse update(SimRequest req) {
    return object(desk.updateChange(req.pathParam("sys_id"), fields(req)));
  }

  SimResponse delete(SimRequest req) {
    desk.change(req.pathParam("sys_id"));
    desk.deleteChange(req.pathParam("sys_id"));
    return SimResponse.empty(204);
  }

  SimResponse nextStates(SimRequest req) {
    return SimResponse.ok(SimJson.object().set("result", desk.nextStates(req.pathParam("sys_id"))));
  }

  SimResponse tasks(SimRequest req) {
    String changeId = req.pathParam("sys_id");
    desk.change(changeId);
    EncodedQuery query =
        EncodedQuery.fromParameters(req.query("sysparm_query").orElse(null), req.query());
    List<Row> rows =
        desk.rows(ChangeDesk.TASKS).stream()
            .filter(t -> t.text("parent").equals(changeId))
            .filter(query::matches)
            .sorted(query.order())
            .collect(Collectors.toList());
    return array(Paging.of(req, 500).slice(rows));
  }

  SimResponse createTask(SimRequest req) {
    Row task = desk.createTask(req.pathParam("sys_id"), fields(req));
    return array(List.of(task));
  }

  SimResponse updateTask(SimRequest req) {
    return object(
        desk.updateTask(req.pathParam("sys_id"), req.pathParam("task_sys_id"), fields(req)));
  }

  SimResponse startConflictCheck(SimRequest req) {
    String worker = desk.startConflictCheck(req.pathParam("sys_id"));
    return SimResponse.ok(SimJson.object().put("result", worker));
  }

  SimResponse conflicts(SimRequest req) {
    return SimResponse.ok(
        SimJson.object().set("result", desk.conflictResult(req.pathParam("sys_id"))));
  }

  SimResponse cancelConflictCheck(SimRequest req) {
    desk.cancelConflictCheck(req.pathParam("sys_id"));
    return SimResponse.empty(204);
  }

  /** {@code PATCH /change/{sys_id}/approvals} with {@code {"state":"approved|rejected"}}. */
  SimResponse decide(SimRequest req) {
    Map<String, String> body = fields(req);
    String state = body.getOrDefault("state", "");
    if (!state.equals("approved") && !state.equals("rejected")) {
      throw new SnProblem(400, "Invalid approval state", "state must be approved or rejected");
    }
    String comments = body.get("comments");
    if (state.equals("rejected") && (comments == null || comments.isBlank())) {
      throw new SnProblem(400, "Comments are required", "comments are required to reject");
    }
    Row decided = desk.decideBySysId(req.pathParam("sys_id"), state.equals("approved"), comments);
    return array(List.of(decided));
  }

  /** URL name-value pairs, overridden by the JSON body's members. */
  private static Map<String, String> fields(SimRequest req) {
    Map<String, String> fields = new LinkedHashMap<>();
    req.query()
        .forEach(
            (k, v) -> {
              if (!k.startsWith("sysparm_") && !v.isEmpty()) {
                fields.put(k, v.get(0));
              }
            });
    if (req.body().length > 0) {
      JsonNode body = req.json();
      if (!body.isObject()) {
        throw new SnProblem(400, "Invalid request body", "the body must be a JSON object");
      }
      fields.putAll(ServiceNowSimulator.textFields(body));
    }
    return fields;
  }

  private static SimResponse object(Row row) {
    return SimResponse.ok(SimJson.object().set("result", Render.change(row)));
  }

  private static SimResponse array(List<Row> rows) {
    ArrayNode result = SimJson.MAPPER.createArrayNode();
    rows.forEach(r -> result.add(Render.change(r)));
    return SimResponse.ok(SimJson.object().set("result", result));
  }

  private static void sleep(Duration d) throws InterruptedException {
    if (!d.isZero()) {
      Thread.sleep(d.toMillis());
    }
  }
}
