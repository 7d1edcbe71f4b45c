package io.rollgate.engine.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.search.enums.ElementInstanceState;
import io.camunda.client.api.search.enums.ProcessInstanceState;
import io.camunda.client.api.search.response.ElementInstance;
import io.camunda.zeebe.model.bpmn.Bpmn;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills the engine process with SIGKILL under load: every acknowledged instance creation and job
 * completion must survive, none may be applied twice, and every instance must then finish.
 */
class CrashRecoveryIT {
  @TempDir Path dataDirectory;
  @TempDir Path logs;

  @Test
  void acknowledgedWorkSurvivesSigkillAndInstancesRunToCompletion() throws Exception {
    // given: an engine process under load from creators and a completing worker
    Set<Long> acknowledgedInstances = ConcurrentHashMap.newKeySet();
    Map<Long, Long> acknowledgedCompletions = new ConcurrentHashMap<>();
    AtomicBoolean loading = new AtomicBoolean(true);
    EngineProcess engine = EngineProcess.start(dataDirectory, logs.resolve("engine-1.log"));
    ExecutorService load = Executors.newFixedThreadPool(4);
    try (CamundaClient client = engine.newClient()) {
      client
          .newDeployResourceCommand()
          .addProcessModel(
              Bpmn.createExecutableProcess("crash")
                  .startEvent()
                  .serviceTask("deploy", t -> t.zeebeJobType("crash-deploy"))
                  .serviceTask("verify", t -> t.zeebeJobType("crash-verify"))
                  .endEvent()
                  .done(),
              "crash.bpmn")
          .send()
          .join();
      for (int i = 0; i < 3; i++) {
        load.submit(
            () -> {
              while (loading.get()) {
                try {
                  acknowledgedInstances.add(
                      client
                          .newCreateInstanceCommand()
                          .bpmnProcessId("crash")
                          .latestVersion()
                          .variables(Map.of("n", 1))
                          .send()
                          .join()
                          .getProcessInstanceKey());
                } catch (RuntimeException engineGone) {
                  return;
                }
              }
            });
      }
      load.submit(
          () -> {
            while (loading.get()) {
              try {
                for (ActivatedJob job :
                    client
                        .newActivateJobsCommand()
                        .jobType("crash-deploy")
                        .maxJobsToActivate(8)
                        .timeout(Duration.ofSeconds(3))
                        .requestTimeout(Duration.ofMillis(200))
                        .send()
                        .join()
                        .getJobs()) {
                  client
                      .newCompleteCommand(job)
                      .variables(Map.of("deployedBy", job.getKey()))
                      .send()
                      .join();
                  acknowledgedCompletions.put(job.getKey(), job.getProcessInstanceKey());
                }
              } catch (RuntimeException engineGone) {
                return;
              }
            }
          });

      // when: SIGKILL in the middle of it
      await().atMost(Duration.ofSeconds(60)).until(() -> acknowledgedCompletions.size() >= 100);
      engine.kill();
      loading.set(false);
      load.shutdown();
      assertThat(load.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
    }

    // then: after a restart on the same data, everything acknowledged is there exactly once
    try (EngineProcess restarted =
            EngineProcess.start(dataDirectory, logs.resolve("engine-2.log"));
        CamundaClient client = restarted.newClient()) {
      for (long instanceKey : acknowledgedInstances) {
        assertThat(
                client
                    .newProcessInstanceGetRequest(instanceKey)
                    .send()
                    .join()
                    .getProcessInstanceKey())
            .isEqualTo(instanceKey);
      }
      for (Map.Entry<Long, Long> completion : acknowledgedCompletions.entrySet()) {
        List<ElementInstance> deploySteps = elements(client, completion.getValue(), "deploy");
        assertThat(deploySteps).as("deploy step of instance %s", completion.getValue()).hasSize(1);
        assertThat(deploySteps.get(0).getState()).isEqualTo(ElementInstanceState.COMPLETED);
      }
      long total =
          client
              .newProcessInstanceSearchRequest()
              .filter(f -> f.processDefinitionId("crash"))
              .send()
              .join()
              .page()
              .totalItems();
      assertThat(total).isGreaterThanOrEqualTo(acknowledgedInstances.size());

      // and every instance runs to completion (jobs the killed worker held come back after 3 s)
      for (String type : List.of("crash-deploy", "crash-verify")) {
        client
            .newWorker()
            .jobType(type)
            .handler((jc, job) -> jc.newCompleteCommand(job).send().join())
            .maxJobsActive(32)
            .timeout(Duration.ofMinutes(1))
            .open();
      }
      await()
          .atMost(Duration.ofSeconds(90))
          .untilAsserted(
              () ->
                  assertThat(
                          client
                              .newProcessInstanceSearchRequest()
                              .filter(
                                  f ->
                                      f.processDefinitionId("crash")
                                          .state(ProcessInstanceState.ACTIVE))
                              .send()
                              .join()
                              .page()
                              .totalItems())
                      .isZero());
      List<Long> sample =
          new ArrayList<>(acknowledgedInstances)
              .subList(0, Math.min(20, acknowledgedInstances.size()));
      for (long instanceKey : sample) {
        assertThat(elements(client, instanceKey, "deploy")).hasSize(1);
        assertThat(elements(client, instanceKey, "verify")).hasSize(1);
      }
    } finally {
      if (Files.exists(logs.resolve("engine-2.log"))) {
        System.out.println(Files.readString(logs.resolve("engine-2.log")));
      }
    }
  }

  private static List<ElementInstance> elements(
      CamundaClient client, long instanceKey, String elementId) {
    return client
        .newElementInstanceSearchRequest()
        .filter(f -> f.processInstanceKey(instanceKey).elementId(elementId))
        .send()
        .join()
        .items();
  }
}
