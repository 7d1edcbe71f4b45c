package io.rollgate.engine.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.command.ProblemException;
import io.camunda.client.api.search.enums.UserTaskState;
import io.camunda.client.api.search.response.UserTask;
import io.camunda.zeebe.model.bpmn.Bpmn;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** User tasks: the release manager's go/no-go decision. */
class UserTasksIT {
  @RegisterExtension static final EngineExtension ENGINE = new EngineExtension();

  private final CamundaClient client = ENGINE.client();
  private final Processes processes = new Processes(client);

  private void deployGoNoGo() {
    ENGINE.deploy(
        Bpmn.createExecutableProcess("go-no-go")
            .startEvent()
            .userTask(
                "decide",
                u ->
                    u.name("Go / no-go")
                        .zeebeUserTask()
                        .zeebeAssigneeExpression("releaseManager")
                        .zeebeCandidateGroups("release-managers, cab")
                        .zeebeDueDateExpression("\"2030-01-15T09:00:00Z\"")
                        .zeebeTaskPriority("80"))
            .endEvent()
            .done());
  }

  private UserTask taskOf(long instance) {
    return client
        .newUserTaskSearchRequest()
        .filter(f -> f.processInstanceKey(instance))
        .send()
        .join()
        .items()
        .get(0);
  }

  @Test
  void userTaskCarriesItsAssignmentAndCompletesWithTheDecision() {
    // given
    deployGoNoGo();
    long instance = processes.start("go-no-go", Map.of("releaseManager", "ana"));

    // when
    UserTask task = taskOf(instance);

    // then
    assertThat(task.getName()).isEqualTo("Go / no-go");
    assertThat(task.getAssignee()).isEqualTo("ana");
    assertThat(task.getCandidateGroups()).containsExactly("release-managers", "cab");
    assertThat(task.getPriority()).isEqualTo(80);
    assertThat(task.getDueDate()).isNotNull();
    assertThat(task.getState()).isEqualTo(UserTaskState.CREATED);

    // when
    client
        .newCompleteUserTaskCommand(task.getUserTaskKey())
        .variables(Map.of("decision", "GO", "justification", "all gates green"))
        .send()
        .join();

    // then
    processes.awaitCompleted(instance);
    assertThat(processes.rootVariables(instance)).containsEntry("decision", "\"GO\"");
    assertThat(client.newUserTaskGetRequest(task.getUserTaskKey()).send().join().getState())
        .isEqualTo(UserTaskState.COMPLETED);
  }

