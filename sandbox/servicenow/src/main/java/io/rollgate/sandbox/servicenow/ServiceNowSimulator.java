package io.rollgate.sandbox.servicenow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rollgate.sandbox.SimJson;
import io.rollgate.sandbox.SimRequest;
import io.rollgate.sandbox.SimResponse;
import io.rollgate.sandbox.SimServer;
import java.net.URI;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A stateful ServiceNow instance on loopback that speaks the Change Management API ({@code
 * /api/sn_chg_rest/v1/change/…}), the Table API ({@code /api/now/table/…}) and the OAuth token
 * endpoint ({@code /oauth_token.do}), with ServiceNow's error envelope on every error. Thread-safe.
 *
 * <p>Fault knobs and the request log of {@link SimServer} live under {@code /_sandbox/}; so does
 * the admin API, which faults never get in the way of:
 *
 * <pre>
 * POST /_sandbox/servicenow/changes/{number}/approve   {"comments": "..."} (optional)
 * POST /_sandbox/servicenow/changes/{number}/reject      {"comments": "..."}
 * GET  /_sandbox/servicenow/changes                      every change in the Change Management API shape
 * GET  /_sandbox/servicenow/changes/{number}
 * POST /_sandbox/servicenow/incidents                    {"short_description", "priority", "cmdb_ci", ...}
 * POST /_sandbox/servicenow/templates                    {"name", "fields": {...}}  -> {"sys_id"}
 * POST /_sandbox/servicenow/tokens/expire                every issued OAuth token expires now
 * PUT  /_sandbox/servicenow/slow-creates                 {"delayMillis", "count"}: answer creations late
 * GET  /_sandbox/servicenow/webhooks                     webhook delivery attempts
 * POST /_sandbox/servicenow/reset                        forget every record
 * </pre>
 *
 * Standalone, with the other simulators: {@code io.rollgate.sandbox.launcher.SandboxMain}.
 */
public final class ServiceNowSimulator implements AutoCloseable {

  /** The sys_id of the standard change template every simulator starts with. */
  public static final String DEFAULT_TEMPLATE_ID = "e55d0bfec343101035ae3f52c1d3ae49";

  private static final Logger LOG = LoggerFactory.getLogger(ServiceNowSimulator.class);
  private static final List<String> CHANGE_PREFIXES =
      List.of("/api/sn_chg_rest/v1/change", "/api/sn_chg_rest/change");
  private static final List<String> TABLE_PREFIXES =
      List.of("/api/now/table", "/api/now/v2/table", "/api/now/v1/table");
  private static final List<String> READABLE_TABLES =
      List.of(
          ChangeDesk.CHANGES,
          ChangeDesk.TASKS,
          ChangeDesk.APPROVALS,
          ChangeDesk.INCIDENTS,
          ChangeDesk.TEMPLATES);

  private final SimulatorConfig config;
  private final ScheduledExecutorService background;
  private final ChangeDesk desk;
  private final Tokens tokens;
  private final Webhooks webhooks;
  private final SimServer api;

