package io.rollgate.connector.servicenow;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rollgate.connector.ApiCalls;
import io.rollgate.connector.ConnectorException;
import io.rollgate.connector.NonRetryableException;
import io.rollgate.connector.Resilience;
import io.rollgate.connector.RetrofitApi;
import io.rollgate.connector.RetryableException;
import io.rollgate.connector.servicenow.model.Approval;
import io.rollgate.connector.servicenow.model.ChangeRequest;
import io.rollgate.connector.servicenow.model.ChangeState;
import io.rollgate.connector.servicenow.model.ChangeTask;
import io.rollgate.connector.servicenow.model.ChangeType;
import io.rollgate.connector.servicenow.model.CloseCode;
import io.rollgate.connector.servicenow.model.ConflictCheck;
import io.rollgate.connector.servicenow.model.Incident;
import io.rollgate.connector.servicenow.model.IncidentQuery;
import io.rollgate.connector.servicenow.model.NewChange;
import io.rollgate.connector.servicenow.model.NextStates;
import io.rollgate.connector.servicenow.model.Page;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import retrofit2.Call;
import retrofit2.Response;

/**
 * Rollgate's client of one ServiceNow instance: the Change Management API ({@code
 * /api/sn_chg_rest/v1/change}) for change requests, their states, tasks and conflict checks, and
 * the Table API ({@code /api/now/table}) for approvals and incidents. Thread-safe; create one per
 * instance.
 *
 * <p>Every call runs through the configured {@link Resilience} ({@code servicenow}): timeouts,
 * 429/5xx/timeouts retried honouring {@code Retry-After}, a circuit breaker. What it throws:
 *
 * <ul>
 *   <li>{@link RetryableException} — no answer, 429, 5xx or an open circuit after the configured
 *       attempts ("gave up after N attempts"); also a conflict check still running at its deadline;
 *   <li>{@link ServiceNowUnauthorizedException} — 401/403 (for OAuth, after one token refresh);
 *   <li>{@link ServiceNowNotFoundException} — 404, for example an unknown sys_id;
 *   <li>{@link ServiceNowConflictException} — 409;
 *   <li>{@link InvalidTransitionException} — a state move {@code nextstates} does not allow,
 *       refused before anything is written;
 *   <li>{@link NonRetryableException} — any other refusal (400 with the envelope's message) or an
 *       unreadable answer.
 * </ul>
 *
 * Logs one line per call outcome (operation, change number or correlation id, duration); never a
 * credential.
 */
public final class ServiceNowClient {

  /** The system name of the resilience settings and of failures. */
  public static final String SYSTEM = "servicenow";

  private static final Logger LOG = LoggerFactory.getLogger(ServiceNowClient.class);
  private static final int MAX_PAGES = 1000;

  private final ServiceNowConfig config;
  private final URI base;
  private final ServiceNowApi api;
  private final ApiCalls calls;
  private final Resilience resilience;
  private final Credentials credentials;
  private final Clock clock;

  public ServiceNowClient(ServiceNowConfig config) {
    this.config = config;
    this.clock = config.clock();
    this.resilience = config.resilience();
    String url = config.baseUrl().toString();
    this.base = URI.create(url.endsWith("/") ? url : url + "/");
    ObjectMapper json =
        new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    OkHttpClient http =
        resilience
            .httpClient()
            .addInterceptor(
                chain ->
                    chain.proceed(
                        chain.request().newBuilder().header("Accept", "application/json").build()))
            .build();
    this.api = RetrofitApi.create(ServiceNowApi.class, base.toString(), http, json);
    this.calls = new ApiCalls(SYSTEM, new ServiceNowErrors(), clock);
    this.credentials = new Credentials(config.auth(), api, calls, clock, config.tokenRefreshSkew());
  }

  public ServiceNowConfig config() {
    return config;
  }

  // ------------------------------------------------------------------ changes

  /**
   * Opens a change, or returns the one that already carries the correlation id. Each attempt looks
   * the id up before creating, so a retry after a lost answer never opens a second change.
   *
   * @throws ServiceNowNotFoundException when a standard change's template does not exist
   */
  public ChangeRequest createChange(NewChange change) {
    String ref = "correlation_id=" + change.correlationId() + " type=" + change.type().value();
    AtomicBoolean created = new AtomicBoolean();
    return call(
        "create-change",
        ref,
        () ->
            findOnce(change.correlationId())
                .orElseGet(
                    () -> {
                      ChangeRequest result = createOnce(change);
                      created.set(true);
                      return result;
                    }),
        result -> "change=" + result.number() + " created=" + created.get());
  }

