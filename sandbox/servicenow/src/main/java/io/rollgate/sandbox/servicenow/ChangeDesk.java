package io.rollgate.sandbox.servicenow;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rollgate.sandbox.SimJson;
import io.rollgate.sandbox.SimProblem;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Change requests, their tasks, approvals and conflict checks, standard change templates and
 * incidents. Every public operation holds the one lock, so the simulator is thread-safe; rows
 * handed out are copies.
 */
final class ChangeDesk {

  static final String CHANGES = "change_request";
  static final String TASKS = "change_task";
  static final String APPROVALS = "sysapproval_approver";
  static final String INCIDENTS = "incident";
  static final String TEMPLATES = "std_change_record_producer";

  /** Fields a caller cannot set: the instance owns them. */
  private static final Set<String> READ_ONLY =
      Set.of(
          "sys_id",
          "number",
          "type",
          "approval",
          "sys_created_on",
          "sys_updated_on",
          "sys_created_by",
          "sys_updated_by",
          "sys_mod_count",
          "sys_class_name",
          "conflict_status",
          "conflict_last_run",
          "active");

  /** Fields a standard change takes from its template and ignores from the caller. */
  private static final Set<String> TEMPLATE_OWNED =
      Set.of("description", "backout_plan", "test_plan", "implementation_plan");

  private static final Set<String> REFERENCES =
      Set.of("cmdb_ci", "business_service", "assignment_group", "assigned_to", "requested_by");

  private record ConflictRun(
      String workerId, Instant startedAt, String lastRun, List<ObjectNode> conflicts) {}

  private final Store store;
  private final Clock clock;
  private final SimulatorConfig config;
  private final ScheduledExecutorService timers;
  private final Consumer<Row> onDecision;
  private final Map<String, List<String>> journals = new HashMap<>();
  private final Map<String, ConflictRun> conflictRuns = new HashMap<>();
  private Duration slowCreateDelay = Duration.ZERO;
  private int slowCreatesLeft;

  ChangeDesk(
      SimulatorConfig config,
      Clock clock,
      ScheduledExecutorService timers,
      Consumer<Row> onDecision) {
    this.config = config;
    this.clock = clock;
    this.store = new Store(clock);
    this.timers = timers;
    this.onDecision = onDecision;
  }

  // ---------------------------------------------------------------- changes

  /** The created change and the names of the fields it ignored. */
  record Created(Row change, List<String> ignored) {}

  synchronized Created createChange(String type, Map<String, String> fields, String templateId) {
    Row template = null;
    if (templateId != null) {
      template =
          store
              .get(TEMPLATES, templateId)
              .orElseThrow(
                  () ->
                      new SimProblem(
                          404, "Standard change template " + templateId + " does not exist"));
    }
    Row change = store.insert(CHANGES, Store.newSysId());
    String display = Character.toUpperCase(type.charAt(0)) + type.substring(1);
    change
        .put("number", store.nextNumber("CHG"))
        .put("type", Cell.of(type, display))
        .put("short_description", "")
        .put("description", "")
        .put("correlation_id", "")
        .put("correlation_display", "")
        .put("active", Cell.of(true, "true"))
        .put("approval", approvalCell("standard".equals(type) ? "approved" : "not requested"))
        .put("conflict_status", "Not Run")
        .put("conflict_last_run", "")
        .put("close_code", "")
        .put("close_notes", "")
        .put("work_notes", "")
        .put("start_date", "")
        .put("end_date", "")
        .put("cmdb_ci", Cell.ref("cmdb_ci", "", ""))
        .put("business_service", Cell.ref("cmdb_ci_service", "", ""))
        .put("sys_mod_count", 0);
    setState(change, ChangeState.NEW);
    if (template != null) {
      for (Map.Entry<String, Cell> e : template.cells().entrySet()) {
        if (!e.getKey().startsWith("sys_") && !e.getKey().equals("name")) {
          change.put(e.getKey(), e.getValue());
        }
      }
      change.put(
          "std_change_producer_version", Cell.ref(TEMPLATES, templateId, template.text("name")));
    }
    List<String> ignored = new ArrayList<>();
    for (Map.Entry<String, String> f : fields.entrySet()) {
      String name = f.getKey();
      boolean templateField = template != null && TEMPLATE_OWNED.contains(name);
      if (READ_ONLY.contains(name) || "state".equals(name) || templateField || !isFieldName(name)) {
        ignored.add(name);
      } else if ("work_notes".equals(name)) {
        journal(change, f.getValue());
      } else {
        setField(change, name, f.getValue());
      }
    }
    return new Created(change.copy(), ignored);
  }

