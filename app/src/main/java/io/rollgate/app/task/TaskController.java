package io.rollgate.app.task;

import io.rollgate.app.record.ReleaseNotFoundException;
import jakarta.validation.Valid;
import java.security.Principal;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The user tasks waiting for a person: list, read with their form and evidence, complete. */
@RestController
@RequestMapping("/api/v1/tasks")
class TaskController {

  private final UserTasks tasks;

  TaskController(UserTasks tasks) {
    this.tasks = tasks;
  }

  /** {@code {"items": [...]}}, oldest first. */
  @GetMapping
  Map<String, List<TaskView>> list(
      @RequestParam(required = false) String releaseId,
      @RequestParam(defaultValue = "false") boolean assignedToMe,
      Principal principal) {
    return Map.of("items", tasks.list(releaseId, assignedToMe ? principal.getName() : null));
  }

  @GetMapping("/{key}")
  TaskDetail get(@PathVariable String key) {
    return tasks.get(key);
  }

  /** 204 once the engine took it; 409 with the reason when the task's check refuses it. */
  @PostMapping("/{key}/completion")
  @ResponseStatus(HttpStatus.NO_CONTENT)
  void complete(
      @PathVariable String key,
      @Valid @RequestBody TaskCompletionRequest request,
      Principal principal) {
    tasks.complete(key, request.variables(), principal.getName());
  }

  @ExceptionHandler(TaskNotFoundException.class)
  ProblemDetail notFound(TaskNotFoundException e) {
    return problem(HttpStatus.NOT_FOUND, "Task not found", e.getMessage());
  }

  @ExceptionHandler(ReleaseNotFoundException.class)
  ProblemDetail releaseNotFound(ReleaseNotFoundException e) {
    return problem(HttpStatus.NOT_FOUND, "Release not found", e.getMessage());
  }

  @ExceptionHandler(InvalidCompletionException.class)
  ProblemDetail invalid(InvalidCompletionException e) {
    ProblemDetail problem =
        problem(HttpStatus.UNPROCESSABLE_ENTITY, "Invalid request", e.getMessage());
    problem.setProperty("errors", e.problems());
    return problem;
  }

  @ExceptionHandler(CompletionDeniedException.class)
  ProblemDetail denied(CompletionDeniedException e) {
    return problem(HttpStatus.CONFLICT, "Completion refused", e.reason());
  }

  private static ProblemDetail problem(HttpStatus status, String title, String detail) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
    problem.setTitle(title);
    return problem;
  }
}
