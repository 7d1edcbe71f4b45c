package io.rollgate.engine.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.CamundaFuture;
import io.camunda.client.api.command.ProblemException;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.search.enums.JobKind;
import io.camunda.client.api.search.enums.ListenerEventType;
import io.camunda.client.api.search.enums.UserTaskState;
import io.camunda.client.api.search.response.Incident;
import io.camunda.client.api.search.response.UserTask;
import io.camunda.client.api.worker.JobWorker;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.rollgate.engine.RollgateEngine;
import io.rollgate.engine.testing.RollgateEngineTest;
import io.rollgate.engine.testing.TestEngine;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** User task listeners: checks and corrections that run before a task's transition applies. */
@RollgateEngineTest
class TaskListenersIT {
  static TestEngine ENGINE;

  private static CamundaClient client() {
    return ENGINE.client();
  }

  private static Processes processes() {
    return new Processes(client());
  }

  /** The release's go/no-go decision with listeners, given as event, job type, event, ... */
  private static BpmnModelInstance goNoGo(String processId, String... eventAndType) {
    return Bpmn.createExecutableProcess(processId)
        .startEvent()
        .userTask(
            "decide",
            u -> {
              u.name("Go / no-go").zeebeUserTask();
              for (int i = 0; i < eventAndType.length; i += 2) {
                String event = eventAndType[i];
                String type = eventAndType[i + 1];
                u.zeebeTaskListener(
                    l -> {
                      l.type(type).retries("1");
                      switch (event) {
                        case "creating" -> l.creating();
                        case "assigning" -> l.assigning();
                        case "updating" -> l.updating();
                        default -> l.completing();
                      }
                    });
              }
            })
        .endEvent()
        .done();
  }

  private static UserTask awaitTask(long instance) {
    return await()
        .atMost(Duration.ofSeconds(5))
        .until(
            () ->
                client()
                    .newUserTaskSearchRequest()
                    .filter(f -> f.processInstanceKey(instance))
                    .send()
                    .join()
                    .items(),
            l -> !l.isEmpty())
        .get(0);
  }

  private static UserTask task(long key) {
    return client().newUserTaskGetRequest(key).send().join();
  }

  @Test
  void completionWaitsForTheCompletingListenerWhichSeesTheTaskAndTheCompletionVariables() {
    // given
    ENGINE.deploy(goNoGo("wait-for-listener", "completing", "check-decision"));
    long instance =
        processes().start("wait-for-listener", Map.of("requestedBy", "ana", "release", "1.4"));
    UserTask task = awaitTask(instance);

    // when
    CamundaFuture<?> completion =
        client()
            .newCompleteUserTaskCommand(task.getUserTaskKey())
            .variables(Map.of("decision", "GO"))
            .send();
    ActivatedJob listener = processes().activateOne("check-decision");

    // then the completion waits; the listener sees the task, its variables and the completion's
    assertThat(completion.isDone()).isFalse();
    assertThat(task(task.getUserTaskKey()).getState()).isEqualTo(UserTaskState.COMPLETING);
    assertThat(listener.getKind()).isEqualTo(JobKind.TASK_LISTENER);
    assertThat(listener.getListenerEventType()).isEqualTo(ListenerEventType.COMPLETING);
    assertThat(listener.getUserTask().getUserTaskKey()).isEqualTo(task.getUserTaskKey());
    assertThat(listener.getUserTask().getAction()).isEqualTo("complete");
    assertThat(listener.getVariablesAsMap())
        .containsEntry("requestedBy", "ana")
        .containsEntry("release", "1.4")
        .containsEntry("decision", "GO");
    assertThat(
            client()
                .newJobSearchRequest()
                .filter(f -> f.processInstanceKey(instance).kind(JobKind.TASK_LISTENER))
                .send()
                .join()
                .items())
        .hasSize(1);

    // when
    client().newCompleteCommand(listener).send().join();

    // then
    completion.join();
    processes().awaitCompleted(instance);
    assertThat(task(task.getUserTaskKey()).getState()).isEqualTo(UserTaskState.COMPLETED);
    assertThat(processes().rootVariables(instance)).containsEntry("decision", "\"GO\"");
  }

