package io.rollgate.app.release;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.rollgate.app.support.EventStream;
import io.rollgate.app.support.ReleaseRequests;
import io.rollgate.app.support.RunningService;
import io.rollgate.sandbox.Faults;
import io.rollgate.sandbox.launcher.Sandbox;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A release that stops at an incident in the engine says so: its view and its gates name where it
 * stopped and why, in its own process or in one it called, instead of a pipeline waiting in silence
 * for a verdict that cannot come.
 */
class ReleaseIncidentIT extends RunningService {

  @Autowired private Sandbox sandbox;
  @Autowired private CamundaClient camunda;
  @Autowired private ReleaseIncidents incidents;
  @Autowired private CurrentSteps steps;
  @Autowired private ProcessTree tree;

  @Test
  void aReleaseStoppedAtAnIncidentShowsTheIncidentAndItsGateAnswersWithIt() throws Exception {
    // given: a release of a repository GitHub does not know, so its CI check cannot be answered
    String pipeline = token("incident-pipeline", "pipeline");
    Map<String, Object> body = ReleaseRequests.request("checkout", "9.9.1");
    body.put("repository", "acme/no-such-repository");
    String id = startRelease(pipeline, body);

    // when
    JsonNode release = awaitIncident(pipeline, id, Duration.ofMinutes(2));
    JsonNode readiness =
        call("GET", "/api/v1/releases/" + id + "/gates/readiness?wait=PT10M", pipeline, null, null)
            .json();

    // then
    assertThat(release.path("state").asText()).isEqualTo("RUNNING");
    assertThat(release.path("incident").path("element").asText()).isEqualTo("ciStatus");
    assertThat(release.path("incident").path("errorType").asText()).isEqualTo("JOB_NO_RETRIES");
    assertThat(release.path("incident").path("message").asText()).contains("Not Found");
    assertThat(release.path("currentStep").asText()).contains("CI status of the commit");
    assertThat(readiness.path("status").asText()).isEqualTo("STOPPED");
    assertThat(readiness.path("incident").path("message").asText())
        .isEqualTo(release.path("incident").path("message").asText());
  }

  @Test
  void aReleaseMovingOnShowsNoIncident() throws Exception {
    // given
    String pipeline = token("no-incident-pipeline", "pipeline");
    String id = startRelease(pipeline, ReleaseRequests.request("checkout", "9.9.2"));

    // when
    JsonNode release = call("GET", "/api/v1/releases/" + id, pipeline, null, null).json();
    JsonNode readiness =
        call("GET", "/api/v1/releases/" + id + "/gates/readiness", pipeline, null, null).json();

    // then
    assertThat(release.path("incident").isNull() || release.path("incident").isMissingNode())
        .as("incident of %s", release)
        .isTrue();
    assertThat(readiness.path("status").asText()).isIn("PENDING", "DECIDED");
  }

