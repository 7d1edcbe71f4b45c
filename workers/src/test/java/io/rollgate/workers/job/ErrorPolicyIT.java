package io.rollgate.workers.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.camunda.client.api.search.response.Incident;
import io.camunda.client.api.search.response.Job;
import io.camunda.client.exception.CamundaError;
import io.micrometer.core.instrument.MeterRegistry;
import io.rollgate.connector.NonRetryableException;
import io.rollgate.connector.RetryableException;
import io.rollgate.workers.WorkersOnEngine;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The error policy on the embedded engine: what each worker outcome does to the job. */
class ErrorPolicyIT extends WorkersOnEngine {

  @Autowired MeterRegistry meters;

  @Test
  void completesTheJobWithTheOutputAsVariables() {
    // given
    PROBES.put("R-1", q -> new Answer(q.number() + 1));
    String process = deployOneTask(PROBE);

    // when
    Map<String, Object> result = runToEnd(process, Map.of("releaseId", "R-1", "number", 41));

    // then
    assertThat(result).containsEntry("answer", 42);
    assertThat(visited(process, "done")).isTrue();
  }

  @Test
  void retriesATransientFailureLaterWithoutAnIncident() {
    // given
    PROBES.put(
        "R-2",
        q -> {
          throw new RetryableException(
              "servicenow", 503, "gave up after 3 attempts", Duration.ofMinutes(5), null);
        });
    String process = deployOneTask(PROBE);

    // when
    long instance = start(process, Map.of("releaseId", "R-2", "number", 1));

    // then the 5 minutes asked for hold the job back: no second attempt, no incident
    Job job =
        await().atMost(Duration.ofSeconds(10)).until(() -> failedJob(instance), j -> j != null);
    assertThat(job.getRetries()).isEqualTo(2);
    assertThat(job.getErrorMessage()).isEqualTo("servicenow: gave up after 3 attempts");
    assertThat(incidents(instance)).isEmpty();
  }

  @Test
  void raisesAnIncidentWithTheMessageForAFailureRetriesCannotFix() {
    // given
    PROBES.put(
        "R-5",
        q -> {
          throw new NonRetryableException("servicenow", 403, "Insufficient rights", null);
        });
    String process = deployOneTask(PROBE);

    // when
    long instance = start(process, Map.of("releaseId", "R-5", "number", 1));

    // then
    List<Incident> incidents =
        await().atMost(Duration.ofSeconds(10)).until(() -> incidents(instance), l -> !l.isEmpty());
    assertThat(incidents.get(0).getErrorMessage()).isEqualTo("servicenow: Insufficient rights");
    assertThat(incidents.get(0).getElementId()).isEqualTo("work");
  }

  @Test
  void raisesAnIncidentNamingAMissingVariable() {
    // given
    PROBES.put("R-3", q -> new Answer(0));
    String process = deployOneTask(PROBE);

    // when
    long instance = start(process, Map.of("releaseId", "R-3"));

    // then
    List<Incident> incidents =
        await().atMost(Duration.ofSeconds(10)).until(() -> incidents(instance), l -> !l.isEmpty());
    assertThat(incidents.get(0).getErrorMessage()).isEqualTo("variable 'number' is missing");
  }

  @Test
  void raisesAnIncidentNamingAVariableOfTheWrongType() {
    // given
    PROBES.put("R-6", q -> new Answer(0));
    String process = deployOneTask(PROBE);

    // when
    long instance = start(process, Map.of("releaseId", "R-6", "number", "ten"));

    // then
    List<Incident> incidents =
        await().atMost(Duration.ofSeconds(10)).until(() -> incidents(instance), l -> !l.isEmpty());
    assertThat(incidents.get(0).getErrorMessage())
        .startsWith("variable 'number' is \"ten\"; expected int");
  }

  @Test
  void throwsABusinessOutcomeAsABpmnErrorTheModelCatches() {
    // given
    PROBES.put(
        "R-4",
        q -> {
          throw CamundaError.bpmnError(
              "BUSINESS", "rejected by the CAB", Map.of("reason", "risky"));
        });
    String process = deployOneTask(PROBE);

    // when
    Map<String, Object> result = runToEnd(process, Map.of("releaseId", "R-4", "number", 1));

    // then
    assertThat(visited(process, "handled")).isTrue();
    assertThat(visited(process, "done")).isFalse();
    assertThat(result).containsEntry("reason", "risky");
  }

  @Test
  void countsEachOutcomeInTheStartersJobMetrics() {
    // given
    double completed = count("completed");
    double bpmnErrors = count("bpmn-error");
    double failed = count("failed");
    PROBES.put("R-7", q -> new Answer(1));
    PROBES.put(
        "R-8",
        q -> {
          throw CamundaError.bpmnError("BUSINESS", "no");
        });
    PROBES.put(
        "R-9",
        q -> {
          throw new NonRetryableException("launchdarkly", 401, "Invalid access token", null);
        });
    String process = deployOneTask(PROBE);

    // when
    runToEnd(process, Map.of("releaseId", "R-7", "number", 1));
    runToEnd(process, Map.of("releaseId", "R-8", "number", 1));
    start(process, Map.of("releaseId", "R-9", "number", 1));

    // then
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () -> {
              assertThat(count("completed")).isEqualTo(completed + 1);
              assertThat(count("bpmn-error")).isEqualTo(bpmnErrors + 1);
              assertThat(count("failed")).isEqualTo(failed + 1);
            });
  }

  private double count(String action) {
    var counter =
        meters.find("camunda.job.invocations").tags("action", action, "type", PROBE).counter();
    return counter == null ? 0 : counter.count();
  }

  private Job failedJob(long instance) {
    return client
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

  private List<Incident> incidents(long instance) {
    return client
        .newIncidentSearchRequest()
        .filter(f -> f.processInstanceKey(instance))
        .send()
        .join()
        .items();
  }
}
