package io.rollgate.engine.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.search.enums.ElementInstanceState;
import io.camunda.client.api.search.enums.ProcessInstanceState;
import io.camunda.client.api.search.response.ElementInstance;
import io.camunda.client.api.search.response.Incident;
import io.camunda.client.api.search.response.Variable;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Small client-side steps the process tests share. */
final class Processes {
  private final CamundaClient client;

  Processes(CamundaClient client) {
    this.client = client;
  }

  long start(String processId, Map<String, Object> variables) {
    return client
        .newCreateInstanceCommand()
        .bpmnProcessId(processId)
        .latestVersion()
        .variables(variables)
        .send()
        .join()
        .getProcessInstanceKey();
  }

  List<ActivatedJob> activate(String type, int max) {
    return client
        .newActivateJobsCommand()
        .jobType(type)
        .maxJobsToActivate(max)
        .timeout(Duration.ofMinutes(1))
        .requestTimeout(Duration.ofMillis(200))
        .send()
        .join()
        .getJobs();
  }

  ActivatedJob activateOne(String type) {
    List<ActivatedJob> jobs =
        await().atMost(Duration.ofSeconds(5)).until(() -> activate(type, 1), l -> !l.isEmpty());
    return jobs.get(0);
  }

  void complete(String type, Map<String, Object> variables) {
    client.newCompleteCommand(activateOne(type)).variables(variables).send().join();
  }

  ProcessInstanceState state(long instanceKey) {
    return client.newProcessInstanceGetRequest(instanceKey).send().join().getState();
  }

  void awaitCompleted(long instanceKey) {
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () -> assertThat(state(instanceKey)).isEqualTo(ProcessInstanceState.COMPLETED));
  }

  List<ElementInstance> elements(long instanceKey) {
    return client
        .newElementInstanceSearchRequest()
        .filter(f -> f.processInstanceKey(instanceKey))
        .page(p -> p.limit(1000))
        .send()
        .join()
        .items();
  }

  List<String> completedElementIds(long instanceKey) {
    return elements(instanceKey).stream()
        .filter(e -> e.getState() == ElementInstanceState.COMPLETED)
        .map(ElementInstance::getElementId)
        .collect(Collectors.toList());
  }

  List<String> activeElementIds(long instanceKey) {
    return elements(instanceKey).stream()
        .filter(e -> e.getState() == ElementInstanceState.ACTIVE)
        .map(ElementInstance::getElementId)
        .collect(Collectors.toList());
  }

  List<Incident> incidents(long instanceKey) {
    return client
        .newIncidentSearchRequest()
        .filter(f -> f.processInstanceKey(instanceKey))
        .send()
        .join()
        .items();
  }

  Incident awaitIncident(long instanceKey) {
    return await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> incidents(instanceKey), l -> !l.isEmpty())
        .get(0);
  }

  /** Variables of the process instance scope, by name, values as JSON text. */
  Map<String, String> rootVariables(long instanceKey) {
    return client
        .newVariableSearchRequest()
        .filter(f -> f.processInstanceKey(instanceKey).scopeKey(instanceKey))
        .send()
        .join()
        .items()
        .stream()
        .collect(Collectors.toMap(Variable::getName, Variable::getValue));
  }
}