  /** The oldest change carrying {@code correlationId}, if any. */
  public Optional<ChangeRequest> findChangeByCorrelationId(String correlationId) {
    return call("find-change", "correlation_id=" + correlationId, () -> findOnce(correlationId));
  }

  /**
   * @throws ServiceNowNotFoundException for an unknown sys_id
   */
  public ChangeRequest getChange(String sysId) {
    return call("get-change", "sys_id=" + sysId, () -> getOnce(sysId));
  }

  /**
   * Writes fields of a change (API names and values, for example {@code start_date}). The state
   * moves only through {@link #moveTo}.
   *
   * @throws IllegalArgumentException when {@code fields} holds {@code state}
   */
  public ChangeRequest updateChange(String sysId, Map<String, String> fields) {
    if (fields.containsKey("state")) {
      throw new IllegalArgumentException("move the state with moveTo, which checks nextstates");
    }
    return call(
        "update-change",
        "sys_id=" + sysId,
        () -> Mapping.change(single(send(a -> api.updateChange(a, sysId, fields)), "change")));
  }

  /** Appends a work note to the change's journal. */
  public ChangeRequest addWorkNote(String sysId, String note) {
    Objects.requireNonNull(note, "note");
    Map<String, String> fields = Map.of("work_notes", note);
    return call(
        "add-work-note",
        "sys_id=" + sysId,
        () -> Mapping.change(single(send(a -> api.updateChange(a, sysId, fields)), "change")));
  }

  /** The states on offer for the change now, as {@code nextstates} lists them. */
  public NextStates nextStates(String sysId) {
    return call("next-states", "sys_id=" + sysId, () -> nextStatesOnce(sysId));
  }

  /** {@link #moveTo(String, ChangeState, Map)} without further fields. */
  public ChangeRequest moveTo(String sysId, ChangeState target) {
    return moveTo(sysId, target, Map.of());
  }

  /**
   * Moves the change to {@code target}, writing {@code fields} in the same request, if {@code
   * nextstates} allows the move now. A change already in {@code target} is returned unchanged, so a
   * repeated move is harmless.
   *
   * @throws InvalidTransitionException when the move is not on offer; nothing is written
   */
  public ChangeRequest moveTo(String sysId, ChangeState target, Map<String, String> fields) {
    Objects.requireNonNull(target, "target");
    return call(
        "move-state",
        "sys_id=" + sysId + " to=" + target.label(),
        () -> {
          ChangeRequest current = getOnce(sysId);
          if (current.state() == target) {
            return current;
          }
          if (current.state() == null) {
            throw new NonRetryableException(
                SYSTEM, 0, "change " + current.number() + " has an unknown state", null);
          }
          NextStates next = nextStatesOnce(sysId);
          if (!next.allows(current.state(), target)) {
            throw new InvalidTransitionException(
                SYSTEM,
                current.number(),
                current.state(),
                target,
                next.allowedFrom(current.state()));
          }
          Map<String, String> body = new LinkedHashMap<>(fields);
          body.put("state", String.valueOf(target.value()));
          return Mapping.change(single(send(a -> api.updateChange(a, sysId, body)), "change"));
        },
        result -> "change=" + result.number());
  }

  /**
   * Closes the change (Review to Closed) with a close code and notes.
   *
   * @throws InvalidTransitionException when the change is not in a state that may close
   */
  public ChangeRequest close(String sysId, CloseCode code, String notes) {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("close_code", code.value());
    fields.put("close_notes", Objects.requireNonNull(notes, "notes"));
    return moveTo(sysId, ChangeState.CLOSED, fields);
  }

  // ------------------------------------------------------------------ approvals and tasks

  /** The approval records of a change ({@code sysapproval_approver}), oldest first. */
  public List<Approval> approvals(String changeSysId) {
    Map<String, String> query = new LinkedHashMap<>();
    query.put("sysparm_query", "sysapproval=" + safe(changeSysId) + "^ORDERBYsys_created_on");
    query.put("sysparm_display_value", "all");
    query.put("sysparm_exclude_reference_link", "true");
    return tableAll("approvals", "sys_id=" + changeSysId, "sysapproval_approver", query).stream()
        .map(Mapping::approval)
        .collect(Collectors.toList());
  }

  /** The change's tasks, by number. */
  public List<ChangeTask> changeTasks(String changeSysId) {
    return call(
        "list-change-tasks",
        "sys_id=" + changeSysId,
        () ->
            Records.results(send(a -> api.tasks(a, changeSysId, "ORDERBYnumber")).body()).stream()
                .map(Mapping::task)
                .collect(Collectors.toList()));
  }

