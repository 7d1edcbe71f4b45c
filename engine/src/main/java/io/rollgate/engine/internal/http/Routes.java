package io.rollgate.engine.internal.http;

import io.rollgate.engine.internal.api.Json;
import io.rollgate.engine.internal.api.Views;
import io.rollgate.engine.internal.processor.Command;
import io.rollgate.engine.internal.processor.CommandProcessor;
import io.rollgate.engine.internal.processor.EngineException;
import io.rollgate.engine.internal.state.EngineState;
import io.rollgate.engine.internal.state.FormDefinition;
import io.rollgate.engine.internal.state.ProcessInstance;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.IntSupplier;

/** The REST API (v2) endpoints: decode, validate, hand to the processor, shape the answer. */
final class Routes {
  static final String VERSION = "8.8.14";
  private static final String DEFAULT_TENANT = "<default>";

  /**
   * Longest a job activation request is held when no job is ready. Short, because a worker being
   * closed waits for its poll to return (tests close workers after each test).
   */
  static final long MAX_POLL_MILLIS = 1_000;

  private static final long DEFAULT_AWAIT_MILLIS = 30_000;
  private static final long COMMAND_TIMEOUT_MILLIS = 30_000;

  private final CommandProcessor processor;
  private final IntSupplier port;

  private Routes(CommandProcessor processor, IntSupplier port) {
    this.processor = processor;
    this.port = port;
  }

  static Router build(CommandProcessor processor, IntSupplier port) {
    Routes r = new Routes(processor, port);
    Router router =
        new Router()
            .add("GET", "/v2/topology", req -> r.topology())
            .add("PUT", "/v2/clock", r::pinClock)
            .add("POST", "/v2/clock/reset", r::resetClock)
            .add(
                "GET",
                "/actuator/clock",
                req -> json(r.read(s -> Views.clock(processor.clock().millis()))))
            .add("POST", "/actuator/clock/add", r::addClock)
            .add(
                "DELETE",
                "/actuator/clock",
                req -> json(processor.submit(new Command.ResetClock())))
            .add(
                "POST",
                "/actuator/cluster/purge",
                req -> json(processor.submit(new Command.Purge())))
            .add("GET", "/v2/status", req -> done(Response.noContent()))
            .add("GET", "/actuator/health", req -> done(Response.json(Map.of("status", "UP"))))
            .add("POST", "/v2/deployments", r::deploy)
            .add("POST", "/v2/process-instances", r::createInstance)
            .add("POST", "/v2/messages/publication", r::publishMessage)
            .add("POST", "/v2/signals/broadcast", r::broadcastSignal)
            .add("GET", "/v2/user-tasks/{userTaskKey}", r::getUserTask)
            .add("GET", "/v2/user-tasks/{userTaskKey}/form", r::getUserTaskForm)
            .add("POST", "/v2/user-tasks/{userTaskKey}/assignment", r::assignUserTask)
            .add("DELETE", "/v2/user-tasks/{userTaskKey}/assignee", r::unassignUserTask)
            .add("PATCH", "/v2/user-tasks/{userTaskKey}", r::updateUserTask)
            .add("POST", "/v2/user-tasks/{userTaskKey}/completion", r::completeUserTask)
            .add("POST", "/v2/messages/correlation", r::correlateMessage)
            .add("GET", "/v2/process-instances/{processInstanceKey}", r::getProcessInstance)
            .add("POST", "/v2/process-instances/{processInstanceKey}/cancellation", r::cancel)
            .add(
                "GET",
                "/v2/process-instances/{processInstanceKey}/sequence-flows",
                r::sequenceFlows)
            .add("GET", "/v2/element-instances/{elementInstanceKey}", r::getElementInstance)
            .add("PUT", "/v2/element-instances/{elementInstanceKey}/variables", r::setVariables)
            .add("GET", "/v2/variables/{variableKey}", r::getVariable)
            .add("POST", "/v2/jobs/activation", r::activateJobs)
            .add("POST", "/v2/jobs/{jobKey}/completion", r::completeJob)
            .add("POST", "/v2/jobs/{jobKey}/failure", r::failJob)
            .add("POST", "/v2/jobs/{jobKey}/error", r::throwError)
            .add("PATCH", "/v2/jobs/{jobKey}", r::updateJob)
            .add("GET", "/v2/incidents/{incidentKey}", r::getIncident)
            .add("POST", "/v2/incidents/{incidentKey}/resolution", r::resolveIncident)
            .add("GET", "/v2/process-definitions/{processDefinitionKey}", r::getDefinition)
            .add("GET", "/v2/process-definitions/{processDefinitionKey}/xml", r::getDefinitionXml)
            .add("GET", "/v2/process-definitions/{processDefinitionKey}/form", r::getStartForm)
            .add("POST", "/v2/decision-definitions/evaluation", r::evaluateDecision)
            .add(
                "GET", "/v2/decision-definitions/{decisionDefinitionKey}", r::getDecisionDefinition)
            .add(
                "GET",
                "/v2/decision-definitions/{decisionDefinitionKey}/xml",
                r::getDecisionDefinitionXml)
            .add(
                "GET",
                "/v2/decision-instances/{decisionEvaluationInstanceKey}",
                r::getDecisionInstance);
    SearchRoutes.register(router, processor);
    return router;
  }