  /** Consumes one "slow create" delay, if the knob is set. */
  synchronized Duration takeCreateDelay() {
    if (slowCreatesLeft <= 0) {
      return Duration.ZERO;
    }
    slowCreatesLeft--;
    return slowCreateDelay;
  }

  synchronized void slowCreates(Duration delay, int count) {
    slowCreateDelay = delay;
    slowCreatesLeft = count;
  }

  synchronized Row change(String sysId) {
    return changeRow(sysId).copy();
  }

  synchronized Optional<Row> changeByNumber(String number) {
    return store.find(CHANGES, r -> r.text("number").equals(number)).map(Row::copy);
  }

  synchronized List<Row> rows(String table) {
    return store.rows(table).stream().map(Row::copy).collect(Collectors.toList());
  }

  synchronized boolean deleteChange(String sysId) {
    return store.delete(CHANGES, sysId);
  }

  synchronized Row updateChange(String sysId, Map<String, String> fields) {
    Row change = changeRow(sysId);
    String targetState = null;
    for (Map.Entry<String, String> f : fields.entrySet()) {
      String name = f.getKey();
      if ("state".equals(name)) {
        targetState = f.getValue();
      } else if ("work_notes".equals(name)) {
        journal(change, f.getValue());
      } else if (!READ_ONLY.contains(name) && isFieldName(name)) {
        setField(change, name, f.getValue());
      }
    }
    if (targetState != null) {
      String wanted = targetState;
      ChangeState target =
          ChangeState.parse(wanted)
              .orElseThrow(() -> new SimProblem(400, "Invalid state value: " + wanted));
      if (target != currentState(change)) {
        transition(change, target);
      }
    }
    store.touch(change);
    return change.copy();
  }

  private void transition(Row change, ChangeState target) {
    ChangeState from = currentState(change);
    Optional<String> blocked =
        blockedBecause(change, from, target).or(() -> missingData(change, target));
    if (blocked.isPresent()) {
      throw new SnProblem(
          400,
          "Invalid state transition",
          "Change "
              + change.text("number")
              + " cannot move from "
              + from.label
              + " to "
              + target.label
              + ": "
              + blocked.get());
    }
    setState(change, target);
    if (target == ChangeState.AUTHORIZE) {
      requestApproval(change);
    }
  }

  /** Why the move is not possible now, or empty when it is. */
  private Optional<String> blockedBecause(Row change, ChangeState from, ChangeState to) {
    if (!StateModel.next(change.text("type"), from).contains(to)) {
      return Optional.of("the state model allows no such transition");
    }
    if (from == ChangeState.AUTHORIZE && to == ChangeState.SCHEDULED) {
      return "approved".equals(change.text("approval"))
          ? Optional.empty()
          : Optional.of("the change is not approved");
    }
    if (to == ChangeState.REVIEW && activeTasks(change.sysId()) > 0) {
      return Optional.of("the change has active change tasks");
    }
    return Optional.empty();
  }

  /**
   * Data the move needs in the record itself. Not a transition condition: {@code nextstates} offers
   * the move, and the write that makes it may bring the data along.
   */
  private static Optional<String> missingData(Row change, ChangeState to) {
    if (to == ChangeState.CLOSED
        && (change.text("close_code").isEmpty() || change.text("close_notes").isEmpty())) {
      return Optional.of("close_code and close_notes are mandatory to close a change");
    }
    return Optional.empty();
  }

  synchronized ObjectNode nextStates(String sysId) {
    Row change = changeRow(sysId);
    ChangeState from = currentState(change);
    List<ChangeState> next = StateModel.next(change.text("type"), from);
    ObjectNode result = SimJson.object();
    ArrayNode available = result.putArray("available_states");
    available.add(String.valueOf(from.value));
    next.forEach(s -> available.add(String.valueOf(s.value)));
    ArrayNode transitions = result.putArray("state_transitions");
    for (ChangeState to : next) {
      Optional<String> blocked = blockedBecause(change, from, to);
      ObjectNode t = transitions.addArray().addObject();
      t.put("sys_id", Store.newSysId());
      t.put("display_value", from.label + " to " + to.label);
      t.put("from_state", String.valueOf(from.value));
      t.put("to_state", String.valueOf(to.value));
      t.put("transition_available", blocked.isEmpty());
      t.put("automatic_transition", from == ChangeState.AUTHORIZE && to == ChangeState.SCHEDULED);
      ArrayNode conditions = t.putArray("conditions");
      blocked.ifPresent(
          why -> {
            ObjectNode c = conditions.addObject();
            c.put("passed", false);
            c.putObject("condition")
                .put("name", conditionName(from, to))
                .put("description", why)
                .put("sys_id", Store.newSysId());
          });
    }
    ObjectNode labels = result.putObject("state_label");
    labels.put(String.valueOf(from.value), from.label);
    next.forEach(s -> labels.put(String.valueOf(s.value), s.label));
    return result;
  }

