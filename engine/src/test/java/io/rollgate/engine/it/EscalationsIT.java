package io.rollgate.engine.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.client.CamundaClient;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.rollgate.engine.testing.RollgateEngineTest;
import io.rollgate.engine.testing.TestEngine;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Escalations: a stage telling its release that it runs late, without failing. */
@RollgateEngineTest
class EscalationsIT {
  static TestEngine ENGINE;

  private final CamundaClient client = ENGINE.client();
  private final Processes processes = new Processes(client);

  @Test
  void nonInterruptingBoundaryCatchesTheEscalationAndTheThrowerGoesOn() {
    // given
    ENGINE.deploy(
        Bpmn.createExecutableProcess("late-stage")
            .startEvent()
            .subProcess(
                "stage",
                s ->
                    s.embeddedSubProcess()
                        .startEvent()
                        .intermediateThrowEvent("runningLate", e -> e.escalation("STAGE_LATE"))
                        .serviceTask("finish", t -> t.zeebeJobType("esc-finish"))
                        .endEvent())
            .boundaryEvent("lateNoticed", b -> b.escalation("STAGE_LATE").cancelActivity(false))
            .serviceTask("tellManager", t -> t.zeebeJobType("esc-tell"))
            .endEvent("told")
            .moveToActivity("stage")
            .endEvent("released")
            .done());

    // when
    long instance = processes.start("late-stage", Map.of());

    // then both paths wait for their workers
    processes.complete("esc-tell", Map.of("told", true));
    processes.complete("esc-finish", Map.of("finished", true));
    processes.awaitCompleted(instance);
    assertThat(processes.completedElementIds(instance))
        .contains("runningLate", "lateNoticed", "tellManager", "finish", "stage", "released");
    assertThat(processes.rootVariables(instance))
        .containsEntry("told", "true")
        .containsEntry("finished", "true");
  }

  @Test
  void interruptingBoundaryEndsTheSubProcess() {
    // given
    ENGINE.deploy(
        Bpmn.createExecutableProcess("abandon-stage")
            .startEvent()
            .subProcess(
                "stage",
                s ->
                    s.embeddedSubProcess()
                        .startEvent()
                        .parallelGateway("fork")
                        .serviceTask("slowCheck", t -> t.zeebeJobType("esc-slow"))
                        .endEvent()
                        .moveToNode("fork")
                        .endEvent("giveUp", e -> e.escalation("GIVE_UP")))
            .boundaryEvent("abandoned", b -> b.escalation("GIVE_UP"))
            .endEvent("stopped")
            .moveToActivity("stage")
            .endEvent("released")
            .done());

    // when
    long instance = processes.start("abandon-stage", Map.of());

    // then
    processes.awaitCompleted(instance);
    assertThat(processes.completedElementIds(instance))
        .contains("abandoned", "stopped")
        .doesNotContain("released", "giveUp", "stage");
    assertThat(processes.activate("esc-slow", 1)).isEmpty();
  }

  @Test
  void eventSubProcessCatchesEveryEscalationAndAnUncaughtOneIsNoIncident() {
    // given a catch-all event sub-process, and a process with no catcher at all
    ENGINE.deploy(
        Bpmn.createExecutableProcess("escalation-log")
            .eventSubProcess(
                "log",
                e ->
                    e.startEvent("anyEscalation")
                        .escalation()
                        .interrupting(false)
                        .serviceTask("record", t -> t.zeebeJobType("esc-record"))
                        .endEvent())
            .startEvent()
            .subProcess(
                "stage",
                s ->
                    s.embeddedSubProcess()
                        .startEvent()
                        .intermediateThrowEvent(
                            "warn", e -> e.escalationExpression("\"SLOW_\" + component"))
                        .endEvent())
            .serviceTask("approve", t -> t.zeebeJobType("esc-approve"))
            .endEvent()
            .done());
    ENGINE.deploy(
        Bpmn.createExecutableProcess("escalation-unheard")
            .startEvent()
            .intermediateThrowEvent("shout", e -> e.escalation("NOBODY"))
            .endEvent("quiet")
            .done());

    // when
    long logged = processes.start("escalation-log", Map.of("component", "db"));
    long unheard = processes.start("escalation-unheard", Map.of());

    // then
    processes.complete("esc-record", Map.of("recorded", true));
    processes.complete("esc-approve", Map.of());
    processes.awaitCompleted(logged);
    assertThat(processes.completedElementIds(logged))
        .contains("warn", "stage", "anyEscalation", "record", "approve");
    assertThat(processes.rootVariables(logged)).containsEntry("recorded", "true");
    processes.awaitCompleted(unheard);
    assertThat(processes.completedElementIds(unheard)).contains("shout", "quiet");
    assertThat(processes.incidents(unheard)).isEmpty();
  }

  @Test
  void anEscalationFromACalledProcessReachesTheCallActivity() {
    // given
    ENGINE.deploy(
        Bpmn.createExecutableProcess("esc-child")
            .startEvent()
            .endEvent("blocked", e -> e.escalation("NEEDS_APPROVAL"))
            .done());
    ENGINE.deploy(
        Bpmn.createExecutableProcess("esc-parent")
            .startEvent()
            .callActivity("runChild", c -> c.zeebeProcessId("esc-child"))
            .boundaryEvent("needsApproval", b -> b.escalation("NEEDS_APPROVAL"))
            .endEvent("escalated")
            .moveToActivity("runChild")
            .endEvent("done")
            .done());

    // when
    long instance = processes.start("esc-parent", Map.of());

    // then
    processes.awaitCompleted(instance);
    assertThat(processes.completedElementIds(instance))
        .contains("needsApproval", "escalated")
        .doesNotContain("done");
  }

  @Test
  void anEscalationBoundaryOnATaskIsRejected() {
    // given
    var model =
        Bpmn.createExecutableProcess("esc-on-task")
            .startEvent()
            .serviceTask("deploy", t -> t.zeebeJobType("esc-deploy"))
            .boundaryEvent("late", b -> b.escalation("LATE"))
            .endEvent()
            .moveToActivity("deploy")
            .endEvent()
            .done();

    // when / then
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> ENGINE.deploy(model))
        .isInstanceOfSatisfying(
            io.camunda.client.api.command.ProblemException.class,
            e -> {
              assertThat(e.code()).isEqualTo(400);
              assertThat(e.details().getDetail()).contains("'late' (boundaryEvent)");
            });
  }
}