  // ---- cluster ----------------------------------------------------------------------------

  /**
   * Answered at once, as a gateway answers it, not queued behind commands: a long evaluation on the
   * processor does not make the engine look down. Once the engine has stopped after a failure it is
   * queued like any request and gets the 503 that says why.
   */
  private CompletableFuture<Response> topology() {
    if (processor.failure().isPresent()) {
      return json(read(s -> topology(s.changeId)));
    }
    return CompletableFuture.completedFuture(Response.json(topology(processor.completedChanges())));
  }

  private Map<String, Object> topology(long lastCompletedChangeId) {
    Map<String, Object> partition = Map.of("partitionId", 1, "role", "leader", "health", "healthy");
    Map<String, Object> broker =
        Map.of(
            "nodeId",
            0,
            "host",
            "127.0.0.1",
            "port",
            port.getAsInt(),
            "version",
            VERSION,
            "partitions",
            List.of(partition));
    return Map.of(
        "brokers",
        List.of(broker),
        "clusterSize",
        1,
        "partitionsCount",
        1,
        "replicationFactor",
        1,
        "gatewayVersion",
        VERSION,
        "lastCompletedChangeId",
        Long.toString(lastCompletedChangeId));
  }

  // ---- clock ------------------------------------------------------------------------------

  private CompletableFuture<Response> pinClock(Request request) throws IOException {
    Requests.PinClock body = decode(request, Requests.PinClock.class);
    if (body.timestamp() == null || body.timestamp() < 0) {
      throw HttpError.badRequest(
          "timestamp is required: the instant to pin the clock at, in epoch milliseconds.");
    }
    return noContent(processor.submit(new Command.PinClock(body.timestamp())));
  }

  private CompletableFuture<Response> resetClock(Request request) {
    return noContent(processor.submit(new Command.ResetClock()));
  }

  private CompletableFuture<Response> addClock(Request request) throws IOException {
    Requests.AddClock body = decode(request, Requests.AddClock.class);
    if (body.offsetMilli() == null) {
      throw HttpError.badRequest(
          "offsetMilli is required: how far to move the clock, in milliseconds.");
    }
    return json(processor.submit(new Command.AdvanceClock(body.offsetMilli())));
  }

  // ---- commands ---------------------------------------------------------------------------

  private CompletableFuture<Response> deploy(Request request) {
    List<Command.Resource> resources = new ArrayList<>();
    String tenant = null;
    for (Multipart.Part part : Multipart.parse(request.contentType(), request.body())) {
      switch (part.name()) {
        case "resources" -> {
          if (part.filename() == null || part.filename().isBlank()) {
            throw HttpError.badRequest(
                "Each 'resources' part needs a filename, such as release.bpmn.");
          }
          resources.add(new Command.Resource(part.filename(), part.content()));
        }
        case "tenantId" -> tenant = part.text();
        default ->
            throw HttpError.badRequest(
                "Unknown form field '"
                    + part.name()
                    + "'; expected 'resources' and optionally 'tenantId'.");
      }
    }
    checkTenant(tenant);
    return json(processor.submit(new Command.Deploy(resources, DEFAULT_TENANT)));
  }