  private static String conditionName(ChangeState from, ChangeState to) {
    if (from == ChangeState.AUTHORIZE && to == ChangeState.SCHEDULED) {
      return "Change approved";
    }
    if (to == ChangeState.REVIEW) {
      return "No active Change Tasks";
    }
    return "Not On hold";
  }

  // ---------------------------------------------------------------- approvals

  private void requestApproval(Row change) {
    change.put("approval", approvalCell("requested"));
    Row approval = store.insert(APPROVALS, Store.newSysId());
    approval
        .put("sysapproval", Cell.ref(CHANGES, change.sysId(), change.text("number")))
        .put("document_id", Cell.ref(CHANGES, change.sysId(), change.text("number")))
        .put("source_table", "change_request")
        .put("approver", Cell.ref("sys_user", config.approverSysId(), config.approverName()))
        .put("state", Cell.of("requested", "Requested"))
        .put("comments", "")
        .put("due_date", "");
    scheduleAutomaticDecision(change);
  }

  private void scheduleAutomaticDecision(Row change) {
    String number = change.text("number");
    String marker = config.autoRejectWhenShortDescriptionContains();
    if (marker != null && change.text("short_description").contains(marker)) {
      timers.schedule(
          () ->
              decideIfWaiting(number, false, "Rejected by the simulator's rule: '" + marker + "'"),
          config.autoDecisionDelay().toMillis(),
          TimeUnit.MILLISECONDS);
    } else if (config.autoApproveAfter() != null) {
      timers.schedule(
          () -> decideIfWaiting(number, true, "Approved by the simulator's rule"),
          config.autoApproveAfter().toMillis(),
          TimeUnit.MILLISECONDS);
    }
  }

  private void decideIfWaiting(String number, boolean approve, String comments) {
    Row decided;
    synchronized (this) {
      Optional<Row> change = store.find(CHANGES, r -> r.text("number").equals(number));
      if (change.isEmpty() || !"requested".equals(change.get().text("approval"))) {
        return;
      }
      decided = decide(change.get(), approve, comments);
    }
    onDecision.accept(decided);
  }

  /**
   * Approves or rejects the change's pending approvals. Approval moves Authorize to Scheduled;
   * rejection sends the change back to New.
   *
   * @throws SimProblem 404 for an unknown change, 409 when no approval is pending
   */
  Row decideByNumber(String number, boolean approve, String comments) {
    Row decided;
    synchronized (this) {
      Row change =
          store
              .find(CHANGES, r -> r.text("number").equals(number))
              .orElseThrow(() -> new SimProblem(404, "No change request " + number));
      decided = decide(change, approve, comments);
    }
    onDecision.accept(decided);
    return decided;
  }

  Row decideBySysId(String sysId, boolean approve, String comments) {
    String number;
    synchronized (this) {
      number = changeRow(sysId).text("number");
    }
    return decideByNumber(number, approve, comments);
  }

  private Row decide(Row change, boolean approve, String comments) {
    if (!"requested".equals(change.text("approval"))) {
      throw new SimProblem(
          409,
          "Change "
              + change.text("number")
              + " has no pending approval (approval: "
              + change.text("approval")
              + ")");
    }
    String outcome = approve ? "approved" : "rejected";
    for (Row a : store.rows(APPROVALS)) {
      if (a.text("sysapproval").equals(change.sysId()) && "requested".equals(a.text("state"))) {
        a.put("state", Cell.of(outcome, approve ? "Approved" : "Rejected"));
        a.put("comments", comments == null ? "" : comments);
        store.touch(a);
      }
    }
    change.put("approval", approvalCell(outcome));
    if (comments != null && !comments.isBlank()) {
      journal(change, (approve ? "Approved: " : "Rejected: ") + comments);
    }
    setState(change, approve ? ChangeState.SCHEDULED : ChangeState.NEW);
    store.touch(change);
    return change.copy();
  }

