package io.rollgate.engine.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.search.enums.IncidentErrorType;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.rollgate.engine.RollgateEngine;
import io.rollgate.engine.testing.TestEngine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** State survives a restart, from snapshots plus the journal after them. */
class RestartIT {
  @TempDir Path data;

  private RollgateEngine start() {
    return RollgateEngine.builder().dataDirectory(data).snapshotEvery(7).build().start();
  }

  @Test
  void instancesJobsIncidentsAndVariablesSurviveARestartAndContinue() throws Exception {
    long running;
    long stuck;
    long incidentKey;
    long heldJob;
    try (RollgateEngine engine = start();
        CamundaClient client = TestEngine.newClient(engine.restAddress())) {
      // given
      client
          .newDeployResourceCommand()
          .addProcessModel(
              Bpmn.createExecutableProcess("survive")
                  .startEvent()
                  .serviceTask("first", t -> t.zeebeJobType("survive-first"))
                  .serviceTask("second", t -> t.zeebeJobType("survive-second"))
                  .endEvent()
                  .done(),
              "survive.bpmn")
          .send()
          .join();
      Processes processes = new Processes(client);
      running = processes.start("survive", Map.of("release", "R-9"));
      stuck = processes.start("survive", Map.of("release", "R-10"));
      for (int i = 0; i < 20; i++) {
        processes.start("survive", Map.of("filler", i));
      }
      ActivatedJob first = processes.activate("survive-first", 1).get(0);
      client.newCompleteCommand(first).variables(Map.of("built", true)).send().join();
      ActivatedJob failing = processes.activate("survive-first", 1).get(0);
      client.newFailCommand(failing).retries(0).errorMessage("quota exceeded").send().join();
      incidentKey = processes.awaitIncident(failing.getProcessInstanceKey()).getIncidentKey();
      stuck = failing.getProcessInstanceKey();
      running = first.getProcessInstanceKey();
      heldJob =
          client
              .newActivateJobsCommand()
              .jobType("survive-second")
              .maxJobsToActivate(1)
              .timeout(Duration.ofMinutes(10))
              .send()
              .join()
              .getJobs()
              .get(0)
              .getKey();
    }
    try (Stream<Path> snapshots = Files.list(data.resolve("snapshots"))) {
      assertThat(snapshots.filter(p -> p.toString().endsWith(".snap"))).isNotEmpty();
    }

    // when
    try (RollgateEngine engine = start();
        CamundaClient client = TestEngine.newClient(engine.restAddress())) {
      Processes processes = new Processes(client);

      // then: everything is where it was
      assertThat(processes.rootVariables(running)).containsEntry("built", "true");
      var incident = client.newIncidentGetRequest(incidentKey).send().join();
      assertThat(incident.getErrorType()).isEqualTo(IncidentErrorType.JOB_NO_RETRIES);
      assertThat(processes.activate("survive-second", 1))
          .as("held by a worker until its deadline")
          .isEmpty();
      assertThat(
              client
                  .newProcessInstanceSearchRequest()
                  .filter(f -> f.processDefinitionId("survive"))
                  .send()
                  .join()
                  .page()
                  .totalItems())
          .isEqualTo(22);

      // and: it continues
      client.newCompleteCommand(heldJob).send().join();
      processes.awaitCompleted(running);
      client.newUpdateRetriesCommand(incident.getJobKey()).retries(1).send().join();
      client.newResolveIncidentCommand(incidentKey).send().join();
      processes.complete("survive-first", Map.of());
      assertThat(processes.activeElementIds(stuck)).containsExactly("second");
    }
  }
}
