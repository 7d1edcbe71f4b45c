package io.rollgate.engine.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.rollgate.engine.feel.Feel;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** What the engine cannot run is refused at deploy time, naming the element. */
class UnsupportedElementsTest {
  private final ModelTransformer transformer = new ModelTransformer(new Feel(() -> 0L));

  private void assertRefused(BpmnModelInstance model, String elementId, String type) {
    byte[] xml = Bpmn.convertToString(model).getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> transformer.transform("p.bpmn", xml))
        .isInstanceOfSatisfying(
            InvalidModelException.class,
            e ->
                assertThat(e.problems())
                    .anySatisfy(
                        p -> {
                          assertThat(p.elementId()).isEqualTo(elementId);
                          assertThat(p.elementType()).isEqualTo(type);
                        }));
  }

  @Test
  void conditionalEventsAndCompensationEventSubProcessesAreRefused() {
    assertRefused(
        Bpmn.createExecutableProcess("p")
            .startEvent()
            .intermediateCatchEvent("waitFor")
            .condition("=ready")
            .endEvent()
            .done(),
        "waitFor",
        "intermediateCatchEvent");
    assertRefused(
        Bpmn.createExecutableProcess("p")
            .eventSubProcess("onUndo", e -> e.startEvent("undo").compensation().endEvent())
            .startEvent()
            .endEvent()
            .done(),
        "undo",
        "startEvent");
  }

  @Test
  void versionTagBindingWithoutAVersionTagIsRefused() {
    assertRefused(
        Bpmn.createExecutableProcess("p")
            .startEvent()
            .businessRuleTask(
                "assess",
                b ->
                    b.zeebeCalledDecisionId("risk")
                        .zeebeResultVariable("risk")
                        .zeebeBindingType(
                            io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeBindingType.versionTag))
            .endEvent()
            .done(),
        "assess",
        "businessRuleTask");
    assertRefused(
        Bpmn.createExecutableProcess("p")
            .startEvent()
            .userTask(
                "review",
                u ->
                    u.zeebeUserTask()
                        .zeebeFormId("f")
                        .zeebeFormBindingType(
                            io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeBindingType.versionTag))
            .endEvent()
            .done(),
        "review",
        "userTask");
  }

  @Test
  void escalationStartOutsideAnEventSubProcessAndLinkWithoutCatchAreRefused() {
    assertRefused(
        Bpmn.createExecutableProcess("p")
            .startEvent("onEscalation")
            .escalation("X")
            .endEvent()
            .done(),
        "onEscalation",
        "startEvent");
    assertRefused(
        Bpmn.createExecutableProcess("p")
            .startEvent()
            .intermediateThrowEvent("jump")
            .link("NOWHERE")
            .done(),
        "jump",
        "intermediateThrowEvent");
  }
}
