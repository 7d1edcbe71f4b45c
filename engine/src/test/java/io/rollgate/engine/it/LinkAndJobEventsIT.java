package io.rollgate.engine.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.command.ProblemException;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.search.response.ElementInstance;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.rollgate.engine.testing.RollgateEngineTest;
import io.rollgate.engine.testing.TestEngine;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Link events, and message throw and end events that a worker carries out. */
@RollgateEngineTest
class LinkAndJobEventsIT {
  static TestEngine ENGINE;

  private final CamundaClient client = ENGINE.client();
  private final Processes processes = new Processes(client);

  private static final String NS =
      "xmlns=\"http://www.omg.org/spec/BPMN/20100524/MODEL\""
          + " xmlns:zeebe=\"http://camunda.org/schema/zeebe/1.0\""
          + " targetNamespace=\"http://rollgate.io/test\"";

  private void deployXml(String name, String xml) {
    client.newDeployResourceCommand().addResourceStringUtf8(xml, name).send().join();
  }

  /** A rollout retried through a link pair: the verify step loops back via "RETRY". */
  private static final String RETRY_LOOP =
      """
      <definitions %s>
        <process id="link-retry" isExecutable="true">
          <startEvent id="start"/>
          <sequenceFlow id="f1" sourceRef="start" targetRef="rollout"/>
          <scriptTask id="rollout">
            <extensionElements>
              <zeebe:script expression="=if attempts = null then 1 else attempts + 1"
                            resultVariable="attempts"/>
            </extensionElements>
          </scriptTask>
          <sequenceFlow id="f2" sourceRef="rollout" targetRef="healthy"/>
          <exclusiveGateway id="healthy" default="again"/>
          <sequenceFlow id="done" sourceRef="healthy" targetRef="end">
            <conditionExpression>=attempts &gt;= 3</conditionExpression>
          </sequenceFlow>
          <sequenceFlow id="again" sourceRef="healthy" targetRef="toRetry"/>
          <intermediateThrowEvent id="toRetry">
            <linkEventDefinition name="RETRY"/>
          </intermediateThrowEvent>
          <intermediateCatchEvent id="retry">
            <linkEventDefinition name="RETRY"/>
          </intermediateCatchEvent>
          <sequenceFlow id="f3" sourceRef="retry" targetRef="rollout"/>
          <endEvent id="end"/>
        </process>
      </definitions>
      """
          .formatted(NS);

  @Test
  void linkThrowEventContinuesAtTheCatchEventOfTheSameName() {
    // given
    deployXml("link-retry.bpmn", RETRY_LOOP);

    // when
    long instance = processes.start("link-retry", Map.of());

    // then
    processes.awaitCompleted(instance);
    assertThat(processes.rootVariables(instance)).containsEntry("attempts", "3");
    assertThat(processes.completedElementIds(instance))
        .containsExactly(
            "start", "rollout", "healthy", "toRetry", "retry", "rollout", "healthy", "toRetry",
            "retry", "rollout", "healthy", "end");
    assertThat(processes.elements(instance))
        .filteredOn(e -> e.getElementId().equals("toRetry") || e.getElementId().equals("retry"))
        .extracting(e -> e.getType().name())
        .containsOnly("INTERMEDIATE_THROW_EVENT", "INTERMEDIATE_CATCH_EVENT");
    var taken = client.newProcessInstanceSequenceFlowsRequest(instance).send().join();
    assertThat(taken).extracting(f -> f.getElementId()).contains("again", "f3", "done");
  }

  @Test
  void linksWorkInsideASubProcess() {
    // given
    deployXml(
        "link-sub.bpmn",
        """
        <definitions %s>
          <process id="link-sub" isExecutable="true">
            <startEvent id="start"/>
            <sequenceFlow id="f1" sourceRef="start" targetRef="stage"/>
            <subProcess id="stage">
              <startEvent id="stageStart"/>
              <sequenceFlow id="s1" sourceRef="stageStart" targetRef="jump"/>
              <intermediateThrowEvent id="jump"><linkEventDefinition name="NEXT"/></intermediateThrowEvent>
              <intermediateCatchEvent id="land"><linkEventDefinition name="NEXT"/></intermediateCatchEvent>
              <sequenceFlow id="s2" sourceRef="land" targetRef="approve"/>
              <serviceTask id="approve">
                <extensionElements><zeebe:taskDefinition type="link-approve"/></extensionElements>
              </serviceTask>
              <sequenceFlow id="s3" sourceRef="approve" targetRef="stageEnd"/>
              <endEvent id="stageEnd"/>
            </subProcess>
            <sequenceFlow id="f2" sourceRef="stage" targetRef="end"/>
            <endEvent id="end"/>
          </process>
        </definitions>
        """
            .formatted(NS));

    // when
    long instance = processes.start("link-sub", Map.of());
    processes.complete("link-approve", Map.of("approved", true));

    // then
    processes.awaitCompleted(instance);
    assertThat(processes.rootVariables(instance)).containsEntry("approved", "true");
    assertThat(processes.completedElementIds(instance))
        .contains("jump", "land", "approve", "stage", "end");
  }