  private CompletableFuture<Response> createInstance(Request request) throws IOException {
    Requests.CreateInstance body = decode(request, Requests.CreateInstance.class);
    checkTenant(body.tenantId());
    if (body.startInstructions() != null && !body.startInstructions().isEmpty()) {
      throw HttpError.badRequest(
          "startInstructions are not supported by the embedded engine; start at the none start event.");
    }
    if (body.runtimeInstructions() != null && !body.runtimeInstructions().isEmpty()) {
      throw HttpError.badRequest("runtimeInstructions are not supported by the embedded engine.");
    }
    Long definitionKey =
        body.processDefinitionKey() == null
            ? null
            : parseKey("processDefinitionKey", body.processDefinitionKey());
    if (definitionKey == null && isBlank(body.processDefinitionId())) {
      throw HttpError.badRequest("Give either processDefinitionId or processDefinitionKey.");
    }
    if (definitionKey != null && !isBlank(body.processDefinitionId())) {
      throw HttpError.badRequest("Give processDefinitionId or processDefinitionKey, not both.");
    }
    Command.CreateInstance command =
        new Command.CreateInstance(
            body.processDefinitionId(),
            body.processDefinitionVersion(),
            definitionKey,
            Json.normalizeDocument(body.variables()));
    if (Boolean.TRUE.equals(body.awaitCompletion())) {
      long wait =
          body.requestTimeout() == null || body.requestTimeout() <= 0
              ? DEFAULT_AWAIT_MILLIS
              : body.requestTimeout();
      List<String> fetch = body.fetchVariables() == null ? List.of() : body.fetchVariables();
      return json(processor.createAndAwait(command, fetch, wait), wait + COMMAND_TIMEOUT_MILLIS);
    }
    return json(processor.submit(command));
  }

  private CompletableFuture<Response> publishMessage(Request request) throws IOException {
    Requests.PublishMessage body = decode(request, Requests.PublishMessage.class);
    checkTenant(body.tenantId());
    return json(
        processor.submit(
            new Command.PublishMessage(
                body.name(),
                body.correlationKey(),
                body.timeToLive() == null ? 0 : body.timeToLive(),
                body.messageId(),
                Json.normalizeDocument(body.variables()))));
  }

  private CompletableFuture<Response> broadcastSignal(Request request) throws IOException {
    Requests.BroadcastSignal body = decode(request, Requests.BroadcastSignal.class);
    checkTenant(body.tenantId());
    return json(
        processor.submit(
            new Command.BroadcastSignal(
                body.signalName(), Json.normalizeDocument(body.variables()))));
  }

  private CompletableFuture<Response> correlateMessage(Request request) throws IOException {
    Requests.CorrelateMessage body = decode(request, Requests.CorrelateMessage.class);
    checkTenant(body.tenantId());
    return json(
        processor.submit(
            new Command.CorrelateMessage(
                body.name(), body.correlationKey(), Json.normalizeDocument(body.variables()))));
  }

  private CompletableFuture<Response> getUserTask(Request request) {
    long key = request.key("userTaskKey");
    return json(read(s -> Views.of(found(s.userTasks.get(key), "user task", key))));
  }

  /** 200 with the linked form, 204 when the task has none linked by form id. */
  private CompletableFuture<Response> getUserTaskForm(Request request) {
    long key = request.key("userTaskKey");
    return read(s -> {
          var task = found(s.userTasks.get(key), "user task", key);
          return task.formKey == null ? null : Views.of(s.forms.get(task.formKey));
        })
        .thenApply(form -> form == null ? Response.noContent() : Response.json(form));
  }

  private CompletableFuture<Response> assignUserTask(Request request) throws IOException {
    Requests.AssignUserTask body = decode(request, Requests.AssignUserTask.class);
    if (isBlank(body.assignee())) {
      throw HttpError.badRequest("assignee is required: who the task is for.");
    }
    return noContent(
        processor.submit(
            new Command.AssignUserTask(
                request.key("userTaskKey"),
                body.assignee(),
                !Boolean.FALSE.equals(body.allowOverride()),
                body.action())));
  }

  private CompletableFuture<Response> unassignUserTask(Request request) {
    return noContent(
        processor.submit(new Command.AssignUserTask(request.key("userTaskKey"), null, true, null)));
  }

  private CompletableFuture<Response> updateUserTask(Request request) throws IOException {
    Requests.UpdateUserTask body = decode(request, Requests.UpdateUserTask.class);
    Requests.UserTaskChangeset changes = body.changeset();
    if (changes == null) {
      throw HttpError.badRequest("changeset is required: the fields of the task to change.");
    }
    return noContent(
        processor.submit(
            new Command.UpdateUserTask(
                request.key("userTaskKey"),
                changes.dueDate(),
                changes.followUpDate(),
                changes.candidateUsers(),
                changes.candidateGroups(),
                changes.priority(),
                body.action())));
  }

