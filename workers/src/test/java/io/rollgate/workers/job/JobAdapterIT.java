package io.rollgate.workers.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.search.response.Incident;
import io.camunda.client.api.search.response.Job;
import io.camunda.client.api.worker.JobWorker;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.rollgate.connector.NonRetryableException;
import io.rollgate.connector.RetryableException;
import io.rollgate.engine.RollgateEngine;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The error policy on the embedded engine: what each worker outcome does to the job. */
class JobAdapterIT {

  private static final Path DATA = tempDirectory();
  private static final RollgateEngine ENGINE =
      RollgateEngine.builder().dataDirectory(DATA).build().start();
  private static final CamundaClient CLIENT =
      CamundaClient.newClientBuilder()
          .restAddress(ENGINE.restAddress())
          .grpcAddress(URI.create("http://127.0.0.1:1"))
          .preferRestOverGrpc(true)
          .defaultJobWorkerStreamEnabled(false)
          .defaultJobPollInterval(Duration.ofMillis(100))
          .build();
  private static final AtomicInteger PROCESSES = new AtomicInteger();
  private static final RetryBackoff BACKOFF =
      new RetryBackoff(Duration.ofSeconds(10), Duration.ofMinutes(1));

  record Question(String releaseId, int number) {}

  record Answer(int answer) {}

  private JobWorker open;

  @AfterEach
  void closeWorker() {
    if (open != null) {
      open.close();
    }
  }

  @AfterAll
  static void stopEngine() throws IOException {
    CLIENT.close();
    ENGINE.close();
    try (Stream<Path> paths = Files.walk(DATA)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  @Test
  void completesTheJobWithTheOutputAsVariables() {
    // given
    String process = deployWorkerProcess(q -> new Answer(q.number() + 1));

    // when
    Map<String, Object> result =
        CLIENT
            .newCreateInstanceCommand()
            .bpmnProcessId(process)
            .latestVersion()
            .variables(Map.of("releaseId", "R-1", "number", 41))
            .withResult()
            .requestTimeout(Duration.ofSeconds(20))
            .send()
            .join()
            .getVariablesAsMap();

    // then
    assertThat(result).containsEntry("answer", 42);
    assertThat(visited(process, "done")).isTrue();
  }

  @Test
  void retriesATransientFailureLaterWithoutAnIncident() {
    // given
    String process =
        deployWorkerProcess(
            q -> {
              throw new RetryableException(
                  "servicenow", 503, "gave up after 3 attempts", Duration.ofMinutes(5), null);
            });

    // when
    long instance = start(process);

    // then
    Job job =
        await().atMost(Duration.ofSeconds(10)).until(() -> failedJob(instance), j -> j != null);
    assertThat(job.getRetries()).isEqualTo(2);
    assertThat(job.getErrorMessage()).isEqualTo("servicenow: gave up after 3 attempts");
    assertThat(incidents(instance)).isEmpty();
  }

  @Test
  void raisesAnIncidentWithTheMessageForAFailureRetriesCannotFix() {
    // given
    String process =
        deployWorkerProcess(
            q -> {
              throw new NonRetryableException("servicenow", 403, "Insufficient rights", null);
            });

    // when
    long instance = start(process);

    // then
    List<Incident> incidents =
        await().atMost(Duration.ofSeconds(10)).until(() -> incidents(instance), l -> !l.isEmpty());
    assertThat(incidents.get(0).getErrorMessage()).isEqualTo("servicenow: Insufficient rights");
    assertThat(incidents.get(0).getElementId()).isEqualTo("work");
  }

  @Test
  void raisesAnIncidentNamingAMissingVariable() {
    // given
    String process = deployWorkerProcess(q -> new Answer(0));

    // when
    long instance =
        CLIENT
            .newCreateInstanceCommand()
            .bpmnProcessId(process)
            .latestVersion()
            .variables(Map.of("releaseId", "R-3"))
            .send()
            .join()
            .getProcessInstanceKey();

    // then
    List<Incident> incidents =
        await().atMost(Duration.ofSeconds(10)).until(() -> incidents(instance), l -> !l.isEmpty());
    assertThat(incidents.get(0).getErrorMessage()).isEqualTo("variable 'number' is missing");
  }

  @Test
  void throwsABusinessOutcomeAsABpmnErrorTheModelCatches() {
    // given
    String process =
        deployWorkerProcess(
            q -> {
              throw new BpmnError("BUSINESS", "rejected by the CAB", Map.of("reason", "risky"));
            });

    // when
    Map<String, Object> result =
        CLIENT
            .newCreateInstanceCommand()
            .bpmnProcessId(process)
            .latestVersion()
            .variables(Map.of("releaseId", "R-4", "number", 1))
            .withResult()
            .requestTimeout(Duration.ofSeconds(20))
            .send()
            .join()
            .getVariablesAsMap();

    // then
    assertThat(visited(process, "handled")).isTrue();
    assertThat(visited(process, "done")).isFalse();
    assertThat(result).containsEntry("reason", "risky");
  }

  /** start -> work (job) -> done, with an error boundary on work catching BUSINESS -> handled. */
  private String deployWorkerProcess(Function<Question, Answer> behaviour) {
    String id = "adapter-" + PROCESSES.incrementAndGet();
    String type = id + "-job";
    BpmnModelInstance model =
        Bpmn.createExecutableProcess(id)
            .startEvent()
            .serviceTask("work", t -> t.zeebeJobType(type))
            .endEvent("done")
            .moveToActivity("work")
            .boundaryEvent("caught", b -> b.error("BUSINESS"))
            .endEvent("handled")
            .done();
    CLIENT.newDeployResourceCommand().addProcessModel(model, id + ".bpmn").send().join();
    Worker<Question, Answer> worker =
        new Worker<>() {
          @Override
          public String jobType() {
            return type;
          }

          @Override
          public Class<Question> inputType() {
            return Question.class;
          }

          @Override
          public Answer handle(Question input) {
            return behaviour.apply(input);
          }
        };
    JobAdapter<Question, Answer> adapter = new JobAdapter<>(worker, BACKOFF);
    open =
        CLIENT
            .newWorker()
            .jobType(type)
            .handler(adapter)
            .fetchVariables(adapter.fetchVariables())
            .open();
    return id;
  }

  private static long start(String process) {
    return CLIENT
        .newCreateInstanceCommand()
        .bpmnProcessId(process)
        .latestVersion()
        .variables(Map.of("releaseId", "R-2", "number", 1))
        .send()
        .join()
        .getProcessInstanceKey();
  }

  private static Job failedJob(long instance) {
    return CLIENT
        .newJobSearchRequest()
        .filter(f -> f.processInstanceKey(instance))
        .send()
        .join()
        .items()
        .stream()
        .filter(j -> j.getErrorMessage() != null && !j.getErrorMessage().isEmpty())
        .findFirst()
        .orElse(null);
  }

  private static List<Incident> incidents(long instance) {
    return CLIENT
        .newIncidentSearchRequest()
        .filter(f -> f.processInstanceKey(instance))
        .send()
        .join()
        .items();
  }

  private static boolean visited(String process, String elementId) {
    return !CLIENT
        .newElementInstanceSearchRequest()
        .filter(f -> f.processDefinitionId(process).elementId(elementId))
        .send()
        .join()
        .items()
        .isEmpty();
  }

  private static Path tempDirectory() {
    try {
      return Files.createTempDirectory("rollgate-workers");
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
