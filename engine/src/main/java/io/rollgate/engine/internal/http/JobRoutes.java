package io.rollgate.engine.internal.http;

import static io.rollgate.engine.internal.http.Routes.COMMAND_TIMEOUT_MILLIS;
import static io.rollgate.engine.internal.http.Routes.MAX_POLL_MILLIS;
import static io.rollgate.engine.internal.http.Routes.decode;
import static io.rollgate.engine.internal.http.Routes.isBlank;
import static io.rollgate.engine.internal.http.Routes.json;
import static io.rollgate.engine.internal.http.Routes.noContent;

import io.rollgate.engine.internal.api.JobViews;
import io.rollgate.engine.internal.api.Json;
import io.rollgate.engine.internal.processor.Command;
import io.rollgate.engine.internal.processor.CommandProcessor;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * What job workers do: activate (long polling), complete (with a task listener's result), fail,
 * throw an error, update.
 */
final class JobRoutes {
  private final CommandProcessor processor;

  JobRoutes(CommandProcessor processor) {
    this.processor = processor;
  }

  void register(Router router) {
    router.add("POST", "/v2/jobs/activation", this::activateJobs);
    router.add("POST", "/v2/jobs/{jobKey}/completion", this::completeJob);
    router.add("POST", "/v2/jobs/{jobKey}/failure", this::failJob);
    router.add("POST", "/v2/jobs/{jobKey}/error", this::throwError);
    router.add("PATCH", "/v2/jobs/{jobKey}", this::updateJob);
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
    if (!(response.body() instanceof JobViews.JobActivationResult result)
        || result.jobs().isEmpty()) {
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
}