  private CompletableFuture<Response> completeUserTask(Request request) throws IOException {
    Requests.CompleteUserTask body = decode(request, Requests.CompleteUserTask.class);
    return noContent(
        processor.submit(
            new Command.CompleteUserTask(
                request.key("userTaskKey"),
                Json.normalizeDocument(body.variables()),
                body.action())));
  }

  private CompletableFuture<Response> cancel(Request request) throws IOException {
    decode(request, Requests.Cancel.class);
    return noContent(
        processor.submit(new Command.CancelInstance(request.key("processInstanceKey"))));
  }

  private CompletableFuture<Response> setVariables(Request request) throws IOException {
    Requests.SetVariables body = decode(request, Requests.SetVariables.class);
    if (body.variables() == null) {
      throw HttpError.badRequest("variables is required: a JSON object of the variables to set.");
    }
    return noContent(
        processor.submit(
            new Command.SetVariables(
                request.key("elementInstanceKey"),
                Json.normalizeDocument(body.variables()),
                Boolean.TRUE.equals(body.local()))));
  }

  private CompletableFuture<Response> activateJobs(Request request) throws IOException {
    Requests.ActivateJobs body = decode(request, Requests.ActivateJobs.class);
    if (isBlank(body.type())) {
      throw HttpError.badRequest("type is required: the job type to activate.");
    }
    if (body.timeout() == null || body.timeout() < 1) {
      throw HttpError.badRequest(
          "timeout is required: how long the worker holds the jobs, in milliseconds (at least 1).");
    }
    if (body.maxJobsToActivate() == null || body.maxJobsToActivate() < 1) {
      throw HttpError.badRequest("maxJobsToActivate is required and must be at least 1.");
    }
    List<String> tenants = body.tenantIds() == null ? List.of() : body.tenantIds();
    Command.ActivateJobs command =
        new Command.ActivateJobs(
            body.type(),
            body.worker() == null ? "" : body.worker(),
            body.timeout(),
            body.maxJobsToActivate(),
            body.fetchVariable() == null ? List.of() : body.fetchVariable(),
            tenants);
    long requested = body.requestTimeout() == null ? MAX_POLL_MILLIS : body.requestTimeout();
    long wait = Math.max(0, Math.min(requested, MAX_POLL_MILLIS));
    return json(processor.activate(command, wait, request.closed()), wait + COMMAND_TIMEOUT_MILLIS)
        .thenApply(response -> releasedIfUndelivered(response));
  }

  /**
   * Jobs activated for a client that is gone by the time the answer is written go back at once
   * instead of waiting out their job timeout.
   */
  private Response releasedIfUndelivered(Response response) {
    if (!(response.body() instanceof Views.JobActivationResult result) || result.jobs().isEmpty()) {
      return response;
    }
    List<Command.HeldJob> held =
        result.jobs().stream()
            .map(job -> new Command.HeldJob(Long.parseLong(job.jobKey()), job.deadline()))
            .toList();
    // The write fails on a closed connection, which runs this.
    Runnable release = () -> processor.submit(new Command.ReleaseJobs(held));
    return new Response(response.status(), response.body(), response.contentType(), release);
  }

  private CompletableFuture<Response> completeJob(Request request) throws IOException {
    Requests.CompleteJob body = decode(request, Requests.CompleteJob.class);
    return noContent(
        processor.submit(
            new Command.CompleteJob(
                request.key("jobKey"),
                Json.normalizeDocument(body.variables()),
                userTaskResult(body.result()))));
  }

  /**
   * A task listener's job result ({@code "type": "userTask"}); other results (ad-hoc sub-process
   * activation) are not supported. Unknown correction attributes are ignored, as documented.
   */
  private static Command.UserTaskResult userTaskResult(Map<String, Object> result) {
    if (result == null || result.isEmpty()) {
      return null;
    }
    Object type = result.get("type");
    if (type != null && !"userTask".equals(type)) {
      throw HttpError.badRequest(
          "A job result of type '"
              + type
              + "' is not supported by the embedded engine; 'userTask' is.");
    }
    Object denied = result.get("denied");
    Object reason = result.get("deniedReason");
    Object corrections = result.get("corrections");
    if ((denied != null && !(denied instanceof Boolean))
        || (reason != null && !(reason instanceof String))
        || (corrections != null && !(corrections instanceof Map))) {
      throw HttpError.badRequest(
          "result must be {\"type\":\"userTask\", \"denied\": boolean, \"deniedReason\": text,"
              + " \"corrections\": {...}}.");
    }
    Command.Corrections corrected = null;
    if (corrections instanceof Map<?, ?> c) {
      try {
        corrected =
            new Command.Corrections(
                (String) c.get("assignee"),
                (String) c.get("dueDate"),
                (String) c.get("followUpDate"),
                names(c.get("candidateUsers")),
                names(c.get("candidateGroups")),
                c.get("priority") == null ? null : ((Number) c.get("priority")).intValue());
      } catch (ClassCastException e) {
        throw HttpError.badRequest(
            "corrections: assignee, dueDate and followUpDate are text, candidateUsers and"
                + " candidateGroups lists of text, priority a number.");
      }
    }
    return new Command.UserTaskResult(Boolean.TRUE.equals(denied), (String) reason, corrected);
  }

