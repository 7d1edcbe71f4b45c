package io.rollgate.engine.internal.http;

import static io.rollgate.engine.internal.http.Routes.COMMAND_TIMEOUT_MILLIS;
import static io.rollgate.engine.internal.http.Routes.DEFAULT_AWAIT_MILLIS;
import static io.rollgate.engine.internal.http.Routes.checkTenant;
import static io.rollgate.engine.internal.http.Routes.decode;
import static io.rollgate.engine.internal.http.Routes.found;
import static io.rollgate.engine.internal.http.Routes.isBlank;
import static io.rollgate.engine.internal.http.Routes.json;
import static io.rollgate.engine.internal.http.Routes.noContent;
import static io.rollgate.engine.internal.http.Routes.parseKey;

import io.rollgate.engine.internal.api.Json;
import io.rollgate.engine.internal.api.Views;
import io.rollgate.engine.internal.processor.Command;
import io.rollgate.engine.internal.processor.CommandProcessor;
import io.rollgate.engine.internal.state.ProcessInstance;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Process instances, their element instances, variables and incidents; messages and signals, which
 * reach instances.
 */
final class InstanceRoutes {
  private final CommandProcessor processor;

  InstanceRoutes(CommandProcessor processor) {
    this.processor = processor;
  }

  void register(Router router) {
    router.add("POST", "/v2/process-instances", this::createInstance);
    router.add("POST", "/v2/messages/publication", this::publishMessage);
    router.add("POST", "/v2/signals/broadcast", this::broadcastSignal);
    router.add("POST", "/v2/messages/correlation", this::correlateMessage);
    router.add("GET", "/v2/process-instances/{processInstanceKey}", this::getProcessInstance);
    router.add("POST", "/v2/process-instances/{processInstanceKey}/cancellation", this::cancel);
    router.add(
        "GET", "/v2/process-instances/{processInstanceKey}/sequence-flows", this::sequenceFlows);
    router.add("GET", "/v2/element-instances/{elementInstanceKey}", this::getElementInstance);
    router.add("PUT", "/v2/element-instances/{elementInstanceKey}/variables", this::setVariables);
    router.add("GET", "/v2/variables/{variableKey}", this::getVariable);
    router.add("GET", "/v2/incidents/{incidentKey}", this::getIncident);
    router.add("POST", "/v2/incidents/{incidentKey}/resolution", this::resolveIncident);
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

  private CompletableFuture<Response> getProcessInstance(Request request) {
    long key = request.key("processInstanceKey");
    return json(
        processor.read(s -> Views.of(found(s.processInstances.get(key), "process instance", key))));
  }

  private CompletableFuture<Response> cancel(Request request) throws IOException {
    decode(request, Requests.Cancel.class);
    return noContent(
        processor.submit(new Command.CancelInstance(request.key("processInstanceKey"))));
  }

  private CompletableFuture<Response> sequenceFlows(Request request) {
    long key = request.key("processInstanceKey");
    return json(
        processor.read(
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
    return json(
        processor.read(s -> Views.of(found(s.elementInstances.get(key), "element instance", key))));
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

  private CompletableFuture<Response> getVariable(Request request) {
    long key = request.key("variableKey");
    return json(processor.read(s -> Views.of(found(s.variables.get(key), "variable", key), false)));
  }

  private CompletableFuture<Response> getIncident(Request request) {
    long key = request.key("incidentKey");
    return json(processor.read(s -> Views.of(found(s.incidents.get(key), "incident", key))));
  }

  private CompletableFuture<Response> resolveIncident(Request request) throws IOException {
    decode(request, Requests.ResolveIncident.class);
    return noContent(processor.submit(new Command.ResolveIncident(request.key("incidentKey"))));
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

  private CompletableFuture<Response> correlateMessage(Request request) throws IOException {
    Requests.CorrelateMessage body = decode(request, Requests.CorrelateMessage.class);
    checkTenant(body.tenantId());
    return json(
        processor.submit(
            new Command.CorrelateMessage(
                body.name(), body.correlationKey(), Json.normalizeDocument(body.variables()))));
  }

  private CompletableFuture<Response> broadcastSignal(Request request) throws IOException {
    Requests.BroadcastSignal body = decode(request, Requests.BroadcastSignal.class);
    checkTenant(body.tenantId());
    return json(
        processor.submit(
            new Command.BroadcastSignal(
                body.signalName(), Json.normalizeDocument(body.variables()))));
  }
}
