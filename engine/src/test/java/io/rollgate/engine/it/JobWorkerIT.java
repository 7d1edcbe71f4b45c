package io.rollgate.engine.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.command.ProblemException;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.response.ProcessInstanceEvent;
import io.camunda.client.api.response.ProcessInstanceResult;
import io.camunda.client.api.search.enums.IncidentErrorType;
import io.camunda.client.api.search.enums.ProcessInstanceState;
import io.camunda.client.api.search.response.Incident;
import io.camunda.client.api.worker.JobWorker;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.rollgate.engine.testing.RollgateEngineTest;
import io.rollgate.engine.testing.TestEngine;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

@RollgateEngineTest
class JobWorkerIT {
  static TestEngine ENGINE;

  private final CamundaClient client = ENGINE.client();
  private final Processes processes = new Processes(client);

  private static BpmnModelInstance threeTasks(String id, String type) {
    return Bpmn.createExecutableProcess(id)
        .startEvent("start")
        .serviceTask("build", t -> t.zeebeJobType(type).zeebeTaskHeader("stage", "build"))
        .serviceTask("test", t -> t.zeebeJobType(type))
        .serviceTask("ship", t -> t.zeebeJobType(type))
        .endEvent("end")
        .done();
  }

  @Test
  void workersDriveAnInstanceThroughEveryTaskToCompletion() {
    // given
    ENGINE.deploy(threeTasks("three-tasks", "step"));
    List<String> seen = new CopyOnWriteArrayList<>();
    try (JobWorker worker =
        client
            .newWorker()
            .jobType("step")
            .handler(
                (jobClient, job) -> {
                  seen.add(job.getElementId());
                  jobClient
                      .newCompleteCommand(job)
                      .variables(Map.of(job.getElementId() + "Done", true))
                      .send()
                      .join();
                })
            .open()) {
      // when
      ProcessInstanceResult result =
          client
              .newCreateInstanceCommand()
              .bpmnProcessId("three-tasks")
              .latestVersion()
              .variables(Map.of("release", "R-1"))
              .withResult()
              .requestTimeout(Duration.ofSeconds(20))
              .send()
              .join();

      // then
      assertThat(seen).containsExactly("build", "test", "ship");
      assertThat(result.getVariablesAsMap())
          .containsEntry("release", "R-1")
          .containsEntry("buildDone", true)
          .containsEntry("shipDone", true);
      var instance =
          client.newProcessInstanceGetRequest(result.getProcessInstanceKey()).send().join();
      assertThat(instance.getState()).isEqualTo(ProcessInstanceState.COMPLETED);
    }
  }

  @Test
  void activatedJobCarriesHeadersVariablesAndDeadline() {
    // given
    ENGINE.deploy(threeTasks("headers", "headers-step"));
    ProcessInstanceEvent instance =
        client
            .newCreateInstanceCommand()
            .bpmnProcessId("headers")
            .latestVersion()
            .variables(Map.of("a", 1, "b", "two"))
            .send()
            .join();

    // when
    List<ActivatedJob> jobs =
        client
            .newActivateJobsCommand()
            .jobType("headers-step")
            .maxJobsToActivate(5)
            .workerName("w1")
            .timeout(Duration.ofMinutes(1))
            .fetchVariables("a")
            .send()
            .join()
            .getJobs();

    // then
    assertThat(jobs).hasSize(1);
    ActivatedJob job = jobs.get(0);
    assertThat(job.getProcessInstanceKey()).isEqualTo(instance.getProcessInstanceKey());
    assertThat(job.getElementId()).isEqualTo("build");
    assertThat(job.getCustomHeaders()).containsEntry("stage", "build");
    assertThat(job.getVariablesAsMap()).containsOnlyKeys("a").containsEntry("a", 1);
    assertThat(job.getWorker()).isEqualTo("w1");
    assertThat(job.getRetries()).isEqualTo(3);
    assertThat(job.getDeadline()).isGreaterThan(System.currentTimeMillis());
  }

  @Test
  void failedJobIsRetriedAfterItsBackOffThenRaisesAnIncidentThatCanBeResolved() {
    // given
    ENGINE.deploy(
        Bpmn.createExecutableProcess("flaky")
            .startEvent()
            .serviceTask("call", t -> t.zeebeJobType("flaky").zeebeJobRetries("2"))
            .endEvent()
            .done());
    long instanceKey =
        client
            .newCreateInstanceCommand()
            .bpmnProcessId("flaky")
            .latestVersion()
            .send()
            .join()
            .getProcessInstanceKey();
    ActivatedJob first = processes.activateOne("flaky");

    // when: the first failure leaves one retry with a back-off
    long failedAt = System.currentTimeMillis();
    client
        .newFailCommand(first)
        .retries(1)
        .retryBackoff(Duration.ofMillis(700))
        .errorMessage("timeout calling CI")
        .send()
        .join();

    // then: nothing to activate during the back-off, the job is back afterwards
    assertThat(processes.activate("flaky", 1)).isEmpty();
    ActivatedJob second =
        await().atMost(Duration.ofSeconds(5)).until(() -> activateOrNull("flaky"), j -> j != null);
    assertThat(System.currentTimeMillis() - failedAt).isGreaterThanOrEqualTo(650);
    assertThat(second.getKey()).isEqualTo(first.getKey());
    assertThat(second.getRetries()).isEqualTo(1);

    // when: out of retries
    client.newFailCommand(second).retries(0).errorMessage("CI is down").send().join();

    // then: an incident with the message, the instance stuck
    Incident incident = processes.awaitIncident(instanceKey);
    assertThat(incident.getErrorType()).isEqualTo(IncidentErrorType.JOB_NO_RETRIES);
    assertThat(incident.getErrorMessage()).isEqualTo("CI is down");
    assertThat(incident.getJobKey()).isEqualTo(first.getKey());
    assertThat(processes.activate("flaky", 1)).isEmpty();

    // when: resolving without retries is refused; with retries it continues
    assertThatThrownBy(
            () -> client.newResolveIncidentCommand(incident.getIncidentKey()).send().join())
        .isInstanceOf(ProblemException.class)
        .hasMessageContaining("no retries left");
    client.newUpdateRetriesCommand(first.getKey()).retries(2).send().join();
    client.newResolveIncidentCommand(incident.getIncidentKey()).send().join();
    ActivatedJob third = processes.activateOne("flaky");
    client.newCompleteCommand(third).send().join();

    // then
    await()
        .untilAsserted(
            () ->
                assertThat(processes.state(instanceKey)).isEqualTo(ProcessInstanceState.COMPLETED));
  }