  @Test
  void aLinkThrowEventWithoutACatchEventInItsScopeIsRejected() {
    // given a throw whose catch event sits in another scope
    String xml =
        """
        <definitions %s>
          <process id="link-broken" isExecutable="true">
            <startEvent id="start"/>
            <sequenceFlow id="f1" sourceRef="start" targetRef="jumpOut"/>
            <intermediateThrowEvent id="jumpOut"><linkEventDefinition name="ELSEWHERE"/></intermediateThrowEvent>
            <subProcess id="stage">
              <startEvent id="stageStart"/>
              <sequenceFlow id="s1" sourceRef="stageStart" targetRef="stageEnd"/>
              <endEvent id="stageEnd"/>
              <intermediateCatchEvent id="inside"><linkEventDefinition name="ELSEWHERE"/></intermediateCatchEvent>
              <sequenceFlow id="s2" sourceRef="inside" targetRef="stageEnd2"/>
              <endEvent id="stageEnd2"/>
            </subProcess>
          </process>
        </definitions>
        """
            .formatted(NS);

    // when / then
    assertThatThrownBy(() -> deployXml("link-broken.bpmn", xml))
        .isInstanceOfSatisfying(
            ProblemException.class,
            e -> {
              assertThat(e.code()).isEqualTo(400);
              assertThat(e.details().getDetail())
                  .contains("'jumpOut' (intermediateThrowEvent)")
                  .contains("link name 'ELSEWHERE'");
            });
  }

  @Test
  void messageThrowAndEndEventsAreJobsThatCompleteWithTheirWorker() {
    // given
    ENGINE.deploy(
        Bpmn.createExecutableProcess("notify-release")
            .startEvent("start")
            .intermediateThrowEvent(
                "announce",
                e ->
                    e.message("release-announced")
                        .zeebeJobType("release-announce")
                        .zeebeJobRetries("2")
                        .zeebeTaskHeader("channel", "#releases")
                        .zeebeInputExpression("version", "releaseVersion")
                        .zeebeOutputExpression("announcementId", "announcement"))
            .endEvent(
                "report",
                e -> e.message("release-reported").zeebeJobTypeExpression("\"report-\" + team"))
            .done());

    // when
    long instance = processes.start("notify-release", Map.of("team", "web", "version", "2.4.0"));
    ActivatedJob announce = processes.activateOne("release-announce");

    // then the throw event waits for its job, which sees its input and headers
    assertThat(announce.getElementId()).isEqualTo("announce");
    assertThat(announce.getRetries()).isEqualTo(2);
    assertThat(announce.getCustomHeaders()).containsEntry("channel", "#releases");
    assertThat(announce.getVariablesAsMap()).containsEntry("releaseVersion", "2.4.0");
    assertThat(processes.activeElementIds(instance)).containsExactly("announce");

    // when
    client.newCompleteCommand(announce).variables(Map.of("announcementId", "a-17")).send().join();
    ActivatedJob report = processes.activateOne("report-web");

    // then the end event waits for its own job
    assertThat(report.getElementId()).isEqualTo("report");
    assertThat(processes.activeElementIds(instance)).containsExactly("report");
    client.newCompleteCommand(report).variables(Map.of("reported", true)).send().join();
    processes.awaitCompleted(instance);
    assertThat(processes.rootVariables(instance))
        .containsEntry("announcement", "\"a-17\"")
        .containsEntry("reported", "true")
        .doesNotContainKey("announcementId");
    assertThat(processes.elements(instance))
        .extracting(ElementInstance::getElementId, e -> e.getType().name())
        .contains(
            org.assertj.core.groups.Tuple.tuple("announce", "INTERMEDIATE_THROW_EVENT"),
            org.assertj.core.groups.Tuple.tuple("report", "END_EVENT"));
  }

  @Test
  void aMessageThrowEventWithoutAJobTypeIsRejected() {
    // given
    var model =
        Bpmn.createExecutableProcess("silent-throw")
            .startEvent()
            .intermediateThrowEvent("tell", e -> e.message("told"))
            .endEvent()
            .done();

    // when / then
    assertThatThrownBy(() -> ENGINE.deploy(model))
        .isInstanceOfSatisfying(
            ProblemException.class,
            e -> {
              assertThat(e.code()).isEqualTo(400);
              assertThat(e.details().getDetail()).contains("'tell' (intermediateThrowEvent)");
            });
  }
}
