package io.rollgate.engine.internal.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.rollgate.engine.internal.feel.Feel;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each element is built with the spec of its kind, holding what the model configures for it. */
class ElementSpecTest {
  private static final String XML =
      """
      <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
          xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="d" targetNamespace="test">
        <bpmn:message id="go" name="go">
          <bpmn:extensionElements><zeebe:subscription correlationKey="=orderId"/></bpmn:extensionElements>
        </bpmn:message>
        <bpmn:error id="rejected" errorCode="REJECTED"/>
        <bpmn:signal id="ping" name="ping"/>
        <bpmn:process id="p" isExecutable="true">
          <bpmn:startEvent id="start"/>
          <bpmn:serviceTask id="work">
            <bpmn:extensionElements>
              <zeebe:taskDefinition type="work" retries="5"/>
              <zeebe:taskHeaders><zeebe:header key="team" value="ops"/></zeebe:taskHeaders>
            </bpmn:extensionElements>
          </bpmn:serviceTask>
          <bpmn:boundaryEvent id="failed" attachedToRef="work">
            <bpmn:errorEventDefinition errorRef="rejected"/>
          </bpmn:boundaryEvent>
          <bpmn:userTask id="approve">
            <bpmn:extensionElements>
              <zeebe:userTask/>
              <zeebe:assignmentDefinition assignee="=owner"/>
            </bpmn:extensionElements>
          </bpmn:userTask>
          <bpmn:userTask id="legacy">
            <bpmn:extensionElements><zeebe:assignmentDefinition assignee="alice"/></bpmn:extensionElements>
          </bpmn:userTask>
          <bpmn:scriptTask id="calc">
            <bpmn:extensionElements><zeebe:script expression="=1 + 1" resultVariable="sum"/></bpmn:extensionElements>
          </bpmn:scriptTask>
          <bpmn:businessRuleTask id="assess">
            <bpmn:extensionElements>
              <zeebe:calledDecision decisionId="risk" resultVariable="risk" bindingType="deployment"/>
            </bpmn:extensionElements>
          </bpmn:businessRuleTask>
          <bpmn:callActivity id="call">
            <bpmn:extensionElements>
              <zeebe:calledElement processId="child" propagateAllChildVariables="false"/>
            </bpmn:extensionElements>
          </bpmn:callActivity>
          <bpmn:intermediateCatchEvent id="wait"><bpmn:messageEventDefinition messageRef="go"/></bpmn:intermediateCatchEvent>
          <bpmn:intermediateCatchEvent id="sleep">
            <bpmn:timerEventDefinition><bpmn:timeDuration>PT1M</bpmn:timeDuration></bpmn:timerEventDefinition>
          </bpmn:intermediateCatchEvent>
          <bpmn:intermediateThrowEvent id="announce"><bpmn:signalEventDefinition signalRef="ping"/></bpmn:intermediateThrowEvent>
          <bpmn:endEvent id="end"/>
          <bpmn:endEvent id="fail"><bpmn:errorEventDefinition errorRef="rejected"/></bpmn:endEvent>
          <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="work"/>
          <bpmn:sequenceFlow id="f2" sourceRef="work" targetRef="approve"/>
          <bpmn:sequenceFlow id="f3" sourceRef="approve" targetRef="legacy"/>
          <bpmn:sequenceFlow id="f4" sourceRef="legacy" targetRef="calc"/>
          <bpmn:sequenceFlow id="f5" sourceRef="calc" targetRef="assess"/>
          <bpmn:sequenceFlow id="f6" sourceRef="assess" targetRef="call"/>
          <bpmn:sequenceFlow id="f7" sourceRef="call" targetRef="wait"/>
          <bpmn:sequenceFlow id="f8" sourceRef="wait" targetRef="sleep"/>
          <bpmn:sequenceFlow id="f9" sourceRef="sleep" targetRef="announce"/>
          <bpmn:sequenceFlow id="f10" sourceRef="announce" targetRef="end"/>
          <bpmn:sequenceFlow id="f11" sourceRef="failed" targetRef="fail"/>
        </bpmn:process>
      </bpmn:definitions>
      """;

