package io.rollgate.engine.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.command.ProblemException;
import io.camunda.client.api.response.DeploymentEvent;
import io.camunda.client.api.response.EvaluateDecisionResponse;
import io.camunda.client.api.search.response.DecisionInstance;
import io.camunda.client.api.search.response.DecisionInstanceState;
import io.camunda.zeebe.model.bpmn.Bpmn;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Decisions: the release risk table a business rule task consults before the go/no-go. */
class DecisionsIT {
  @RegisterExtension static final EngineExtension ENGINE = new EngineExtension();

  private final CamundaClient client = ENGINE.client();
  private final Processes processes = new Processes(client);

  private static String riskDmn() {
    try (InputStream in = DecisionsIT.class.getResourceAsStream("/dmn/release-risk.dmn")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private DeploymentEvent deployDmn(String dmn) {
    return client
        .newDeployResourceCommand()
        .addResourceStringUtf8(dmn, "release-risk.dmn")
        .send()
        .join();
  }

  private void deployRiskProcess() {
    ENGINE.deploy(
        Bpmn.createExecutableProcess("assess-risk")
            .startEvent()
            .businessRuleTask(
                "assess", t -> t.zeebeCalledDecisionId("risk-level").zeebeResultVariable("risk"))
            .endEvent()
            .done());
  }

  @BeforeEach
  void purge() {
    ENGINE.purge();
  }

  @Test
  void deployingDmnRegistersTheGraphAndEachDecisionOnceUntilItChanges() {
    // when
    DeploymentEvent first = deployDmn(riskDmn());
    DeploymentEvent same = deployDmn(riskDmn());
    DeploymentEvent changed = deployDmn(riskDmn().replace("\"critical\"", "\"severe\""));

    // then
    assertThat(first.getDecisionRequirements())
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.getDmnDecisionRequirementsId()).isEqualTo("release-risk");
              assertThat(r.getDmnDecisionRequirementsName()).isEqualTo("Release risk");
              assertThat(r.getVersion()).isEqualTo(1);
              assertThat(r.getResourceName()).isEqualTo("release-risk.dmn");
            });
    assertThat(first.getDecisions())
        .extracting(d -> d.getDmnDecisionId() + ":" + d.getVersion())
        .containsExactlyInAnyOrder("risk-level:1", "change-size:1");
    assertThat(same.getDecisions())
        .extracting(d -> d.getDecisionKey())
        .containsExactlyInAnyOrderElementsOf(
            first.getDecisions().stream().map(d -> d.getDecisionKey()).toList());
    assertThat(changed.getDecisions())
        .extracting(d -> d.getDmnDecisionId() + ":" + d.getVersion())
        .containsExactlyInAnyOrder("risk-level:2", "change-size:2");
  }

  @Test
  void evaluatingADecisionReturnsItsOutputAndEveryDecisionItRequired() {
    // given
    deployDmn(riskDmn());

    // when
    EvaluateDecisionResponse result =
        client
            .newEvaluateDecisionCommand()
            .decisionId("risk-level")
            .variables(Map.of("files", 42, "freeze", false))
            .send()
            .join();

    // then
    assertThat(result.getDecisionOutput()).isEqualTo("{\"level\":\"high\",\"cab\":true}");
    assertThat(result.getFailureMessage()).isNull();
    assertThat(result.getDecisionRequirementsId()).isEqualTo("release-risk");
    assertThat(result.getEvaluatedDecisions())
        .extracting(d -> d.getDecisionId() + "=" + d.getDecisionOutput())
        .containsExactly("change-size=\"large\"", "risk-level={\"level\":\"high\",\"cab\":true}");
    var table = result.getEvaluatedDecisions().get(1);
    assertThat(table.getDecisionType()).isEqualTo("DECISION_TABLE");
    assertThat(table.getEvaluatedInputs())
        .extracting(i -> i.getInputName() + "=" + i.getInputValue())
        .containsExactly("Change size=\"large\"", "Release freeze=false");
    assertThat(table.getMatchedRules())
        .singleElement()
        .satisfies(
            rule -> {
              assertThat(rule.getRuleId()).isEqualTo("large-change");
              assertThat(rule.getRuleIndex()).isEqualTo(2);
              assertThat(rule.getEvaluatedOutputs())
                  .extracting(o -> o.getOutputName() + "=" + o.getOutputValue())
                  .containsExactly("level=\"high\"", "cab=true");
            });
  }

  @Test
  void aFailedEvaluationSaysWhichDecisionFailedAndWhy() {
    // given a large change during a freeze matches two rules of a UNIQUE table
    deployDmn(riskDmn());

    // when
    EvaluateDecisionResponse result =
        client
            .newEvaluateDecisionCommand()
            .decisionId("risk-level")
            .variables(Map.of("files", 42, "freeze", true))
            .send()
            .join();

    // then
    assertThat(result.getDecisionOutput()).isNull();
    assertThat(result.getFailedDecisionId()).isEqualTo("risk-level");
    assertThat(result.getFailureMessage()).contains("UNIQUE");
    List<DecisionInstance> instances =
        client
            .newDecisionInstanceSearchRequest()
            .filter(f -> f.decisionInstanceKey(result.getDecisionEvaluationKey()))
            .send()
            .join()
            .items();
    assertThat(instances)
        .extracting(i -> i.getDecisionDefinitionId() + ":" + i.getState())
        .containsExactlyInAnyOrder("change-size:EVALUATED", "risk-level:FAILED");
  }

  @Test
  void unknownDecisionsAndInvalidDmnAreRefusedWithAClearMessage() {
    assertThatThrownBy(() -> client.newEvaluateDecisionCommand().decisionId("nope").send().join())
        .isInstanceOfSatisfying(
            ProblemException.class,
            e -> {
              assertThat(e.code()).isEqualTo(404);
              assertThat(e.details().getDetail()).contains("No decision with id 'nope'");
            });
    assertThatThrownBy(() -> deployDmn("<definitions>not dmn"))
        .isInstanceOfSatisfying(
            ProblemException.class,
            e -> {
              assertThat(e.code()).isEqualTo(400);
              assertThat(e.details().getDetail())
                  .contains("'release-risk.dmn' is not a deployable DMN resource");
            });
  }

  @Test
  void businessRuleTaskStoresTheResultAndRecordsTheDecisionInstances() {
    // given
    deployDmn(riskDmn());
    deployRiskProcess();

    // when
    long instance = processes.start("assess-risk", Map.of("files", 3, "freeze", false));

    // then
    processes.awaitCompleted(instance);
    assertThat(processes.rootVariables(instance))
        .containsEntry("risk", "{\"level\":\"low\",\"cab\":false}");
    List<DecisionInstance> instances =
        client
            .newDecisionInstanceSearchRequest()
            .filter(f -> f.processInstanceKey(instance))
            .send()
            .join()
            .items();
    assertThat(instances)
        .extracting(DecisionInstance::getDecisionDefinitionId)
        .containsExactlyInAnyOrder("change-size", "risk-level");
    DecisionInstance table =
        instances.stream()
            .filter(i -> i.getDecisionDefinitionId().equals("risk-level"))
            .findFirst()
            .orElseThrow();
    assertThat(table.getState()).isEqualTo(DecisionInstanceState.EVALUATED);
    assertThat(table.getResult()).isEqualTo("{\"level\":\"low\",\"cab\":false}");
    DecisionInstance detailed =
        client.newDecisionInstanceGetRequest(table.getDecisionInstanceId()).send().join();
    assertThat(detailed.getMatchedRules())
        .singleElement()
        .satisfies(r -> assertThat(r.getRuleId()).isEqualTo("small-change"));
    assertThat(detailed.getElementInstanceKey()).isNotNull();
  }

  @Test
  void aMissingDecisionIsAnIncidentThatResolvesOnceItIsDeployed() {
    // given
    deployRiskProcess();
    long instance = processes.start("assess-risk", Map.of("files", 3, "freeze", true));
    var incident = processes.awaitIncident(instance);
    assertThat(incident.getErrorType().name()).isEqualTo("CALLED_DECISION_ERROR");
    assertThat(incident.getErrorMessage()).contains("no decision found for id 'risk-level'");

    // when
    deployDmn(riskDmn());
    client.newResolveIncidentCommand(incident.getIncidentKey()).send().join();

    // then
    processes.awaitCompleted(instance);
    assertThat(processes.rootVariables(instance))
        .containsEntry("risk", "{\"level\":\"blocked\",\"cab\":true}");
  }

  @Test
  void aFailingEvaluationIsAnIncidentAndRetriesWithCorrectedVariables() {
    // given
    deployDmn(riskDmn());
    deployRiskProcess();
    long instance = processes.start("assess-risk", Map.of("files", 42, "freeze", true));
    var incident = processes.awaitIncident(instance);
    assertThat(incident.getErrorType().name()).isEqualTo("DECISION_EVALUATION_ERROR");
    assertThat(incident.getErrorMessage()).startsWith("Expected to evaluate decision 'risk-level'");

    // when
    client.newSetVariablesCommand(instance).variables(Map.of("freeze", false)).send().join();
    client.newResolveIncidentCommand(incident.getIncidentKey()).send().join();

    // then
    processes.awaitCompleted(instance);
    assertThat(processes.rootVariables(instance))
        .containsEntry("risk", "{\"level\":\"high\",\"cab\":true}");
  }

  @Test
  void decisionIdMayBeAnExpressionAndTheLatestVersionIsEvaluated() {
    // given
    deployDmn(riskDmn());
    deployDmn(riskDmn().replace("\"low\"", "\"minimal\""));
    ENGINE.deploy(
        Bpmn.createExecutableProcess("assess-by-name")
            .startEvent()
            .businessRuleTask(
                "assess",
                t -> t.zeebeCalledDecisionIdExpression("table").zeebeResultVariable("risk"))
            .endEvent()
            .done());

    // when
    long instance =
        processes.start(
            "assess-by-name", Map.of("table", "risk-level", "files", 1, "freeze", false));

    // then
    processes.awaitCompleted(instance);
    assertThat(processes.rootVariables(instance))
        .containsEntry("risk", "{\"level\":\"minimal\",\"cab\":false}");
  }

  @Test
  void deploymentBindingEvaluatesTheDecisionDeployedWithTheProcess() {
    // given the process deployed with one version of the table, then a newer table alone
    client
        .newDeployResourceCommand()
        .addProcessModel(
            Bpmn.createExecutableProcess("assess-bound")
                .startEvent()
                .businessRuleTask(
                    "assess",
                    t ->
                        t.zeebeCalledDecisionId("risk-level")
                            .zeebeResultVariable("risk")
                            .zeebeBindingType(
                                io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeBindingType
                                    .deployment))
                .endEvent()
                .done(),
            "assess-bound.bpmn")
        .addResourceStringUtf8(riskDmn(), "release-risk.dmn")
        .send()
        .join();
    deployDmn(riskDmn().replace("\"low\"", "\"minimal\""));

    // when
    long instance = processes.start("assess-bound", Map.of("files", 1, "freeze", false));

    // then
    processes.awaitCompleted(instance);
    assertThat(processes.rootVariables(instance))
        .containsEntry("risk", "{\"level\":\"low\",\"cab\":false}");
  }

  @Test
  void deploymentBindingWithoutTheDecisionInTheDeploymentIsAnIncident() {
    // given
    deployDmn(riskDmn());
    ENGINE.deploy(
        Bpmn.createExecutableProcess("assess-unbound")
            .startEvent()
            .businessRuleTask(
                "assess",
                t ->
                    t.zeebeCalledDecisionId("risk-level")
                        .zeebeResultVariable("risk")
                        .zeebeBindingType(
                            io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeBindingType.deployment))
            .endEvent()
            .done());

    // when
    long instance = processes.start("assess-unbound", Map.of("files", 1, "freeze", false));

    // then
    var incident = processes.awaitIncident(instance);
    assertThat(incident.getErrorType().name()).isEqualTo("CALLED_DECISION_ERROR");
    assertThat(incident.getErrorMessage()).contains("binding type 'deployment'");
  }

  /** The risk table with a {@code zeebe:versionTag} on its risk-level decision. */
  private static String taggedRiskDmn(String tag, String lowLevel) {
    return riskDmn()
        .replace(
            "<definitions xmlns=\"https://www.omg.org/spec/DMN/20191111/MODEL/\"",
            "<definitions xmlns=\"https://www.omg.org/spec/DMN/20191111/MODEL/\""
                + " xmlns:zeebe=\"http://camunda.org/schema/zeebe/1.0\"")
        .replace(
            "<decision id=\"risk-level\" name=\"Risk level\">",
            "<decision id=\"risk-level\" name=\"Risk level\"><extensionElements>"
                + "<zeebe:versionTag value=\""
                + tag
                + "\"/></extensionElements>")
        .replace("\"low\"", "\"" + lowLevel + "\"");
  }

  private void deployTaggedRiskProcess(String versionTag) {
    ENGINE.deploy(
        Bpmn.createExecutableProcess("assess-tagged")
            .startEvent()
            .businessRuleTask(
                "assess",
                t ->
                    t.zeebeCalledDecisionId("risk-level")
                        .zeebeResultVariable("risk")
                        .zeebeBindingType(
                            io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeBindingType.versionTag)
                        .zeebeVersionTag(versionTag))
            .endEvent()
            .done());
  }

  @Test
  void versionTagBindingEvaluatesTheLatestDecisionWithThatTag() {
    // given v1, then v2, then v1 again (a newer version with the same tag), then an untagged one
    deployDmn(taggedRiskDmn("v1", "low-v1"));
    deployDmn(taggedRiskDmn("v2", "low-v2"));
    deployDmn(taggedRiskDmn("v1", "low-v1-fixed"));
    deployDmn(riskDmn().replace("\"low\"", "\"untagged\""));
    deployTaggedRiskProcess("v1");

    // when
    long instance = processes.start("assess-tagged", Map.of("files", 1, "freeze", false));

    // then
    processes.awaitCompleted(instance);
    assertThat(processes.rootVariables(instance))
        .containsEntry("risk", "{\"level\":\"low-v1-fixed\",\"cab\":false}");
    assertThat(
            client
                .newDecisionInstanceSearchRequest()
                .filter(f -> f.processInstanceKey(instance).decisionDefinitionId("risk-level"))
                .send()
                .join()
                .items())
        .singleElement()
        .satisfies(d -> assertThat(d.getDecisionDefinitionVersion()).isEqualTo(3));
  }

  @Test
  void aDecisionVersionTagNobodyDeployedIsAnIncidentThatResolvesOnceItIsDeployed() {
    // given
    deployDmn(taggedRiskDmn("v1", "low-v1"));
    deployTaggedRiskProcess("v2");
    long instance = processes.start("assess-tagged", Map.of("files", 1, "freeze", false));
    var incident = processes.awaitIncident(instance);
    assertThat(incident.getErrorType().name()).isEqualTo("CALLED_DECISION_ERROR");
    assertThat(incident.getErrorMessage())
        .contains("version tag 'v2'")
        .contains("binding type 'versionTag'");

    // when
    deployDmn(taggedRiskDmn("v2", "low-v2"));
    client.newResolveIncidentCommand(incident.getIncidentKey()).send().join();

    // then
    processes.awaitCompleted(instance);
    assertThat(processes.rootVariables(instance))
        .containsEntry("risk", "{\"level\":\"low-v2\",\"cab\":false}");
  }

  @Test
  void decisionsAndTheirInstancesSurviveARestart() {
    // given
    deployDmn(riskDmn());
    EvaluateDecisionResponse before =
        client
            .newEvaluateDecisionCommand()
            .decisionId("risk-level")
            .variables(Map.of("files", 1, "freeze", false))
            .send()
            .join();

    // when
    ENGINE.restart();
    CamundaClient after = ENGINE.client();

    // then
    assertThat(
            after
                .newDecisionInstanceSearchRequest()
                .filter(f -> f.decisionInstanceKey(before.getDecisionEvaluationKey()))
                .send()
                .join()
                .items())
        .hasSize(2);
    assertThat(
            after
                .newEvaluateDecisionCommand()
                .decisionId("risk-level")
                .variables(Map.of("files", 100, "freeze", false))
                .send()
                .join()
                .getDecisionOutput())
        .isEqualTo("{\"level\":\"high\",\"cab\":true}");
  }
}