  private static Cell approvalCell(String value) {
    switch (value) {
      case "requested":
        return Cell.of(value, "Requested");
      case "approved":
        return Cell.of(value, "Approved");
      case "rejected":
        return Cell.of(value, "Rejected");
      default:
        return Cell.of(value, "Not Yet Requested");
    }
  }

  // ---------------------------------------------------------------- tasks

  synchronized Row createTask(String changeSysId, Map<String, String> fields) {
    Row change = changeRow(changeSysId);
    Row task = store.insert(TASKS, Store.newSysId());
    task.put("number", store.nextNumber("CTASK"))
        .put("parent", Cell.ref(CHANGES, change.sysId(), change.text("number")))
        .put("change_request", Cell.ref(CHANGES, change.sysId(), change.text("number")))
        .put("state", Cell.of(1, "Open"))
        .put("active", Cell.of(true, "true"))
        .put("short_description", "")
        .put("change_task_type", Cell.of("planning", "Planning"));
    fields.forEach(
        (name, value) -> {
          if (!READ_ONLY.contains(name) && isFieldName(name) && !"state".equals(name)) {
            setField(task, name, value);
          }
        });
    return task.copy();
  }

  synchronized Row updateTask(String changeSysId, String taskSysId, Map<String, String> fields) {
    changeRow(changeSysId);
    Row task =
        store
            .get(TASKS, taskSysId)
            .filter(t -> t.text("parent").equals(changeSysId))
            .orElseThrow(() -> noRecord("change task " + taskSysId));
    fields.forEach(
        (name, value) -> {
          if ("state".equals(name)) {
            int state = (int) Double.parseDouble(value);
            String label =
                state == 3
                    ? "Closed"
                    : state == 4 ? "Canceled" : state == 2 ? "In Progress" : "Open";
            task.put("state", Cell.of(state, label));
            task.put("active", Cell.of(state < 3, String.valueOf(state < 3)));
          } else if (!READ_ONLY.contains(name) && isFieldName(name)) {
            setField(task, name, value);
          }
        });
    store.touch(task);
    return task.copy();
  }

  private long activeTasks(String changeSysId) {
    return store.rows(TASKS).stream()
        .filter(t -> t.text("parent").equals(changeSysId) && "true".equals(t.text("active")))
        .count();
  }

  // ---------------------------------------------------------------- conflicts

  synchronized String startConflictCheck(String sysId) {
    Row change = changeRow(sysId);
    List<ObjectNode> conflicts = new ArrayList<>();
    String ci = change.text("cmdb_ci");
    if (!ci.isEmpty()) {
      for (Row other : store.rows(CHANGES)) {
        boolean sameCi = other.text("cmdb_ci").equals(ci) && !other.sysId().equals(sysId);
        if (sameCi && !currentState(other).terminal()) {
          conflicts.add(conflict(change, other));
        }
      }
    }
    String now = store.now();
    ConflictRun run = new ConflictRun(Store.newSysId(), clock.instant(), now, conflicts);
    conflictRuns.put(sysId, run);
    change.put("conflict_last_run", now);
    change.put("conflict_status", conflicts.isEmpty() ? "No Conflict" : "Conflict");
    return run.workerId();
  }

  private static ObjectNode conflict(Row change, Row other) {
    ObjectNode c = SimJson.object();
    c.putObject("change").put("display_value", change.text("number")).put("value", change.sysId());
    c.putObject("conflicting_change")
        .put("display_value", other.text("number"))
        .put("value", other.sysId());
    c.putObject("configuration_item")
        .put("display_value", change.cell("cmdb_ci").display())
        .put("value", change.text("cmdb_ci"));
    c.putObject("type")
        .put("display_value", "Configuration Item Already Scheduled")
        .put("value", "ci_already_scheduled");
    c.putObject("sys_id").put("display_value", Store.newSysId()).put("value", Store.newSysId());
    return c;
  }

