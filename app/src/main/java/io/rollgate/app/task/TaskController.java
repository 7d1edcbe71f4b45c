package io.rollgate.app.task;

import jakarta.validation.Valid;
import java.security.Principal;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
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
}
