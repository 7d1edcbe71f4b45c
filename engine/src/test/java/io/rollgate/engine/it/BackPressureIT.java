package io.rollgate.engine.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.CamundaFuture;
import io.camunda.client.api.command.ProblemException;
import io.camunda.client.api.response.ProcessInstanceEvent;
import io.camunda.client.api.search.enums.ProcessInstanceState;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.rollgate.engine.RollgateEngine;
import io.rollgate.engine.testing.TestEngine;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A full command queue turns requests away with 503 RESOURCE_EXHAUSTED and loses none it took. */
class BackPressureIT {
  @TempDir Path data;

  @Test
  void aFloodOnATinyQueueIsPartlyRejectedAndEveryAcceptedInstanceCompletes() {
    try (RollgateEngine engine =
            RollgateEngine.builder().dataDirectory(data).maxQueuedCommands(2).build().start();
        CamundaClient client = TestEngine.newClient(engine.restAddress())) {
      client
          .newDeployResourceCommand()
          .addProcessModel(
              Bpmn.createExecutableProcess("flood")
                  .startEvent()
                  .serviceTask("work", t -> t.zeebeJobType("flood-work"))
                  .endEvent()
                  .done(),
              "flood.bpmn")
          .send()
          .join();

      Set<Long> accepted = new HashSet<>();
      int rejected = 0;
      for (int round = 0; round < 10 && rejected == 0; round++) {
        List<CamundaFuture<ProcessInstanceEvent>> flood = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
          flood.add(
              client.newCreateInstanceCommand().bpmnProcessId("flood").latestVersion().send());
        }
        for (CamundaFuture<ProcessInstanceEvent> future : flood) {
          try {
            accepted.add(future.join().getProcessInstanceKey());
          } catch (ProblemException problem) {
            assertThat(problem.code()).isEqualTo(503);
            assertThat(problem.details().getTitle()).isEqualTo("RESOURCE_EXHAUSTED");
            rejected++;
          }
        }
      }
      assertThat(rejected).as("requests turned away").isPositive();
      assertThat(accepted).as("requests taken").isNotEmpty();

      // Work every job off, with a client that waits its turn on the small queue.
      try (var worker =
          client
              .newWorker()
              .jobType("flood-work")
              .handler((jobClient, job) -> completeUntilTaken(jobClient, job.getKey()))
              .maxJobsActive(1)
              .pollInterval(Duration.ofMillis(50))
              .open()) {
        await()
            .atMost(Duration.ofSeconds(60))
            .ignoreException(ProblemException.class) // a search turned away by the full queue
            .untilAsserted(
                () -> {
                  Set<Long> completed = new HashSet<>();
                  Set<Long> all = new HashSet<>();
                  for (var instance :
                      client
                          .newProcessInstanceSearchRequest()
                          .filter(f -> f.processDefinitionId("flood"))
                          .page(p -> p.limit(10_000))
                          .send()
                          .join()
                          .items()) {
                    all.add(instance.getProcessInstanceKey());
                    if (instance.getState() == ProcessInstanceState.COMPLETED) {
                      completed.add(instance.getProcessInstanceKey());
                    }
                  }
                  assertThat(all).as("instances that exist").isEqualTo(accepted);
                  assertThat(completed).as("instances completed").isEqualTo(accepted);
                });
      }
    }
  }

  private static void completeUntilTaken(io.camunda.client.api.worker.JobClient jobs, long key)
      throws InterruptedException {
    while (true) {
      try {
        jobs.newCompleteCommand(key).send().join();
        return;
      } catch (ProblemException problem) {
        if (problem.code() != 503) {
          throw problem;
        }
        Thread.sleep(20);
      }
    }
  }
}
