package io.rollgate.engine.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.command.ProblemException;
import io.camunda.client.api.search.enums.UserTaskState;
import io.camunda.client.api.search.response.UserTask;
import io.camunda.client.api.search.response.Variable;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.rollgate.engine.testing.RollgateEngineTest;
import io.rollgate.engine.testing.TestEngine;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a user task's form can show: the variables visible from the task. */
@RollgateEngineTest
class UserTaskVariablesIT {
  static TestEngine ENGINE;

  private final CamundaClient client = ENGINE.client();
  private final Processes processes = new Processes(client);
  private final HttpClient http = HttpClient.newHttpClient();

  private void deployRolloutDecision() {
    ENGINE.deploy(
        Bpmn.createExecutableProcess("task-variables-rollout")
            .startEvent()
            .subProcess(
                "rollout",
                s ->
                    s.zeebeInputExpression("2", "wave")
                        .zeebeInputExpression("\"degraded\"", "verdict"))
            .embeddedSubProcess()
            .startEvent()
            .userTask("decide-rollout", u -> u.zeebeUserTask())
            .endEvent()
            .subProcessDone()
            .userTask("sign-off", u -> u.zeebeUserTask())
            .endEvent()
            .done());
  }

  private UserTask openTask(long instance) {
    return client
        .newUserTaskSearchRequest()
        .filter(f -> f.processInstanceKey(instance).state(UserTaskState.CREATED))
        .send()
        .join()
        .items()
        .get(0);
  }

  private List<Variable> variablesOf(UserTask task) {
    return client
        .newUserTaskVariableSearchRequest(task.getUserTaskKey())
        .withFullValues()
        .send()
        .join()
        .items();
  }

  private HttpResponse<String> post(String path, String body) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(ENGINE.restAddress() + path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void taskInSubProcessSeesItsScopeAndTheProcessEachNameOncePerScope() {
    // given
    deployRolloutDecision();
    long instance =
        processes.start(
            "task-variables-rollout", Map.of("service", "checkout", "verdict", "unknown"));

    // when
    UserTask task = openTask(instance);
    List<Variable> visible = variablesOf(task);

    // then
    long subProcess =
        processes.elements(instance).stream()
            .filter(e -> e.getElementId().equals("rollout"))
            .findFirst()
            .orElseThrow()
            .getElementInstanceKey();
    assertThat(visible)
        .extracting(Variable::getName, Variable::getValue, Variable::getScopeKey)
        .containsExactlyInAnyOrder(
            tuple("service", "\"checkout\"", instance),
            tuple("verdict", "\"unknown\"", instance),
            tuple("wave", "2", subProcess),
            tuple("verdict", "\"degraded\"", subProcess));
    assertThat(visible).allSatisfy(v -> assertThat(v.getProcessInstanceKey()).isEqualTo(instance));
  }

  @Test
  void taskAtProcessLevelSeesOnlyProcessVariables() {
    // given
    deployRolloutDecision();
    long instance =
        processes.start(
            "task-variables-rollout", Map.of("service", "checkout", "verdict", "unknown"));
    client.newCompleteUserTaskCommand(openTask(instance).getUserTaskKey()).send().join();

    // when
    UserTask signOff = openTask(instance);
    List<Variable> visible = variablesOf(signOff);

    // then
    assertThat(signOff.getElementId()).isEqualTo("sign-off");
    assertThat(visible)
        .extracting(Variable::getName, Variable::getScopeKey)
        .containsExactlyInAnyOrder(tuple("service", instance), tuple("verdict", instance));
  }

  @Test
  void filtersByNameAndPages() {
    // given
    deployRolloutDecision();
    long instance =
        processes.start(
            "task-variables-rollout", Map.of("service", "checkout", "verdict", "unknown"));
    UserTask task = openTask(instance);

    // when
    List<Variable> verdicts =
        client
            .newUserTaskVariableSearchRequest(task.getUserTaskKey())
            .filter(f -> f.name("verdict"))
            .sort(s -> s.scopeKey().desc())
            .send()
            .join()
            .items();
    var firstPage =
        client
            .newUserTaskVariableSearchRequest(task.getUserTaskKey())
            .page(p -> p.limit(3))
            .send()
            .join();

    // then
    assertThat(verdicts)
        .extracting(Variable::getValue)
        .containsExactly("\"degraded\"", "\"unknown\"");
    assertThat(firstPage.items()).hasSize(3);
    assertThat(firstPage.page().totalItems()).isEqualTo(4);
  }

  @Test
  void unknownUserTaskIsNotFound() {
    assertThatThrownBy(() -> client.newUserTaskVariableSearchRequest(4_242_424_242L).send().join())
        .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.code()).isEqualTo(404));
  }

  @Test
  void filterOtherThanNameIsRefused() throws Exception {
    // given
    deployRolloutDecision();
    long instance = processes.start("task-variables-rollout", Map.of("service", "checkout"));
    UserTask task = openTask(instance);

    // when
    HttpResponse<String> response =
        post(
            "/v2/user-tasks/" + task.getUserTaskKey() + "/variables/search",
            "{\"filter\":{\"scopeKey\":\"" + instance + "\"}}");

    // then
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    assertThat(response.body()).contains("scopeKey").contains("name");
  }
}