  @Test
  void theRequesterOfAReleaseCannotDecideItsGoNoGoButSomeoneElseCan() {
    // given a completing listener that enforces separation of duties
    ENGINE.deploy(goNoGo("separation-of-duties", "completing", "separation-of-duties"));
    try (JobWorker worker =
        client()
            .newWorker()
            .jobType("separation-of-duties")
            .handler(
                (jobs, job) -> {
                  Object requester = job.getVariablesAsMap().get("requestedBy");
                  boolean samePerson = requester.equals(job.getUserTask().getAssignee());
                  jobs.newCompleteCommand(job)
                      .withResult(
                          r ->
                              r.forUserTask()
                                  .deny(samePerson, "the requester of a release cannot decide it"))
                      .send()
                      .join();
                })
            .open()) {
      long instance = processes().start("separation-of-duties", Map.of("requestedBy", "ana"));
      long task = awaitTask(instance).getUserTaskKey();
      client().newAssignUserTaskCommand(task).assignee("ana").send().join();

      // when the requester decides
      // then the completion is rejected and the task stays open, still hers
      assertThatThrownBy(
              () ->
                  client()
                      .newCompleteUserTaskCommand(task)
                      .variables(Map.of("decision", "GO"))
                      .send()
                      .join())
          .isInstanceOf(ProblemException.class)
          .satisfies(
              e -> {
                ProblemException problem = (ProblemException) e;
                assertThat(problem.code()).isEqualTo(409);
                assertThat(problem.details().getDetail())
                    .contains("denied", "the requester of a release cannot decide it");
              });
      assertThat(task(task).getState()).isEqualTo(UserTaskState.CREATED);
      assertThat(task(task).getAssignee()).isEqualTo("ana");
      assertThat(processes().rootVariables(instance)).doesNotContainKey("decision");

      // when someone else decides
      client().newAssignUserTaskCommand(task).assignee("bo").send().join();
      client().newCompleteUserTaskCommand(task).variables(Map.of("decision", "GO")).send().join();

      // then
      processes().awaitCompleted(instance);
      assertThat(processes().rootVariables(instance)).containsEntry("decision", "\"GO\"");
    }
  }

  @Test
  void aDeniedAssignmentLeavesTheTaskUnassigned() {
    // given
    ENGINE.deploy(goNoGo("deny-assignment", "assigning", "who-may-decide"));
    long instance = processes().start("deny-assignment", Map.of());
    long task = awaitTask(instance).getUserTaskKey();

    // when
    CamundaFuture<?> assignment =
        client().newAssignUserTaskCommand(task).assignee("mallory").send();
    ActivatedJob listener = processes().activateOne("who-may-decide");
    assertThat(listener.getUserTask().getAssignee()).isEqualTo("mallory");
    assertThat(listener.getUserTask().getChangedAttributes()).containsExactly("assignee");
    assertThat(task(task).getState()).isEqualTo(UserTaskState.ASSIGNING);
    client()
        .newCompleteCommand(listener)
        .withResult(r -> r.forUserTask().deny(true, "not a release manager"))
        .send()
        .join();

    // then
    assertThatThrownBy(assignment::join)
        .isInstanceOf(ProblemException.class)
        .hasMessageContaining("409");
    assertThat(task(task).getState()).isEqualTo(UserTaskState.CREATED);
    assertThat(task(task).getAssignee()).isNull();
  }