  @Test
  void jobNotCompletedWithinItsTimeoutIsActivatedAgain() {
    // given
    ENGINE.deploy(
        Bpmn.createExecutableProcess("slow")
            .startEvent()
            .serviceTask("t", t -> t.zeebeJobType("slow"))
            .endEvent()
            .done());
    client.newCreateInstanceCommand().bpmnProcessId("slow").latestVersion().send().join();
    ActivatedJob held =
        client
            .newActivateJobsCommand()
            .jobType("slow")
            .maxJobsToActivate(1)
            .timeout(Duration.ofMillis(500))
            .send()
            .join()
            .getJobs()
            .get(0);

    // when / then
    assertThat(processes.activate("slow", 1)).isEmpty();
    ActivatedJob again =
        await().atMost(Duration.ofSeconds(5)).until(() -> activateOrNull("slow"), j -> j != null);
    assertThat(again.getKey()).isEqualTo(held.getKey());
  }

  @Test
  void timeoutCanBeExtendedWhileTheWorkerHoldsTheJob() {
    // given
    ENGINE.deploy(
        Bpmn.createExecutableProcess("extend")
            .startEvent()
            .serviceTask("t", t -> t.zeebeJobType("extend"))
            .endEvent()
            .done());
    client.newCreateInstanceCommand().bpmnProcessId("extend").latestVersion().send().join();
    ActivatedJob held =
        client
            .newActivateJobsCommand()
            .jobType("extend")
            .maxJobsToActivate(1)
            .timeout(Duration.ofMillis(300))
            .send()
            .join()
            .getJobs()
            .get(0);

    // when
    client.newUpdateTimeoutCommand(held.getKey()).timeout(Duration.ofMinutes(5)).send().join();

    // then
    await().pollDelay(Duration.ofMillis(800)).atMost(Duration.ofSeconds(3)).until(() -> true);
    assertThat(processes.activate("extend", 1)).isEmpty();
  }

  @Test
  void completingAJobTwiceIsRejectedWithNotFound() {
    // given
    ENGINE.deploy(
        Bpmn.createExecutableProcess("twice")
            .startEvent()
            .serviceTask("t", t -> t.zeebeJobType("twice"))
            .endEvent()
            .done());
    client.newCreateInstanceCommand().bpmnProcessId("twice").latestVersion().send().join();
    ActivatedJob job = processes.activateOne("twice");
    client.newCompleteCommand(job).send().join();

    // when / then
    assertThatThrownBy(() -> client.newCompleteCommand(job).send().join())
        .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.code()).isEqualTo(404))
        .hasMessageContaining("no such job was found");
  }

  @Test
  void aWaitingPollIsAnsweredAsSoonAsAJobAppears() throws Exception {
    // given
    ENGINE.deploy(
        Bpmn.createExecutableProcess("late")
            .startEvent()
            .serviceTask("t", t -> t.zeebeJobType("late"))
            .endEvent()
            .done());
    var pending =
        client
            .newActivateJobsCommand()
            .jobType("late")
            .maxJobsToActivate(1)
            .requestTimeout(Duration.ofSeconds(8))
            .send();
    Thread.sleep(300);
    long started = System.currentTimeMillis();

    // when
    client.newCreateInstanceCommand().bpmnProcessId("late").latestVersion().send().join();

    // then
    assertThat(pending.join().getJobs()).hasSize(1);
    assertThat(System.currentTimeMillis() - started).isLessThan(3_000);
  }

  @Test
  void workerCountsEachJobOnceUnderConcurrency() {
    // given
    ENGINE.deploy(threeTasks("many", "many-step"));
    AtomicInteger handled = new AtomicInteger();
    try (JobWorker worker =
        client
            .newWorker()
            .jobType("many-step")
            .handler(
                (jc, job) -> {
                  handled.incrementAndGet();
                  jc.newCompleteCommand(job).send().join();
                })
            .maxJobsActive(16)
            .open()) {
      // when
      for (int i = 0; i < 50; i++) {
        client.newCreateInstanceCommand().bpmnProcessId("many").latestVersion().send().join();
      }

      // then
      await()
          .atMost(Duration.ofSeconds(30))
          .untilAsserted(() -> assertThat(handled.get()).isEqualTo(150));
      await()
          .untilAsserted(
              () ->
                  assertThat(
                          client
                              .newProcessInstanceSearchRequest()
                              .filter(
                                  f ->
                                      f.processDefinitionId("many")
                                          .state(ProcessInstanceState.COMPLETED))
                              .send()
                              .join()
                              .page()
                              .totalItems())
                      .isEqualTo(50));
    }
  }

  private ActivatedJob activateOrNull(String type) {
    List<ActivatedJob> jobs = processes.activate(type, 1);
    return jobs.isEmpty() ? null : jobs.get(0);
  }
}