  private static List<String> names(Object value) {
    if (value == null) {
      return null;
    }
    return ((List<?>) value).stream().map(n -> (String) n).toList();
  }

  private CompletableFuture<Response> failJob(Request request) throws IOException {
    Requests.FailJob body = decode(request, Requests.FailJob.class);
    return noContent(
        processor.submit(
            new Command.FailJob(
                request.key("jobKey"),
                body.retries() == null ? 0 : body.retries(),
                body.errorMessage(),
                body.retryBackOff() == null ? 0 : body.retryBackOff(),
                Json.normalizeDocument(body.variables()))));
  }

  private CompletableFuture<Response> throwError(Request request) throws IOException {
    Requests.ThrowError body = decode(request, Requests.ThrowError.class);
    return noContent(
        processor.submit(
            new Command.ThrowError(
                request.key("jobKey"),
                body.errorCode(),
                body.errorMessage(),
                Json.normalizeDocument(body.variables()))));
  }

  private CompletableFuture<Response> updateJob(Request request) throws IOException {
    Requests.UpdateJob body = decode(request, Requests.UpdateJob.class);
    if (body.changeset() == null) {
      throw HttpError.badRequest(
          "changeset is required: {\"changeset\":{\"retries\":N}} or {\"changeset\":{\"timeout\":MILLIS}}.");
    }
    return noContent(
        processor.submit(
            new Command.UpdateJob(
                request.key("jobKey"), body.changeset().retries(), body.changeset().timeout())));
  }

  private CompletableFuture<Response> resolveIncident(Request request) throws IOException {
    decode(request, Requests.ResolveIncident.class);
    return noContent(processor.submit(new Command.ResolveIncident(request.key("incidentKey"))));
  }

  // ---- reads by key -----------------------------------------------------------------------

  private CompletableFuture<Response> getProcessInstance(Request request) {
    long key = request.key("processInstanceKey");
    return json(read(s -> Views.of(found(s.processInstances.get(key), "process instance", key))));
  }

  private CompletableFuture<Response> sequenceFlows(Request request) {
    long key = request.key("processInstanceKey");
    return json(
        read(
            s -> {
              ProcessInstance p = found(s.processInstances.get(key), "process instance", key);
              List<Views.SequenceFlowView> flows = new ArrayList<>();
              for (String flowId : p.takenFlows) {
                flows.add(
                    new Views.SequenceFlowView(
                        p.key + "_" + flowId,
                        Long.toString(p.key),
                        Long.toString(p.processDefinitionKey),
                        p.processId,
                        flowId,
                        p.tenantId));
              }
              return new Views.Items<>(flows);
            }));
  }

  private CompletableFuture<Response> getElementInstance(Request request) {
    long key = request.key("elementInstanceKey");
    return json(read(s -> Views.of(found(s.elementInstances.get(key), "element instance", key))));
  }

  private CompletableFuture<Response> getVariable(Request request) {
    long key = request.key("variableKey");
    return json(read(s -> Views.of(found(s.variables.get(key), "variable", key), false)));
  }

  private CompletableFuture<Response> getIncident(Request request) {
    long key = request.key("incidentKey");
    return json(read(s -> Views.of(found(s.incidents.get(key), "incident", key))));
  }

  private CompletableFuture<Response> getDefinition(Request request) {
    long key = request.key("processDefinitionKey");
    return json(read(s -> Views.of(found(s.definitions.get(key), "process definition", key))));
  }

  private CompletableFuture<Response> getDefinitionXml(Request request) {
    long key = request.key("processDefinitionKey");
    return read(s -> found(s.definitions.get(key), "process definition", key).xml)
        .thenApply(xml -> Response.text(xml, "text/xml"));
  }