  private ServiceNowSimulator(SimulatorConfig config) {
    this.config = config;
    AtomicInteger threads = new AtomicInteger();
    this.background =
        Executors.newScheduledThreadPool(
            2,
            r -> {
              Thread t = new Thread(r, "servicenow-sim-bg-" + threads.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    this.webhooks = new Webhooks(config, background);
    this.desk = new ChangeDesk(config, config.clock(), background, webhooks::decided);
    this.tokens = new Tokens(config, config.clock());
    seed();
    this.api = apiServer();
    LOG.info("simulator=servicenow api={} admin={}", api.baseUri(), adminUri());
  }

  /** Starts a simulator with {@link SimulatorConfig#defaults()} on a free port. */
  public static ServiceNowSimulator start() {
    return start(SimulatorConfig.defaults());
  }

  public static ServiceNowSimulator start(SimulatorConfig config) {
    return new ServiceNowSimulator(config);
  }

  /** The API's base address, for example {@code http://127.0.0.1:41234}. */
  public URI baseUri() {
    return api.baseUri();
  }

  /**
   * Where the admin API lives: {@code <base>/_sandbox}, paths below it start {@code /servicenow}.
   */
  public URI adminUri() {
    return URI.create(api.baseUri() + "/_sandbox");
  }

  /** The API server: its fault knobs and request log. */
  public SimServer server() {
    return api;
  }

  public SimulatorConfig config() {
    return config;
  }

  /**
   * Approves the change's pending approval: Authorize moves to Scheduled and the webhook fires.
   *
   * @throws io.rollgate.sandbox.SimProblem 404 for an unknown number, 409 when nothing is pending
   */
  public void approve(String number, String comments) {
    desk.decideByNumber(number, true, comments);
  }

  /** Rejects the change's pending approval: the change goes back to New and the webhook fires. */
  public void reject(String number, String comments) {
    desk.decideByNumber(number, false, comments);
  }

  /** Every change, rendered as the Change Management API returns it. */
  public List<JsonNode> changes() {
    return desk.rows(ChangeDesk.CHANGES).stream().map(Render::change).collect(Collectors.toList());
  }

  /** One change by number, rendered as the Change Management API returns it. */
  public Optional<JsonNode> change(String number) {
    return desk.changeByNumber(number).map(Render::change);
  }

  /** How many changes carry this correlation id. */
  public long changesWithCorrelationId(String correlationId) {
    return desk.rows(ChangeDesk.CHANGES).stream()
        .filter(r -> r.text("correlation_id").equals(correlationId))
        .count();
  }

  /** The work notes written on a change, oldest first. */
  public List<String> workNotes(String number) {
    return desk.changeByNumber(number).map(r -> desk.workNotes(r.sysId())).orElse(List.of());
  }

  /**
   * Adds an incident. Fields are Table API names, for example {@code short_description}, {@code
   * priority} ("1".."5"), {@code cmdb_ci}, {@code business_service}, {@code active}.
   *
   * @return the incident's number
   */
  public String addIncident(Map<String, String> fields) {
    return desk.addIncident(fields).text("number");
  }

  /** Adds a standard change template; its fields are copied into changes made from it. */
  public String addTemplate(String name, Map<String, String> fields) {
    return desk.addTemplate(io.rollgate.sandbox.servicenow.Store.newSysId(), name, fields);
  }

  /** Every OAuth token issued so far is expired from now on. */
  public void expireTokens() {
    tokens.expireAll();
  }

  /** How many OAuth tokens the token endpoint issued. */
  public int tokensIssued() {
    return tokens.issuedCount();
  }

  /**
   * The next {@code count} change creations are answered only after {@code delay} — the change
   * exists at once, as when a real instance commits and then the answer is lost to a timeout.
   */
  public void slowCreates(Duration delay, int count) {
    desk.slowCreates(delay, count);
  }

  /**
   * Sends later approval decisions to {@code target} (none when null), for when the receiver's
   * address is known only after the simulator started. With a {@code secret}, each attempt carries
   * {@code X-Rollgate-Timestamp: <epoch seconds>} and {@code X-Rollgate-Signature: sha256=<hex
   * HMAC-SHA256 of "<timestamp>.<raw body>" keyed with the secret's UTF-8 bytes>}, signed afresh
   * for each retry; without one, calls go unsigned. Attempts and back-off stay as configured.
   */
  public void sendWebhooksTo(URI target, String secret) {
    webhooks.sendTo(target, secret);
  }

  /** Webhook delivery attempts so far, as {@code number/approval/attempt/status}. */
  public List<String> webhookDeliveries() {
    return webhooks.deliveries().stream()
        .map(d -> d.number() + "/" + d.approval() + "/" + d.attempt() + "/" + d.status())
        .collect(Collectors.toList());
  }

  /** Forgets every record and knob; keeps the default template. */
  public void reset() {
    desk.reset();
    api.faults().clear();
    api.requests().clear();
    seed();
  }

  @Override
  public void close() {
    api.close();
    background.shutdownNow();
  }

  private void seed() {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("short_description", "Restart a service node (pre-approved)");
    fields.put("description", "Restart one node of a load-balanced service.");
    fields.put("implementation_plan", "Drain the node, restart, verify health, re-enable.");
    fields.put("backout_plan", "Keep the node drained and open an incident.");
    fields.put("test_plan", "Health endpoint answers 200 within 60 seconds.");
    fields.put("risk", "4");
    desk.addTemplate(DEFAULT_TEMPLATE_ID, "Restart service node", fields);
  }

  // ------------------------------------------------------------------ API

  private SimServer apiServer() {
    SimServer.Builder b =
        SimServer.builder("servicenow")
            .port(config.port())
            .clock(config.clock())
            .errorShape(SnProblem::shape)
            .route("POST", "/oauth_token.do", this::token);
    ChangeApi changes = new ChangeApi(desk);
    for (String p : CHANGE_PREFIXES) {
      secured(b, "GET", p, changes::list);
      secured(b, "POST", p + "/normal", req -> changes.create(req, "normal"));
      secured(b, "POST", p + "/emergency", req -> changes.create(req, "emergency"));
      secured(b, "GET", p + "/standard/template", changes::templates);
      secured(b, "POST", p + "/standard/{template_id}", changes::createStandard);
      secured(b, "POST", p, changes::createGeneric);
      secured(b, "GET", p + "/{sys_id}/nextstates", changes::nextStates);
      secured(b, "GET", p + "/{sys_id}/task", changes::tasks);
      secured(b, "POST", p + "/{sys_id}/task", changes::createTask);
      secured(b, "PATCH", p + "/{sys_id}/task/{task_sys_id}", changes::updateTask);
      secured(b, "POST", p + "/{sys_id}/conflict", changes::startConflictCheck);
      secured(b, "GET", p + "/{sys_id}/conflict", changes::conflicts);
      secured(b, "DELETE", p + "/{sys_id}/conflict", changes::cancelConflictCheck);
      secured(b, "PATCH", p + "/{sys_id}/approvals", changes::decide);
      secured(b, "GET", p + "/{sys_id}", changes::get);
      secured(b, "PATCH", p + "/{sys_id}", changes::update);
      secured(b, "DELETE", p + "/{sys_id}", changes::delete);
    }
    for (String p : TABLE_PREFIXES) {
      boolean v1 = p.contains("/v1/");
      secured(b, "GET", p + "/{table}", req -> tableList(req, v1));
      secured(b, "GET", p + "/{table}/{sys_id}", this::tableGet);
    }
    return adminRoutes(b).start();
  }

  private void secured(SimServer.Builder b, String method, String path, SimServer.Handler h) {
    b.route(
        method,
        path,
        SnProblem.guard(
            req -> {
              String refusal = tokens.refusal(req.header("Authorization").orElse(null));
              if (refusal != null) {
                return SnProblem.envelope(401, "User Not Authenticated", refusal);
              }
              return h.handle(req);
            }));
  }

  private SimResponse token(SimRequest req) {
    Map<String, String> form = Forms.parse(req.bodyText());
    if (!"client_credentials".equals(form.get("grant_type"))) {
      return SnProblem.envelope(
          400, "Unsupported grant type", "grant_type must be client_credentials");
    }
    String token = tokens.issue(form.get("client_id"), form.get("client_secret"));
    if (token == null) {
      return SnProblem.envelope(401, "access_denied", "Invalid client credentials");
    }
    ObjectNode body = SimJson.object();
    body.put("access_token", token);
    body.put("scope", form.getOrDefault("scope", "useraccount"));
    body.put("token_type", "Bearer");
    body.put("expires_in", config.tokenLifetime().toSeconds());
    return SimResponse.ok(body);
  }

  private SimResponse tableList(SimRequest req, boolean v1) {
    String table = readableTable(req);
    EncodedQuery query =
        EncodedQuery.fromParameters(req.query("sysparm_query").orElse(null), req.query());
    List<Row> rows =
        desk.rows(table).stream()
            .filter(query::matches)
            .sorted(query.order())
            .collect(Collectors.toList());
    if (rows.isEmpty() && v1) {
      return SnProblem.envelope(404, "No Record found", "Records matching query not found");
    }
    Paging paging = Paging.of(req, 10_000);
    List<Row> page = paging.slice(rows);
    ArrayNode result = SimJson.MAPPER.createArrayNode();
    page.forEach(r -> result.add(tableRow(req, r)));
    SimResponse response = SimResponse.ok(SimJson.object().set("result", result));
    response.header("X-Total-Count", String.valueOf(rows.size()));
    if (!"true".equalsIgnoreCase(req.query("sysparm_suppress_pagination_header").orElse(""))) {
      paging.link(api.baseUri(), req, rows.size()).ifPresent(l -> response.header("Link", l));
    }
    return response;
  }

  private SimResponse tableGet(SimRequest req) {
    String table = readableTable(req);
    Row row =
        desk.rows(table).stream()
            .filter(r -> r.sysId().equals(req.pathParam("sys_id")))
            .findFirst()
            .orElseThrow(() -> ChangeDesk.noRecord(table + " " + req.pathParam("sys_id")));
    return SimResponse.ok(SimJson.object().set("result", tableRow(req, row)));
  }

  private ObjectNode tableRow(SimRequest req, Row row) {
    String fields = req.query("sysparm_fields").orElse("");
    return Render.table(
        row,
        Render.DisplayMode.of(req.query("sysparm_display_value").orElse("false")),
        "true".equalsIgnoreCase(req.query("sysparm_exclude_reference_link").orElse("")),
        fields.isBlank()
            ? java.util.Set.of()
            : java.util.Set.copyOf(List.of(fields.split("\\s*,\\s*"))),
        api.baseUri());
  }

  private static String readableTable(SimRequest req) {
    String table = req.pathParam("table");
    if (!READABLE_TABLES.contains(table)) {
      throw new SnProblem(400, "Invalid table " + table, "The simulator has no table " + table);
    }
    return table;
  }

  // ------------------------------------------------------------------ admin

  /** The admin API under {@code /_sandbox/servicenow}: no faults, not in the request log. */
  private SimServer.Builder adminRoutes(SimServer.Builder b) {
    return b.adminRoute("POST", "/servicenow/changes/{number}/approve", req -> decision(req, true))
        .adminRoute("POST", "/servicenow/changes/{number}/reject", req -> decision(req, false))
        .adminRoute("GET", "/servicenow/changes", req -> SimResponse.ok(changes()))
        .adminRoute(
            "GET",
            "/servicenow/changes/{number}",
            req ->
                change(req.pathParam("number"))
                    .map(SimResponse::ok)
                    .orElseGet(
                        () -> SimServer.problem(404, "No change " + req.pathParam("number"))))
        .adminRoute(
            "POST",
            "/servicenow/incidents",
            req -> {
              Row inc = desk.addIncident(textFields(req.json()));
              return SimResponse.json(
                  201,
                  Render.table(
                      inc, Render.DisplayMode.ALL, true, java.util.Set.of(), api.baseUri()));
            })
        .adminRoute(
            "POST",
            "/servicenow/templates",
            req -> {
              JsonNode body = req.json();
              String id =
                  addTemplate(
                      body.path("name").asText("template"), textFields(body.path("fields")));
              return SimResponse.json(201, SimJson.object().put("sys_id", id));
            })
        .adminRoute(
            "POST",
            "/servicenow/tokens/expire",
            req -> {
              expireTokens();
              return SimResponse.empty(204);
            })
        .adminRoute(
            "PUT",
            "/servicenow/slow-creates",
            req -> {
              JsonNode body = req.json();
              slowCreates(
                  Duration.ofMillis(body.path("delayMillis").asLong()),
                  body.path("count").asInt(1));
              return SimResponse.empty(204);
            })
        .adminRoute("GET", "/servicenow/webhooks", req -> SimResponse.ok(webhooks.deliveries()))
        .adminRoute(
            "POST",
            "/servicenow/reset",
            req -> {
              reset();
              return SimResponse.empty(204);
            });
  }

  private SimResponse decision(SimRequest req, boolean approve) {
    String comments = req.body().length == 0 ? null : req.json().path("comments").asText(null);
    Row decided = desk.decideByNumber(req.pathParam("number"), approve, comments);
    return SimResponse.ok(Render.change(decided));
  }

  /** The JSON object's members as text, nested values skipped. */
  static Map<String, String> textFields(JsonNode object) {
    Map<String, String> fields = new LinkedHashMap<>();
    if (object == null || !object.isObject()) {
      return fields;
    }
    Iterator<Map.Entry<String, JsonNode>> it = object.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      if (e.getValue().isValueNode()) {
        fields.put(e.getKey(), e.getValue().isNull() ? "" : e.getValue().asText());
      }
    }
    return fields;
  }
}