  @Test
  void listenersRunOneAfterAnotherInDeclarationOrderAndTheirCorrectionsApply() {
    // given two creating listeners and an assigning one
    ENGINE.deploy(
        goNoGo(
            "corrections",
            "creating",
            "set-priority",
            "creating",
            "route-to-cab",
            "assigning",
            "check-assignee"));
    long instance = processes().start("corrections", Map.of());

    // when the first corrects the priority
    ActivatedJob first = processes().activateOne("set-priority");
    assertThat(processes().activate("route-to-cab", 1)).isEmpty();
    client()
        .newCompleteCommand(first)
        .withResult(r -> r.forUserTask().correctPriority(90).correctDueDate("2030-01-15T09:00:00Z"))
        .send()
        .join();

    // then the second runs only now, and sees the correction
    ActivatedJob second = processes().activateOne("route-to-cab");
    assertThat(second.getUserTask().getPriority()).isEqualTo(90);
    assertThat(second.getUserTask().getChangedAttributes()).contains("priority", "dueDate");
    UserTask creating = awaitTask(instance);
    assertThat(creating.getState()).isEqualTo(UserTaskState.CREATING);

    // when the second corrects the candidates and assignee
    client()
        .newCompleteCommand(second)
        .withResult(
            r -> r.forUserTask().correctCandidateGroups(List.of("cab")).correctAssignee("carla"))
        .send()
        .join();

    // then the task is created with every correction
    UserTask created = task(creating.getUserTaskKey());
    assertThat(created.getState()).isEqualTo(UserTaskState.CREATED);
    assertThat(created.getPriority()).isEqualTo(90);
    assertThat(created.getCandidateGroups()).containsExactly("cab");
    assertThat(created.getAssignee()).isEqualTo("carla");
    assertThat(created.getDueDate()).isNotNull();
    assertThat(processes().activate("check-assignee", 1)).isEmpty();
  }

  @Test
  void aFailingListenerRaisesAnIncidentAndRunsAgainOnceResolved() {
    // given
    ENGINE.deploy(goNoGo("listener-incident", "completing", "flaky-check"));
    long instance = processes().start("listener-incident", Map.of());
    long task = awaitTask(instance).getUserTaskKey();
    CamundaFuture<?> completion = client().newCompleteUserTaskCommand(task).send();

    // when the listener fails with no retries left
    ActivatedJob listener = processes().activateOne("flaky-check");
    client().newFailCommand(listener).retries(0).errorMessage("checker down").send().join();

    // then
    Incident incident = processes().awaitIncident(instance);
    assertThat(incident.getErrorType().name()).isEqualTo("TASK_LISTENER_NO_RETRIES");
    assertThat(incident.getElementId()).isEqualTo("decide");
    assertThat(task(task).getState()).isEqualTo(UserTaskState.COMPLETING);

    // when
    client().newUpdateRetriesCommand(listener.getKey()).retries(1).send().join();
    client().newResolveIncidentCommand(incident.getIncidentKey()).send().join();
    client().newCompleteCommand(processes().activateOne("flaky-check")).send().join();

    // then
    completion.join();
    processes().awaitCompleted(instance);
  }

  @Test
  void aTaskWaitingOnItsListenerSurvivesARestart() {
    // given
    ENGINE.deploy(goNoGo("listener-restart", "completing", "slow-check"));
    long instance = processes().start("listener-restart", Map.of());
    long task = awaitTask(instance).getUserTaskKey();
    client().newCompleteUserTaskCommand(task).variables(Map.of("decision", "GO")).send();
    processes().activateOne("slow-check");

    // when
    ENGINE.restart();

    // then the transition still waits; its listener job is still there to complete
    assertThat(task(task).getState()).isEqualTo(UserTaskState.COMPLETING);
    ActivatedJob listener =
        client()
            .newActivateJobsCommand()
            .jobType("slow-check")
            .maxJobsToActivate(1)
            .timeout(Duration.ofMinutes(1))
            .send()
            .join()
            .getJobs()
            .stream()
            .findFirst()
            .orElse(null);
    long jobKey =
        listener != null
            ? listener.getKey()
            : client()
                .newJobSearchRequest()
                .filter(f -> f.type("slow-check"))
                .send()
                .join()
                .items()
                .get(0)
                .getJobKey();
    client().newCompleteCommand(jobKey).send().join();
    processes().awaitCompleted(instance);
    assertThat(processes().rootVariables(instance)).containsEntry("decision", "\"GO\"");
  }

