package io.rollgate.app.task;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.command.ProblemException;
import io.camunda.client.api.search.enums.UserTaskState;
import io.camunda.client.api.search.response.UserTask;
import io.camunda.client.api.search.response.Variable;
import io.rollgate.app.problem.FieldProblem;
import io.rollgate.app.record.DecisionLog;
import io.rollgate.app.record.ReleaseNotFoundException;
import io.rollgate.app.record.ReleaseRecord;
import io.rollgate.app.record.ReleaseRecords;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Service;

/**
 * The user tasks waiting in the engine (embedded or a cluster alike, through the Camunda client):
 * listed with their release, read with their form, data and evidence, and completed through {@link
 * UserTaskCompletion}.
 */
@Service
class UserTasks {

  private static final int MAX_TASKS = 1000;
  private static final int MAX_VARIABLES = 1000;

  private final CamundaClient camunda;
  private final ReleaseRecords releases;
  private final DecisionLog decisions;
  private final UserTaskCompletion completion;
  private final ObjectMapper json;

  /** Deployed forms never change under their key. */
  private final Map<Long, JsonNode> forms = new ConcurrentHashMap<>();

  UserTasks(
      CamundaClient camunda,
      ReleaseRecords releases,
      DecisionLog decisions,
      UserTaskCompletion completion,
      ObjectMapper json) {
    this.camunda = camunda;
    this.releases = releases;
    this.decisions = decisions;
    this.completion = completion;
    this.json = json;
  }

  /**
   * The open tasks, oldest first.
   *
   * @param releaseId only this release's; null for all
   * @param assignee only those assigned to this user; null for all
   * @throws ReleaseNotFoundException for an unknown release
   */
  List<TaskView> list(String releaseId, String assignee) {
    Long processInstanceKey = null;
    if (releaseId != null) {
      ReleaseRecord release =
          releases.find(releaseId).orElseThrow(() -> new ReleaseNotFoundException(releaseId));
      if (release.processInstanceKey() == null) {
        return List.of();
      }
      processInstanceKey = release.processInstanceKey();
    }
    Long instance = processInstanceKey;
    return camunda
        .newUserTaskSearchRequest()
        .filter(
            f -> {
              f.state(UserTaskState.CREATED);
              if (instance != null) {
                f.processInstanceKey(instance);
              }
              if (assignee != null) {
                f.assignee(assignee);
              }
            })
        .page(p -> p.limit(MAX_TASKS))
        .send()
        .join()
        .items()
        .stream()
        .sorted(Comparator.comparing(UserTask::getCreationDate))
        .map(this::view)
        .toList();
  }

  /**
   * An open task with its form, the variables the form shows and the release's evidence.
   *
   * @throws TaskNotFoundException when no open task has the key
   */
  TaskDetail get(String key) {
    UserTask task = open(key);
    Optional<ReleaseRecord> release = releases.findByProcessInstance(task.getProcessInstanceKey());
    List<TaskDetail.Evidence> evidence =
        release
            .map(
                r ->
                    decisions.forRelease(r.id()).stream()
                        .map(
                            d ->
                                new TaskDetail.Evidence(
                                    d.gate() + " " + d.decision(),
                                    "/api/v1/releases/" + r.id() + "/evidence",
                                    d.evidenceHash()))
                        .toList())
            .orElse(List.of());
    return new TaskDetail(view(task, release), form(task), data(task), evidence);
  }

  /**
   * Completes an open task as {@code caller} with the form's values, checked against the form
   * first.
   *
   * @throws TaskNotFoundException when no open task has the key
   * @throws InvalidCompletionException when the values do not fit the form
   * @throws CompletionDeniedException when the task's completing listener refuses
   */
  void complete(String key, Map<String, Object> variables, String caller) {
    UserTask task = open(key);
    JsonNode form = form(task);
    if (form != null) {
      List<FieldProblem> problems = FormFields.of(form).check(variables);
      if (!problems.isEmpty()) {
        throw new InvalidCompletionException(problems);
      }
    }
    try {
      completion.complete(task.getUserTaskKey(), variables, caller);
    } catch (ProblemException e) {
      if (e.code() == 404) {
        throw new TaskNotFoundException(key);
      }
      throw e;
    }
  }

  private UserTask open(String key) {
    long userTaskKey;
    try {
      userTaskKey = Long.parseLong(key);
    } catch (NumberFormatException e) {
      throw new TaskNotFoundException(key);
    }
    UserTask task;
    try {
      task = camunda.newUserTaskGetRequest(userTaskKey).send().join();
    } catch (ProblemException e) {
      if (e.code() == 404) {
        throw new TaskNotFoundException(key);
      }
      throw e;
    }
    if (task.getState() != UserTaskState.CREATED) {
      throw new TaskNotFoundException(key);
    }
    return task;
  }

  private TaskView view(UserTask task) {
    return view(task, releases.findByProcessInstance(task.getProcessInstanceKey()));
  }

  private TaskView view(UserTask task, Optional<ReleaseRecord> release) {
    JsonNode form = form(task);
    return new TaskView(
        String.valueOf(task.getUserTaskKey()),
        release.map(ReleaseRecord::id).orElse(null),
        release.map(ReleaseRecord::service).orElse(null),
        task.getName(),
        task.getElementId(),
        task.getCreationDate() == null ? null : task.getCreationDate().toInstant(),
        task.getCandidateGroups() == null ? List.of() : task.getCandidateGroups(),
        task.getAssignee(),
        form == null ? null : form.path("id").asText(null));
  }

  private JsonNode form(UserTask task) {
    if (task.getFormKey() == null) {
      return null;
    }
    return forms.computeIfAbsent(
        task.getFormKey(),
        formKey ->
            parse(
                String.valueOf(
                    camunda
                        .newUserTaskGetFormRequest(task.getUserTaskKey())
                        .send()
                        .join()
                        .getSchema())));
  }

  /**
   * The variables the task sees, by name: its own scope's and those of every enclosing scope up to
   * the process instance, an inner one hiding an outer one of the same name. The engine answers a
   * name once per scope declaring it; sorted by scope key (an inner scope is created after the
   * scopes enclosing it, so its key is larger) the innermost comes last and wins.
   */
  private Map<String, Object> data(UserTask task) {
    Map<String, Object> data = new TreeMap<>();
    camunda
        .newUserTaskVariableSearchRequest(task.getUserTaskKey())
        .withFullValues()
        .sort(s -> s.scopeKey().asc())
        .page(p -> p.limit(MAX_VARIABLES))
        .send()
        .join()
        .items()
        .forEach(v -> data.put(v.getName(), value(v)));
    return data;
  }

  private Object value(Variable variable) {
    try {
      return json.readValue(variable.getValue(), Object.class);
    } catch (JsonProcessingException e) {
      return variable.getValue();
    }
  }

  private JsonNode parse(String schema) {
    try {
      return json.readTree(schema);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(
          "the engine's form is not JSON: " + e.getOriginalMessage(), e);
    }
  }
}