  /** 200 with the linked form, 204 when the process has none linked by form id. */
  private CompletableFuture<Response> getStartForm(Request request) {
    long key = request.key("processDefinitionKey");
    return read(s -> {
          var definition = found(s.definitions.get(key), "process definition", key);
          String formId = definition.model.startFormId();
          return formId == null ? null : Views.of(latestForm(s, formId));
        })
        .thenApply(form -> form == null ? Response.noContent() : Response.json(form));
  }

  private static FormDefinition latestForm(EngineState s, String formId) {
    var versions = s.formsById.get(formId);
    if (versions == null) {
      throw EngineException.notFound(
          "The form '" + formId + "' is not deployed: deploy a .form resource with this id.");
    }
    return versions.lastEntry().getValue();
  }

  // ---- decisions --------------------------------------------------------------------------

  private CompletableFuture<Response> evaluateDecision(Request request) throws IOException {
    Requests.EvaluateDecision body = decode(request, Requests.EvaluateDecision.class);
    checkTenant(body.tenantId());
    Long key = null;
    if (body.decisionDefinitionKey() != null) {
      try {
        key = Long.parseLong(body.decisionDefinitionKey());
      } catch (NumberFormatException e) {
        throw HttpError.badRequest(
            "decisionDefinitionKey '"
                + body.decisionDefinitionKey()
                + "' is not a key: expected a 64-bit number.");
      }
    }
    return json(
        processor.submit(
            new Command.EvaluateDecision(
                body.decisionDefinitionId(), key, Json.normalizeDocument(body.variables()))));
  }

  private CompletableFuture<Response> getDecisionDefinition(Request request) {
    long key = request.key("decisionDefinitionKey");
    return json(read(s -> Views.of(found(s.decisions.get(key), "decision definition", key))));
  }

  private CompletableFuture<Response> getDecisionDefinitionXml(Request request) {
    long key = request.key("decisionDefinitionKey");
    return read(s ->
            s.decisionRequirements.get(
                    found(s.decisions.get(key), "decision definition", key).decisionRequirementsKey)
                .xml)
        .thenApply(xml -> Response.text(xml, "text/xml"));
  }

  private CompletableFuture<Response> getDecisionInstance(Request request) {
    String id = request.pathParams().get("decisionEvaluationInstanceKey");
    return json(
        read(
            s -> {
              var instance = s.decisionInstances.get(id);
              if (instance == null) {
                throw EngineException.notFound("No decision instance '" + id + "' was found.");
              }
              return Views.detailed(instance);
            }));
  }

  // ---- helpers ----------------------------------------------------------------------------

  private static <T> T found(T value, String what, long key) {
    if (value == null) {
      throw EngineException.notFound("No " + what + " with key '" + key + "' was found.");
    }
    return value;
  }

  private <T> CompletableFuture<T> read(Function<EngineState, T> read) {
    return processor.read(read);
  }

  static <T> T decode(Request request, Class<T> type) throws IOException {
    if (!request.hasBody()) {
      return Json.MAPPER.readValue("{}", type);
    }
    T value = Json.MAPPER.readValue(request.body(), type);
    if (value == null) {
      throw HttpError.badRequest("The request body must be a JSON object, not null.");
    }
    return value;
  }

  private static void checkTenant(String tenant) {
    if (tenant != null && !tenant.isBlank() && !DEFAULT_TENANT.equals(tenant)) {
      throw HttpError.badRequest(
          "Tenant '"
              + tenant
              + "' does not exist: the embedded engine has only the default tenant '<default>'.");
    }
  }

  private static long parseKey(String field, String raw) {
    try {
      return Long.parseLong(raw);
    } catch (NumberFormatException e) {
      throw HttpError.badRequest(
          "The " + field + " '" + raw + "' is not a key: expected a 64-bit number.");
    }
  }

  private static boolean isBlank(String s) {
    return s == null || s.isBlank();
  }

  static CompletableFuture<Response> done(Response response) {
    return CompletableFuture.completedFuture(response);
  }

  static CompletableFuture<Response> json(CompletableFuture<?> result) {
    return json(result, COMMAND_TIMEOUT_MILLIS);
  }

  static CompletableFuture<Response> json(CompletableFuture<?> result, long timeoutMillis) {
    return result.orTimeout(timeoutMillis, TimeUnit.MILLISECONDS).thenApply(Response::json);
  }

  static CompletableFuture<Response> noContent(CompletableFuture<?> result) {
    return result
        .orTimeout(COMMAND_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)
        .thenApply(ignored -> Response.noContent());
  }
}