  private final ProcessModel model =
      new ModelTransformer(new Feel(() -> 0L))
          .transform("p.bpmn", XML.getBytes(StandardCharsets.UTF_8))
          .get(0);

  @Test
  void jobsCarryTheirTypeRetriesAndHeaders() {
    // when
    ElementSpec.JobWorker job = model.node("work").spec(ElementSpec.JobWorker.class);

    // then
    assertThat(job.type().source()).isEqualTo("work");
    assertThat(job.retries().source()).isEqualTo("5");
    assertThat(job.headers()).isEqualTo(Map.of("team", "ops"));
    assertThat(model.node("work").customHeaders()).isEqualTo(Map.of("team", "ops"));
  }

  @Test
  void aCamundaUserTaskHasNoJobAndAJobBasedOneHasTheTaskListsJob() {
    // when
    FlowNode camunda = model.node("approve");
    FlowNode jobBased = model.node("legacy");

    // then
    assertThat(camunda.behavior()).isEqualTo(Behavior.USER_TASK);
    assertThat(camunda.spec(ElementSpec.HumanTask.class).job()).isNull();
    assertThat(camunda.spec(ElementSpec.HumanTask.class).assignee()).isNotNull();
    assertThat(jobBased.behavior()).isEqualTo(Behavior.JOB);
    assertThat(jobBased.spec(ElementSpec.HumanTask.class).job().type().source())
        .isEqualTo("io.camunda.zeebe:userTask");
    assertThat(jobBased.spec(ElementSpec.HumanTask.class).assignee().source()).isEqualTo("alice");
  }

  @Test
  void scriptsDecisionsAndCallActivitiesCarryWhatTheyCall() {
    // when
    ElementSpec.Script script = model.node("calc").spec(ElementSpec.Script.class);
    ElementSpec.CalledDecision decision =
        model.node("assess").spec(ElementSpec.CalledDecision.class);
    ElementSpec.CalledProcess called = model.node("call").spec(ElementSpec.CalledProcess.class);

    // then
    assertThat(script.resultVariable()).isEqualTo("sum");
    assertThat(decision.decisionId().source()).isEqualTo("risk");
    assertThat(decision.binding().type()).isEqualTo(Binding.Type.DEPLOYMENT);
    assertThat(called.processId().source()).isEqualTo("child");
    assertThat(called.binding()).isEqualTo(Binding.LATEST);
    assertThat(called.propagateAllParentVariables()).isTrue();
    assertThat(called.propagateAllChildVariables()).isFalse();
  }

  @Test
  void eventsCarryTheirDefinition() {
    // when
    ElementSpec.MessageEvent message = model.node("wait").spec(ElementSpec.MessageEvent.class);
    ElementSpec.TimerEvent timer = model.node("sleep").spec(ElementSpec.TimerEvent.class);
    ElementSpec.SignalEvent signal = model.node("announce").spec(ElementSpec.SignalEvent.class);

    // then
    assertThat(message.name().source()).isEqualTo("go");
    assertThat(message.correlationKey()).isNotNull();
    assertThat(timer.timer().kind()).isEqualTo(TimerDefinition.Kind.DURATION);
    assertThat(signal.name().source()).isEqualTo("ping");
    assertThat(model.node("failed").spec(ElementSpec.ErrorCatch.class).code())
        .isEqualTo("REJECTED");
    assertThat(model.node("fail").spec(ElementSpec.ErrorThrow.class).code().source())
        .isEqualTo("REJECTED");
    assertThat(model.node("start").spec()).isInstanceOf(ElementSpec.Plain.class);
    assertThat(model.node("end").spec()).isInstanceOf(ElementSpec.Plain.class);
  }

  @Test
  void askingForTheSpecOfAnotherKindFails() {
    // when
    Throwable thrown =
        org.assertj.core.api.Assertions.catchThrowable(
            () -> model.node("calc").spec(ElementSpec.JobWorker.class));

    // then
    assertThat(thrown).isInstanceOf(IllegalStateException.class).hasMessageContaining("calc");
    assertThat(List.of(model.node("calc").spec())).hasOnlyElementsOfType(ElementSpec.Script.class);
  }
}