  @Test
  void anIncidentThatAppearsDuringALongPollEndsTheWaitAndIsOnTheTimeline() throws Exception {
    // given: GitHub answers slowly, and not at all for this repository
    String pipeline = token("incident-wait-pipeline", "pipeline");
    Map<String, Object> body = ReleaseRequests.request("checkout", "9.9.3");
    body.put("repository", "acme/no-such-repository-either");
    sandbox.ci().github().server().faults().set(new Faults.Spec(2000L, null, null, null, null));
    try {
      String id = startRelease(pipeline, body);
      String gate = "/api/v1/releases/" + id + "/gates/readiness";
      JsonNode before = call("GET", gate, pipeline, null, null).json();

      // when: the pipeline waits up to ten minutes while the CI check runs into the incident
      Instant asked = Instant.now();
      Answer answer =
          send(
              HttpRequest.newBuilder(uri(gate + "?wait=PT10M"))
                  .header("Authorization", "Bearer " + pipeline)
                  .timeout(Duration.ofMinutes(11))
                  .build());
      Duration waited = Duration.between(asked, Instant.now());
      List<EventStream.Event> timeline =
          EventStream.readUntil(
              uri("/api/v1/releases/" + id + "/events"),
              pipeline,
              event -> "stopped".equals(event.name()),
              Duration.ofMinutes(1));

      // then: it was pending when the wait began; the wait ends once the release stopped, not when
      // its ten minutes ran out, saying where it stopped; the timeline says so too
      JsonNode after = answer.json();
      assertThat(before.path("status").asText()).isEqualTo("PENDING");
      assertThat(after.path("status").asText()).as(after.toString()).isEqualTo("STOPPED");
      assertThat(after.path("incident").path("element").asText()).isEqualTo("ciStatus");
      assertThat(after.path("incident").path("message").asText()).contains("Not Found");
      assertThat(waited).isLessThan(Duration.ofMinutes(3));
      JsonNode stopped = timeline.get(timeline.size() - 1).data();
      assertThat(stopped.path("element").asText()).isEqualTo("ciStatus");
      assertThat(stopped.path("errorType").asText()).isEqualTo("JOB_NO_RETRIES");
      assertThat(stopped.path("message").asText())
          .isEqualTo(after.path("incident").path("message").asText());
    } finally {
      sandbox.ci().github().server().faults().clear();
    }
  }

  @Test
  void anIncidentInAProcessTheReleaseCalledIsWhereItStandsAndItsStep() throws Exception {
    // given: a process that calls another, whose task failed for good, as the CAB approval's can
    BpmnModelInstance approval =
        Bpmn.createExecutableProcess("incident-test-approval")
            .startEvent()
            .serviceTask("askTheCab", t -> t.name("Ask the CAB").zeebeJobType("incident-test-ask"))
            .endEvent()
            .done();
    BpmnModelInstance release =
        Bpmn.createExecutableProcess("incident-test-release")
            .startEvent()
            .callActivity("cabApproval", c -> c.zeebeProcessId("incident-test-approval"))
            .endEvent()
            .done();
    camunda
        .newDeployResourceCommand()
        .addProcessModel(approval, "incident-test-approval.bpmn")
        .addProcessModel(release, "incident-test-release.bpmn")
        .send()
        .join();
    long instance =
        camunda
            .newCreateInstanceCommand()
            .bpmnProcessId("incident-test-release")
            .latestVersion()
            .send()
            .join()
            .getProcessInstanceKey();
    ActivatedJob job = awaitJob("incident-test-ask");
    camunda
        .newFailCommand(job.getKey())
        .retries(0)
        .errorMessage("ServiceNow answered 403 Forbidden")
        .send()
        .join();

    // when
    Optional<ReleaseIncidents.StoppedAt> incident = Optional.empty();
    for (int i = 0; i < 100 && incident.isEmpty(); i++) {
      incident = incidents.openIn(instance);
      Thread.sleep(100);
    }

    // then
    assertThat(incident).isPresent();
    assertThat(incident.get().element()).isEqualTo("askTheCab");
    assertThat(incident.get().errorType()).isEqualTo("JOB_NO_RETRIES");
    assertThat(incident.get().message()).contains("403");
    assertThat(steps.in(instance)).contains("Ask the CAB");
    assertThat(job.getProcessInstanceKey()).isNotEqualTo(instance);
    assertThat(tree.rootOf(job.getProcessInstanceKey())).isEqualTo(instance);
    assertThat(tree.rootOf(instance)).isEqualTo(instance);
  }

  private ActivatedJob awaitJob(String type) throws InterruptedException {
    Instant deadline = Instant.now().plusSeconds(60);
    while (Instant.now().isBefore(deadline)) {
      List<ActivatedJob> jobs =
          camunda
              .newActivateJobsCommand()
              .jobType(type)
              .maxJobsToActivate(1)
              .requestTimeout(Duration.ofSeconds(5))
              .send()
              .join()
              .getJobs();
      if (!jobs.isEmpty()) {
        return jobs.get(0);
      }
      Thread.sleep(100);
    }
    throw new AssertionError("no " + type + " job within a minute");
  }
}