  /** Adds a task to the change. */
  public ChangeTask createChangeTask(
      String changeSysId, String shortDescription, Map<String, String> fields) {
    Map<String, String> body = new LinkedHashMap<>(fields);
    body.put("short_description", Objects.requireNonNull(shortDescription, "shortDescription"));
    return call(
        "create-change-task",
        "sys_id=" + changeSysId,
        () -> Mapping.task(single(send(a -> api.createTask(a, changeSysId, body)), "task")));
  }

  /** Writes fields of a task, for example {@code state} 3 to close it. */
  public ChangeTask updateChangeTask(
      String changeSysId, String taskSysId, Map<String, String> fields) {
    return call(
        "update-change-task",
        "sys_id=" + changeSysId + " task=" + taskSysId,
        () ->
            Mapping.task(
                single(send(a -> api.updateTask(a, changeSysId, taskSysId, fields)), "task")));
  }

  // ------------------------------------------------------------------ conflicts

  /** Starts a conflict check and returns its worker's sys_id. */
  public String startConflictCheck(String sysId) {
    return call(
        "start-conflict-check",
        "sys_id=" + sysId,
        () -> {
          JsonNode body = send(a -> api.startConflictCheck(a, sysId)).body();
          return body == null ? "" : Records.fieldValue(body.get("result")).value();
        });
  }

  /** The conflict check's current state; see {@link ConflictCheck#finished()}. */
  public ConflictCheck conflictCheck(String sysId) {
    return call(
        "read-conflict-check",
        "sys_id=" + sysId,
        () -> Mapping.conflictCheck(single(send(a -> api.conflictCheck(a, sysId)), "conflict")));
  }

  /**
   * Starts a conflict check and polls it every {@code conflictPollInterval} until it finished.
   *
   * @throws RetryableException when it is still running after {@code timeout}
   */
  public ConflictCheck checkConflicts(String sysId, Duration timeout) {
    Instant deadline = clock.instant().plus(timeout);
    startConflictCheck(sysId);
    while (true) {
      ConflictCheck check = conflictCheck(sysId);
      if (check.finished()) {
        LOG.info(
            "servicenow op=check-conflicts sys_id={} outcome=finished conflicts={}",
            sysId,
            check.conflicts().size());
        return check;
      }
      if (!clock.instant().isBefore(deadline)) {
        throw new RetryableException(
            SYSTEM,
            0,
            "conflict check still running after " + timeout.toMillis() + " ms",
            null,
            null);
      }
      sleep(config.conflictPollInterval());
    }
  }

  // ------------------------------------------------------------------ incidents

  /** One page of the query's incidents, from {@code offset}, most urgent first. */
  public Page<Incident> incidentPage(IncidentQuery query, int offset) {
    Map<String, String> params = incidentParams(query);
    params.put("sysparm_offset", String.valueOf(offset));
    Page<JsonNode> page =
        call(
            "list-incidents",
            ref(query),
            () -> toPage(send(a -> api.table(a, "incident", params))));
    return new Page<>(map(page, Mapping::incident), page.totalCount(), page.next());
  }

  /** Every active incident the query matches, following {@code Link: rel="next"}. */
  public List<Incident> openIncidents(IncidentQuery query) {
    return tableAll("list-incidents", ref(query), "incident", incidentParams(query)).stream()
        .map(Mapping::incident)
        .collect(Collectors.toList());
  }

  private static Map<String, String> incidentParams(IncidentQuery q) {
    StringBuilder sq = new StringBuilder("active=true");
    if (q.cmdbCi() != null) {
      sq.append("^cmdb_ci=").append(safe(q.cmdbCi()));
    }
    if (q.businessService() != null) {
      sq.append("^business_service=").append(safe(q.businessService()));
    }
    sq.append("^priority<=").append(q.maxPriority()).append("^ORDERBYpriority^ORDERBYnumber");
    Map<String, String> params = new LinkedHashMap<>();
    params.put("sysparm_query", sq.toString());
    params.put("sysparm_display_value", "all");
    params.put("sysparm_exclude_reference_link", "true");
    params.put("sysparm_limit", String.valueOf(q.pageSize()));
    return params;
  }

  private static String ref(IncidentQuery q) {
    return q.cmdbCi() != null ? "cmdb_ci=" + q.cmdbCi() : "business_service=" + q.businessService();
  }

  // ------------------------------------------------------------------ single attempts

  private Optional<ChangeRequest> findOnce(String correlationId) {
    String query = "correlation_id=" + safe(correlationId) + "^ORDERBYsys_created_on";
    return Records.results(send(a -> api.findChanges(a, query, 1)).body()).stream()
        .findFirst()
        .map(Mapping::change);
  }