  @Test
  void anUpdateWaitsForItsListenerAndAppliesTheChangeWithTheCorrections() {
    // given
    ENGINE.deploy(goNoGo("update-listener", "updating", "reschedule"));
    long instance = processes().start("update-listener", Map.of());
    long task = awaitTask(instance).getUserTaskKey();

    // when
    CamundaFuture<?> update =
        client().newUpdateUserTaskCommand(task).candidateGroups(List.of("cab")).send();
    ActivatedJob listener = processes().activateOne("reschedule");

    // then
    assertThat(listener.getListenerEventType()).isEqualTo(ListenerEventType.UPDATING);
    assertThat(listener.getUserTask().getCandidateGroups()).containsExactly("cab");
    assertThat(listener.getUserTask().getChangedAttributes()).containsExactly("candidateGroups");
    assertThat(task(task).getCandidateGroups()).isEmpty();

    // when
    client()
        .newCompleteCommand(listener)
        .withResult(r -> r.forUserTask().correctPriority(10))
        .send()
        .join();

    // then
    update.join();
    assertThat(task(task).getCandidateGroups()).containsExactly("cab");
    assertThat(task(task).getPriority()).isEqualTo(10);
    assertThat(task(task).getState()).isEqualTo(UserTaskState.CREATED);
  }

  @Test
  void cancellingTheInstanceCancelsTheWaitingListenerAndFailsTheWaitingRequest() {
    // given
    ENGINE.deploy(goNoGo("cancel-while-listening", "completing", "never-answers"));
    long instance = processes().start("cancel-while-listening", Map.of());
    long task = awaitTask(instance).getUserTaskKey();
    CamundaFuture<?> completion = client().newCompleteUserTaskCommand(task).send();
    ActivatedJob listener = processes().activateOne("never-answers");

    // when
    client().newCancelInstanceCommand(instance).send().join();

    // then
    assertThatThrownBy(completion::join).isInstanceOf(ProblemException.class);
    assertThat(task(task).getState()).isEqualTo(UserTaskState.CANCELED);
    assertThatThrownBy(() -> client().newCompleteCommand(listener).send().join())
        .isInstanceOf(ProblemException.class)
        .hasMessageContaining("404");
  }

  @Test
  void cancelingListenersAreRejectedAtDeployment() {
    // given
    BpmnModelInstance model =
        Bpmn.createExecutableProcess("canceling-listener")
            .startEvent()
            .userTask(
                "decide", u -> u.zeebeUserTask().zeebeTaskListener(l -> l.canceling().type("x")))
            .endEvent()
            .done();

    // when / then
    assertThatThrownBy(() -> ENGINE.deploy(model))
        .isInstanceOf(ProblemException.class)
        .hasMessageContaining("decide")
        .hasMessageContaining("canceling");
  }

  @Test
  void aWaitingTransitionReplaysFromTheJournalOnTopOfASnapshot(@TempDir Path data) {
    // given an engine that has taken a snapshot, then journaled a completion waiting for a listener
    try (RollgateEngine engine =
            RollgateEngine.builder().dataDirectory(data).snapshotEvery(1).build().start();
        CamundaClient first = TestEngine.newClient(engine.restAddress())) {
      first
          .newDeployResourceCommand()
          .addProcessModel(goNoGo("snapshot-listener", "completing", "audit"), "go.bpmn")
          .send()
          .join();
      long instance =
          first
              .newCreateInstanceCommand()
              .bpmnProcessId("snapshot-listener")
              .latestVersion()
              .send()
              .join()
              .getProcessInstanceKey();
      long task =
          await()
              .atMost(Duration.ofSeconds(5))
              .until(
                  () ->
                      first
                          .newUserTaskSearchRequest()
                          .filter(f -> f.processInstanceKey(instance))
                          .send()
                          .join()
                          .items(),
                  l -> !l.isEmpty())
              .get(0)
              .getUserTaskKey();
      first.newCompleteUserTaskCommand(task).variables(Map.of("decision", "GO")).send();
      await()
          .atMost(Duration.ofSeconds(5))
          .until(
              () -> first.newUserTaskGetRequest(task).send().join().getState(),
              UserTaskState.COMPLETING::equals);
    }

    // when
    try (RollgateEngine engine = RollgateEngine.builder().dataDirectory(data).build().start();
        CamundaClient second = TestEngine.newClient(engine.restAddress())) {
      Processes processes = new Processes(second);
      ActivatedJob listener = processes.activateOne("audit");
      assertThat(listener.getVariablesAsMap()).containsEntry("decision", "GO");
      second.newCompleteCommand(listener).send().join();

      // then
      processes.awaitCompleted(listener.getProcessInstanceKey());
      assertThat(processes.rootVariables(listener.getProcessInstanceKey()))
          .containsEntry("decision", "\"GO\"");
    }
  }
}