  @Test
  void tasksCanBeReassignedUnassignedUpdatedAndFoundByGroup() {
    // given
    deployGoNoGo();
    long instance = processes.start("go-no-go", Map.of("releaseManager", "ana"));
    long key = taskOf(instance).getUserTaskKey();

    // when
    client.newAssignUserTaskCommand(key).assignee("bo").send().join();
    client.newUpdateUserTaskCommand(key).priority(95).candidateGroups(List.of("sre")).send().join();

    // then
    UserTask updated = client.newUserTaskGetRequest(key).send().join();
    assertThat(updated.getAssignee()).isEqualTo("bo");
    assertThat(updated.getPriority()).isEqualTo(95);
    assertThat(
            client
                .newUserTaskSearchRequest()
                .filter(f -> f.candidateGroup("sre").processInstanceKey(instance))
                .send()
                .join()
                .items())
        .hasSize(1);
    assertThatThrownBy(
            () ->
                client
                    .newAssignUserTaskCommand(key)
                    .assignee("cy")
                    .allowOverride(false)
                    .send()
                    .join())
        .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.code()).isEqualTo(409));

    // when
    client.newUnassignUserTaskCommand(key).send().join();

    // then
    assertThat(client.newUserTaskGetRequest(key).send().join().getAssignee()).isNull();
  }

  @Test
  void cancellingTheInstanceCancelsItsTaskAndCompletingItThenIsNotFound() {
    // given
    deployGoNoGo();
    long instance = processes.start("go-no-go", Map.of("releaseManager", "ana"));
    long key = taskOf(instance).getUserTaskKey();

    // when
    client.newCancelInstanceCommand(instance).send().join();

    // then
    assertThat(client.newUserTaskGetRequest(key).send().join().getState())
        .isEqualTo(UserTaskState.CANCELED);
    assertThatThrownBy(() -> client.newCompleteUserTaskCommand(key).send().join())
        .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.code()).isEqualTo(404));
  }

  @Test
  void jobBasedUserTaskIsAJobForTheTaskListWithTheAssignmentInItsHeaders() {
    // given
    ENGINE.deploy(
        Bpmn.createExecutableProcess("legacy-approval")
            .startEvent()
            .userTask("approve", u -> u.zeebeAssignee("ana").zeebeCandidateGroups("cab"))
            .endEvent()
            .done());
    long instance = processes.start("legacy-approval", Map.of());

    // when
    var job = processes.activateOne("io.camunda.zeebe:userTask");
    client.newCompleteCommand(job).variables(Map.of("approved", true)).send().join();

    // then
    assertThat(job.getCustomHeaders())
        .containsEntry("io.camunda.zeebe:assignee", "ana")
        .containsEntry("io.camunda.zeebe:candidateGroups", "[\"cab\"]");
    processes.awaitCompleted(instance);
    assertThat(processes.rootVariables(instance)).containsEntry("approved", "true");
  }

  @Test
  void linkedFormIsServedForTheTaskAndAMissingFormIsAnIncidentUntilItIsDeployed() {
    // given
    String form =
        "{\"id\":\"go-no-go-form\",\"type\":\"default\",\"components\":[{\"key\":\"decision\",\"type\":\"textfield\"}]}";
    ENGINE.deploy(
        Bpmn.createExecutableProcess("with-form")
            .startEvent()
            .userTask("decide", u -> u.zeebeUserTask().zeebeFormId("go-no-go-form"))
            .endEvent()
            .done());
    long instance = processes.start("with-form", Map.of());
    var incident = processes.awaitIncident(instance);
    assertThat(incident.getErrorType().name()).isEqualTo("FORM_NOT_FOUND");

    // when
    var deployed =
        client
            .newDeployResourceCommand()
            .addResourceStringUtf8(form, "go-no-go.form")
            .send()
            .join();
    client.newResolveIncidentCommand(incident.getIncidentKey()).send().join();

    // then
    assertThat(deployed.getForm())
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.getFormId()).isEqualTo("go-no-go-form");
              assertThat(f.getVersion()).isEqualTo(1);
            });
    UserTask task = taskOf(instance);
    var linked = client.newUserTaskGetFormRequest(task.getUserTaskKey()).send().join();
    assertThat(linked.getFormId()).isEqualTo("go-no-go-form");
    assertThat(String.valueOf(linked.getSchema())).contains("decision");
  }

  @Test
  void deploymentBoundFormIsTheVersionDeployedWithTheProcess() {
    // given the process deployed with its form, then a newer form alone
    String form =
        "{\"id\":\"rollback-form\",\"type\":\"default\",\"components\":[{\"key\":\"reason\",\"type\":\"textfield\"}]}";
    client
        .newDeployResourceCommand()
        .addProcessModel(
            Bpmn.createExecutableProcess("rollback-review")
                .startEvent()
                .userTask(
                    "review",
                    u ->
                        u.zeebeUserTask()
                            .zeebeFormId("rollback-form")
                            .zeebeFormBindingType(
                                io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeBindingType
                                    .deployment))
                .endEvent()
                .done(),
            "rollback-review.bpmn")
        .addResourceStringUtf8(form, "rollback.form")
        .send()
        .join();
    client
        .newDeployResourceCommand()
        .addResourceStringUtf8(form.replace("reason", "newerField"), "rollback.form")
        .send()
        .join();

    // when
    long instance = processes.start("rollback-review", Map.of());

    // then
    UserTask task = taskOf(instance);
    var linked = client.newUserTaskGetFormRequest(task.getUserTaskKey()).send().join();
    assertThat(linked.getVersion()).isEqualTo(1);
    assertThat(String.valueOf(linked.getSchema())).contains("reason").doesNotContain("newerField");
    client
        .newCompleteUserTaskCommand(task.getUserTaskKey())
        .variables(Map.of("reason", "canary failed"))
        .send()
        .join();
    processes.awaitCompleted(instance);
    assertThat(processes.rootVariables(instance)).containsEntry("reason", "\"canary failed\"");
  }

  private static String taggedForm(String tag, String field) {
    return "{\"id\":\"cutover-form\",\"versionTag\":\""
        + tag
        + "\",\"type\":\"default\",\"components\":[{\"key\":\""
        + field
        + "\",\"type\":\"textfield\"}]}";
  }

  private void deployCutoverReview(String versionTag) {
    ENGINE.deploy(
        Bpmn.createExecutableProcess("cutover-review")
            .startEvent()
            .userTask(
                "review",
                u ->
                    u.zeebeUserTask()
                        .zeebeFormId("cutover-form")
                        .zeebeFormBindingType(
                            io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeBindingType.versionTag)
                        .zeebeFormVersionTag(versionTag))
            .endEvent()
            .done());
  }

  private void deployForm(String json) {
    client.newDeployResourceCommand().addResourceStringUtf8(json, "cutover.form").send().join();
  }

  @Test
  void versionTagBoundFormIsTheLatestVersionWithThatTag() {
    // given four versions of the form: v1, v2, v1 again, v3
    ENGINE.purge();
    deployForm(taggedForm("v1", "first"));
    deployForm(taggedForm("v2", "checklist"));
    deployForm(taggedForm("v1", "second"));
    deployForm(taggedForm("v3", "later"));
    deployCutoverReview("v1");

    // when
    long instance = processes.start("cutover-review", Map.of());

    // then the task shows the newest form tagged v1, not the latest form
    UserTask task = taskOf(instance);
    var linked = client.newUserTaskGetFormRequest(task.getUserTaskKey()).send().join();
    assertThat(linked.getVersion()).isEqualTo(3);
    assertThat(String.valueOf(linked.getSchema())).contains("second").doesNotContain("later");
  }

  @Test
  void aFormVersionTagNobodyDeployedIsAFormNotFoundIncidentUntilItIsDeployed() {
    // given
    ENGINE.purge();
    deployForm(taggedForm("v1", "first"));
    deployCutoverReview("v2");
    long instance = processes.start("cutover-review", Map.of());
    var incident = processes.awaitIncident(instance);
    assertThat(incident.getErrorType().name()).isEqualTo("FORM_NOT_FOUND");
    assertThat(incident.getErrorMessage())
        .contains("cutover-form")
        .contains("version tag 'v2'")
        .contains("binding type 'versionTag'");

    // when
    deployForm(taggedForm("v2", "checklist"));
    client.newResolveIncidentCommand(incident.getIncidentKey()).send().join();

    // then
    UserTask task = taskOf(instance);
    var linked = client.newUserTaskGetFormRequest(task.getUserTaskKey()).send().join();
    assertThat(String.valueOf(linked.getSchema())).contains("checklist");
  }

  @Test
  void processStartFormIsServedOnceDeployedAndATaskWithoutFormAnswersNoContent() {
    // given a release request process whose start event links a form
    String form =
        "{\"id\":\"release-request\",\"type\":\"default\",\"components\":[{\"key\":\"service\",\"type\":\"textfield\"}]}";
    var deployed =
        ENGINE.deploy(
            Bpmn.createExecutableProcess("requested-release")
                .startEvent("request")
                .zeebeFormId("release-request")
                .userTask("review", u -> u.zeebeUserTask())
                .endEvent()
                .done());
    long definitionKey = deployed.getProcesses().get(0).getProcessDefinitionKey();
    var definition = client.newProcessDefinitionGetRequest(definitionKey).send().join();
    assertThat(definition.getHasStartForm()).isTrue();
    assertThatThrownBy(() -> client.newProcessDefinitionGetFormRequest(definitionKey).send().join())
        .isInstanceOfSatisfying(
            ProblemException.class,
            e -> assertThat(e.details().getDetail()).contains("'release-request' is not deployed"));

    // when
    client
        .newDeployResourceCommand()
        .addResourceStringUtf8(form, "release-request.form")
        .send()
        .join();

    // then
    var startForm = client.newProcessDefinitionGetFormRequest(definitionKey).send().join();
    assertThat(startForm.getFormId()).isEqualTo("release-request");
    assertThat(String.valueOf(startForm.getSchema())).contains("service");
    long instance = processes.start("requested-release", Map.of("service", "payments"));
    UserTask task = taskOf(instance);
    assertThat(client.newUserTaskGetFormRequest(task.getUserTaskKey()).send().join().getFormId())
        .isNull();
  }
}
