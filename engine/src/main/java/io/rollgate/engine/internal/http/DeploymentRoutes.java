package io.rollgate.engine.internal.http;

import static io.rollgate.engine.internal.http.Routes.DEFAULT_TENANT;
import static io.rollgate.engine.internal.http.Routes.checkTenant;
import static io.rollgate.engine.internal.http.Routes.decode;
import static io.rollgate.engine.internal.http.Routes.found;
import static io.rollgate.engine.internal.http.Routes.json;

import io.rollgate.engine.internal.api.DecisionViews;
import io.rollgate.engine.internal.api.Json;
import io.rollgate.engine.internal.api.Views;
import io.rollgate.engine.internal.processor.Command;
import io.rollgate.engine.internal.processor.CommandProcessor;
import io.rollgate.engine.internal.processor.EngineException;
import io.rollgate.engine.internal.state.EngineState;
import io.rollgate.engine.internal.state.FormDefinition;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Deployments, process and decision definitions (with their XML and start forms), decision
 * evaluation and decision instances.
 */
final class DeploymentRoutes {
  private final CommandProcessor processor;

  DeploymentRoutes(CommandProcessor processor) {
    this.processor = processor;
  }

  void register(Router router) {
    router.add("POST", "/v2/deployments", this::deploy);
    router.add("GET", "/v2/process-definitions/{processDefinitionKey}", this::getDefinition);
    router.add("GET", "/v2/process-definitions/{processDefinitionKey}/xml", this::getDefinitionXml);
    router.add("GET", "/v2/process-definitions/{processDefinitionKey}/form", this::getStartForm);
    router.add("POST", "/v2/decision-definitions/evaluation", this::evaluateDecision);
    router.add(
        "GET", "/v2/decision-definitions/{decisionDefinitionKey}", this::getDecisionDefinition);
    router.add(
        "GET",
        "/v2/decision-definitions/{decisionDefinitionKey}/xml",
        this::getDecisionDefinitionXml);
    router.add(
        "GET", "/v2/decision-instances/{decisionEvaluationInstanceKey}", this::getDecisionInstance);
  }

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

  private CompletableFuture<Response> getDefinition(Request request) {
    long key = request.key("processDefinitionKey");
    return json(
        processor.read(s -> Views.of(found(s.definitions.get(key), "process definition", key))));
  }

  private CompletableFuture<Response> getDefinitionXml(Request request) {
    long key = request.key("processDefinitionKey");
    return processor
        .read(s -> found(s.definitions.get(key), "process definition", key).xml)
        .thenApply(xml -> Response.text(xml, "text/xml"));
  }

  /** 200 with the linked form, 204 when the process has none linked by form id. */
  private CompletableFuture<Response> getStartForm(Request request) {
    long key = request.key("processDefinitionKey");
    return processor
        .read(
            s -> {
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
    return json(
        processor.read(
            s -> DecisionViews.of(found(s.decisions.get(key), "decision definition", key))));
  }

  private CompletableFuture<Response> getDecisionDefinitionXml(Request request) {
    long key = request.key("decisionDefinitionKey");
    return processor
        .read(
            s ->
                s.decisionRequirements.get(
                        found(s.decisions.get(key), "decision definition", key)
                            .decisionRequirementsKey)
                    .xml)
        .thenApply(xml -> Response.text(xml, "text/xml"));
  }

  private CompletableFuture<Response> getDecisionInstance(Request request) {
    String id = request.pathParams().get("decisionEvaluationInstanceKey");
    return json(
        processor.read(
            s -> {
              var instance = s.decisionInstances.get(id);
              if (instance == null) {
                throw EngineException.notFound("No decision instance '" + id + "' was found.");
              }
              return DecisionViews.detailed(instance);
            }));
  }
}
