package io.rollgate.workers.gate;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.camunda.zeebe.model.bpmn.instance.UserTask;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeTaskListener;
import io.rollgate.processes.Lifecycle;
import io.rollgate.processes.Lifecycle.UserTasks;
import io.rollgate.processes.Lifecycle.Variables;
import java.io.InputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DecisionPolicyTest {

  private final DecisionPolicy policy = new DecisionPolicy();

  private static Map<String, Object> completion(String variable, String decision) {
    Map<String, Object> v = new HashMap<>();
    v.put(Variables.REQUESTED_BY, "pat");
    v.put(variable, decision);
    v.put(Variables.JUSTIFICATION, "the change board agreed");
    return v;
  }

  @Test
  void letsAJustifiedDecisionFromTheTasksSetByAnotherPersonThrough() {
    // given
    Map<String, Object> v = completion(Variables.WINDOW_DECISION, "CONTINUE");

    // when / then
    assertThat(policy.denial(UserTasks.HOLD_FOR_WINDOW, v, "rita")).isEmpty();
  }

  @Test
  void refusesTheRequesterOnEveryDecisionTask() {
    // given
    Map<String, Object> window = completion(Variables.WINDOW_DECISION, "CONTINUE");
    Map<String, Object> readiness =
        completion(Variables.READINESS_DECISION_AFTER_CHANGE, "CONTINUE");
    Map<String, Object> rollout = completion(Variables.ROLLOUT_DECISION, "CONTINUE");

    // when / then
    assertThat(policy.denial(UserTasks.HOLD_FOR_WINDOW, window, "Pat"))
        .hasValueSatisfying(r -> assertThat(r).contains("Pat requested this release"));
    assertThat(policy.denial(UserTasks.CONFIRM_READINESS, readiness, "pat"))
        .hasValueSatisfying(r -> assertThat(r).contains("pat requested this release"));
    assertThat(policy.denial(UserTasks.DECIDE_ROLLOUT, rollout, "pat"))
        .hasValueSatisfying(r -> assertThat(r).contains("pat requested this release"));
    assertThat(policy.denial(UserTasks.DECIDE_FLAG_CHANGE, rollout, "pat"))
        .hasValueSatisfying(r -> assertThat(r).contains("pat requested this release"));
  }

  @Test
  void refusesAMissingOrUnknownDecisionAnUnknownApproverAndNoJustification() {
    // given
    Map<String, Object> none = completion(Variables.ROLLOUT_DECISION, null);
    Map<String, Object> misspelled = completion(Variables.READINESS_DECISION_AFTER_CHANGE, "STOP");
    Map<String, Object> unjustified = completion(Variables.WINDOW_DECISION, "STOP");
    unjustified.remove(Variables.JUSTIFICATION);

    // when / then
    assertThat(policy.denial(UserTasks.DECIDE_ROLLOUT, none, "rita"))
        .hasValue("no decision: choose CONTINUE, HOLD, ROLL_BACK");
    assertThat(policy.denial(UserTasks.CONFIRM_READINESS, misspelled, "rita"))
        .hasValueSatisfying(r -> assertThat(r).contains("'STOP' is not one of CONTINUE, ABORT"));
    assertThat(policy.denial(UserTasks.HOLD_FOR_WINDOW, unjustified, "rita"))
        .hasValueSatisfying(r -> assertThat(r).startsWith("a justification is required"));
    assertThat(policy.denial(UserTasks.HOLD_FOR_WINDOW, unjustified, null))
        .hasValueSatisfying(r -> assertThat(r).startsWith("who decides is unknown"));
  }

  @Test
  void guardsExactlyTheTasksTheReleaseModelGivesItsCheck() throws Exception {
    // given
    BpmnModelInstance release;
    try (InputStream in =
        getClass().getClassLoader().getResourceAsStream(Lifecycle.RESOURCES.get(0))) {
      release = Bpmn.readModelFromStream(in);
    }

    // when
    List<String> guarded =
        release.getModelElementsByType(ZeebeTaskListener.class).stream()
            .filter(l -> Lifecycle.Jobs.ROLLGATE_DECISION_CHECK.equals(l.getType()))
            // listener, in listeners, in extension elements, in the user task
            .map(l -> l.getParentElement().getParentElement().getParentElement())
            .map(task -> ((UserTask) task).getId())
            .toList();

    // then
    assertThat(guarded).containsExactlyInAnyOrderElementsOf(DecisionPolicy.tasks());
  }

  @Test
  void refusesATaskItDoesNotKnowRatherThanLettingItThrough() {
    // given
    Map<String, Object> v = completion(Variables.ROLLOUT_DECISION, "CONTINUE");

    // when / then
    assertThat(policy.denial("someOtherTask", v, "rita")).isPresent();
  }
}
