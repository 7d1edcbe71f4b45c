package io.rollgate.engine.internal.http;

import static io.rollgate.engine.internal.http.Routes.decode;
import static io.rollgate.engine.internal.http.Routes.found;
import static io.rollgate.engine.internal.http.Routes.isBlank;
import static io.rollgate.engine.internal.http.Routes.json;
import static io.rollgate.engine.internal.http.Routes.noContent;

import io.rollgate.engine.internal.api.Json;
import io.rollgate.engine.internal.api.Views;
import io.rollgate.engine.internal.processor.Command;
import io.rollgate.engine.internal.processor.CommandProcessor;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;

/** User tasks: read, form, assign and unassign, update, complete. */
final class UserTaskRoutes {
  private final CommandProcessor processor;

  UserTaskRoutes(CommandProcessor processor) {
    this.processor = processor;
  }

  void register(Router router) {
    router.add("GET", "/v2/user-tasks/{userTaskKey}", this::getUserTask);
    router.add("GET", "/v2/user-tasks/{userTaskKey}/form", this::getUserTaskForm);
    router.add("POST", "/v2/user-tasks/{userTaskKey}/assignment", this::assignUserTask);
    router.add("DELETE", "/v2/user-tasks/{userTaskKey}/assignee", this::unassignUserTask);
    router.add("PATCH", "/v2/user-tasks/{userTaskKey}", this::updateUserTask);
    router.add("POST", "/v2/user-tasks/{userTaskKey}/completion", this::completeUserTask);
  }

  private CompletableFuture<Response> getUserTask(Request request) {
    long key = request.key("userTaskKey");
    return json(processor.read(s -> Views.of(found(s.userTasks.get(key), "user task", key))));
  }

  /** 200 with the linked form, 204 when the task has none linked by form id. */
  private CompletableFuture<Response> getUserTaskForm(Request request) {
    long key = request.key("userTaskKey");
    return processor
        .read(
            s -> {
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
}