  private ChangeRequest createOnce(NewChange change) {
    Map<String, String> body = new LinkedHashMap<>(change.fields());
    body.put("short_description", change.shortDescription());
    body.put("correlation_id", change.correlationId());
    Response<JsonNode> created =
        change.type() == ChangeType.STANDARD
            ? send(a -> api.createStandardChange(a, change.templateId(), body))
            : send(a -> api.createChange(a, change.type().value(), body));
    return Mapping.change(single(created, "change"));
  }

  private ChangeRequest getOnce(String sysId) {
    return Mapping.change(single(send(a -> api.getChange(a, sysId)), "change"));
  }

  private NextStates nextStatesOnce(String sysId) {
    return Mapping.nextStates(single(send(a -> api.nextStates(a, sysId)), "nextstates"));
  }

  private List<JsonNode> tableAll(
      String operation, String ref, String table, Map<String, String> query) {
    List<JsonNode> all = new ArrayList<>();
    Page<JsonNode> page = call(operation, ref, () -> toPage(send(a -> api.table(a, table, query))));
    all.addAll(page.items());
    for (int pages = 1; page.hasNext(); pages++) {
      if (pages >= MAX_PAGES) {
        throw new NonRetryableException(SYSTEM, 0, "more than " + MAX_PAGES + " pages", null);
      }
      String next = sameOrigin(page.next().get());
      page =
          call(operation, ref + " page=" + (pages + 1), () -> toPage(send(a -> api.page(a, next))));
      all.addAll(page.items());
    }
    return all;
  }

  private static Page<JsonNode> toPage(Response<JsonNode> response) {
    String total = response.headers().get("X-Total-Count");
    long count = total == null ? -1 : Records.intValue(total, -1);
    return new Page<>(
        Records.results(response.body()), count, LinkHeader.next(response.headers().get("Link")));
  }

  /** Credentials go only to the configured instance, whatever a Link header says. */
  private String sameOrigin(URI next) {
    URI resolved = base.resolve(next);
    boolean same =
        Objects.equals(resolved.getScheme(), base.getScheme())
            && Objects.equals(resolved.getHost(), base.getHost())
            && resolved.getPort() == base.getPort();
    if (!same) {
      throw new NonRetryableException(
          SYSTEM, 0, "refusing to follow a Link to another origin: " + resolved.getHost(), null);
    }
    return resolved.toString();
  }

  private static <T> List<T> map(Page<JsonNode> page, Function<JsonNode, T> f) {
    return page.items().stream().map(f).collect(Collectors.toList());
  }

  private static JsonNode single(Response<JsonNode> response, String what) {
    return Records.single(response.body(), what);
  }

  /**
   * Executes one request with the current credentials; for OAuth, a 401 drops the token and the
   * request is repeated once with a fresh one.
   */
  private Response<JsonNode> send(Function<String, Call<JsonNode>> request) {
    String header = credentials.header();
    try {
      return calls.execute(request.apply(header));
    } catch (ServiceNowUnauthorizedException e) {
      if (!credentials.refreshable() || e.status().orElse(0) != 401) {
        throw e;
      }
      credentials.refused(header);
      LOG.info("servicenow op=refresh-token outcome=refused-token-dropped");
      return calls.execute(request.apply(credentials.header()));
    }
  }

  private <T> T call(String operation, String ref, Supplier<T> attempt) {
    return call(operation, ref, attempt, result -> "");
  }

  /** One resilient call and its one log line; {@code describe} adds what the result says. */
  private <T> T call(
      String operation, String ref, Supplier<T> attempt, Function<T, String> describe) {
    long started = System.nanoTime();
    try {
      T result = resilience.call(operation, attempt);
      long ms = (System.nanoTime() - started) / 1_000_000;
      String what = describe.apply(result);
      String line = what.isEmpty() ? ref : ref + " " + what;
      boolean read =
          operation.startsWith("get")
              || operation.startsWith("list")
              || operation.startsWith("read");
      if (read) {
        LOG.debug("servicenow op={} {} outcome=ok duration_ms={}", operation, line, ms);
      } else {
        LOG.info("servicenow op={} {} outcome=ok duration_ms={}", operation, line, ms);
      }
      return result;
    } catch (ConnectorException e) {
      LOG.info(
          "servicenow op={} {} outcome=failed retryable={} status={} duration_ms={} error=\"{}\"",
          operation,
          ref,
          e.retryable(),
          e.status().map(String::valueOf).orElse("none"),
          (System.nanoTime() - started) / 1_000_000,
          e.detail());
      throw e;
    }
  }

  /** Encoded-query values cannot hold the condition separator. */
  private static String safe(String value) {
    Objects.requireNonNull(value, "query value");
    if (value.contains("^")) {
      throw new IllegalArgumentException("'" + value + "' holds '^', which ends a query condition");
    }
    return value;
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RetryableException(SYSTEM, 0, "interrupted while polling", null, e);
    }
  }
}