  /**
   * The conflict check's state in the docs' shape. Like the real API, {@code status} says
   * "Conflict" once a run completed, even when {@code conflicts} is empty.
   */
  synchronized ObjectNode conflictResult(String sysId) {
    changeRow(sysId);
    ObjectNode result = SimJson.object();
    ConflictRun run = conflictRuns.get(sysId);
    if (run == null) {
      result.put("status", "Not Run").put("last_run", "").put("record_count", "0");
      result.put("job_status", "0");
      result.putArray("conflicts");
      return result;
    }
    boolean running =
        clock.instant().isBefore(run.startedAt().plus(config.conflictCheckDuration()));
    result.put("status", running ? "Running" : "Conflict");
    result.put("last_run", run.lastRun());
    result.put("record_count", running ? "0" : "1");
    result.put("job_status", running ? "1" : "2");
    ArrayNode list = result.putArray("conflicts");
    if (!running) {
      run.conflicts().forEach(list::add);
    }
    return result;
  }

  synchronized void cancelConflictCheck(String sysId) {
    changeRow(sysId);
    if (conflictRuns.remove(sysId) == null) {
      throw new SimProblem(404, "No conflict checking process for change " + sysId);
    }
  }

  // ---------------------------------------------------------------- templates, incidents

  synchronized String addTemplate(String sysId, String name, Map<String, String> fields) {
    Row t = store.insert(TEMPLATES, sysId);
    t.put("name", name).put("active", "true");
    fields.forEach(t::put);
    return sysId;
  }

  synchronized Row addIncident(Map<String, String> fields) {
    Row inc = store.insert(INCIDENTS, Store.newSysId());
    inc.put("number", store.nextNumber("INC"))
        .put("short_description", "")
        .put("priority", Cell.of("4", "4 - Low"))
        .put("state", Cell.of("1", "New"))
        .put("active", "true")
        .put("cmdb_ci", Cell.ref("cmdb_ci", "", ""))
        .put("business_service", Cell.ref("cmdb_ci_service", "", ""));
    fields.forEach((name, value) -> setField(inc, name, value));
    return inc.copy();
  }

  synchronized List<String> workNotes(String sysId) {
    return List.copyOf(journals.getOrDefault(sysId, List.of()));
  }

  // ---------------------------------------------------------------- helpers

  private Row changeRow(String sysId) {
    return store.get(CHANGES, sysId).orElseThrow(() -> noRecord("change request " + sysId));
  }

  static SnProblem noRecord(String what) {
    return new SnProblem(
        404,
        "No Record found",
        "Record doesn't exist or ACL restricts the record retrieval (" + what + ")");
  }

  private static ChangeState currentState(Row change) {
    return ChangeState.parse(change.text("state")).orElse(ChangeState.NEW);
  }

  private void setState(Row change, ChangeState state) {
    change.put("state", Cell.of(state.value, state.label));
    change.put("active", Cell.of(!state.terminal(), String.valueOf(!state.terminal())));
    if (state.terminal()) {
      change.put("closed_at", store.now());
    }
  }

  private void journal(Row row, String note) {
    if (note == null || note.isBlank()) {
      return;
    }
    List<String> notes = journals.computeIfAbsent(row.sysId(), k -> new ArrayList<>());
    notes.add(note);
    StringBuilder display = new StringBuilder();
    for (int i = notes.size() - 1; i >= 0; i--) {
      display.append(store.now()).append(" - System Administrator (Work notes)\n");
      display.append(notes.get(i)).append("\n\n");
    }
    row.put("work_notes", Cell.of("", display.toString()));
  }

  private static void setField(Row row, String name, String value) {
    if (REFERENCES.contains(name)) {
      row.put(name, Cell.ref(referenceTable(name), value, value));
    } else if ("priority".equals(name)) {
      row.put(name, Cell.of(value, value + " - " + priorityLabel(value)));
    } else {
      row.put(name, value);
    }
  }

  private static String referenceTable(String field) {
    switch (field) {
      case "business_service":
        return "cmdb_ci_service";
      case "assignment_group":
        return "sys_user_group";
      case "assigned_to":
      case "requested_by":
        return "sys_user";
      default:
        return "cmdb_ci";
    }
  }

  private static String priorityLabel(String priority) {
    switch (priority) {
      case "1":
        return "Critical";
      case "2":
        return "High";
      case "3":
        return "Moderate";
      case "4":
        return "Low";
      default:
        return "Planning";
    }
  }

  private static boolean isFieldName(String name) {
    return name.matches("[a-z_][a-z0-9_]*") && !name.startsWith("sysparm_");
  }

  synchronized void reset() {
    store.clear();
    journals.clear();
    conflictRuns.clear();
    slowCreatesLeft = 0;
  }
}
