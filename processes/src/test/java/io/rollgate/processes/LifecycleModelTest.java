package io.rollgate.processes;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.camunda.zeebe.model.bpmn.instance.EndEvent;
import io.camunda.zeebe.model.bpmn.instance.Error;
import io.camunda.zeebe.model.bpmn.instance.Message;
import io.camunda.zeebe.model.bpmn.instance.Process;
import io.camunda.zeebe.model.bpmn.instance.UserTask;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeAssignmentDefinition;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeCalledDecision;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeCalledElement;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeHeader;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeTaskDefinition;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The names in {@link Lifecycle} are the names in the models, and nothing else is. */
class LifecycleModelTest {

  private static List<BpmnModelInstance> models() {
    List<BpmnModelInstance> models = new ArrayList<>();
    for (String resource : Lifecycle.RESOURCES) {
      if (resource.endsWith(".bpmn")) {
        try (InputStream in = Lifecycle.class.getClassLoader().getResourceAsStream(resource)) {
          assertThat(in).as(resource + " is on the class path").isNotNull();
          models.add(Bpmn.readModelFromStream(in));
        } catch (java.io.IOException e) {
          throw new IllegalStateException(e);
        }
      }
    }
    return models;
  }

  private static <T extends org.camunda.bpm.model.xml.instance.ModelElementInstance>
      Set<String> collect(Class<T> type, Function<T, String> name) {
    Set<String> names = new TreeSet<>();
    for (BpmnModelInstance model : models()) {
      model.getModelElementsByType(type).forEach(e -> names.add(name.apply(e)));
    }
    return names;
  }

  @Test
  void everyJobTypeInTheModelsIsAConstantAndEveryConstantIsUsed() {
    assertThat(collect(ZeebeTaskDefinition.class, ZeebeTaskDefinition::getType))
        .containsExactlyInAnyOrderElementsOf(
            new TreeSet<>(
                java.util.stream.Stream.concat(
                        Lifecycle.Jobs.ALL.stream(), Lifecycle.Jobs.RECORDING.stream())
                    .toList()));
  }

  @Test
  void everyGateAndEveryEndStateIsRecorded() {
    assertThat(collect(ZeebeHeader.class, h -> h.getKey() + "=" + h.getValue()))
        .containsAll(
            java.util.stream.Stream.concat(
                    Lifecycle.Gates.ALL.stream().map(g -> Lifecycle.Gates.HEADER_GATE + "=" + g),
                    Lifecycle.EndStates.ALL.stream()
                        .map(s -> Lifecycle.EndStates.HEADER_STATE + "=" + s))
                .toList());
  }

  @Test
  void everyEndEventOfTheReleaseIsReachedOnlyThroughItsOutcomeRecord() {
    for (BpmnModelInstance model : models()) {
      for (EndEvent end : model.getModelElementsByType(EndEvent.class)) {
        if (!(end.getParentElement() instanceof Process process)
            || !process.getId().equals(Lifecycle.Processes.RELEASE)) {
          continue;
        }
        assertThat(end.getPreviousNodes().list())
            .as("what leads to end event %s", end.getId())
            .allSatisfy(
                previous ->
                    assertThat(
                            previous.getSingleExtensionElement(ZeebeTaskDefinition.class).getType())
                        .isEqualTo(Lifecycle.Jobs.ROLLGATE_RECORD_OUTCOME));
      }
    }
  }

  @Test
  void processesDecisionsMessagesAndErrorsAreTheConstants() {
    assertThat(collect(Process.class, Process::getId))
        .containsExactlyInAnyOrder(
            Lifecycle.Processes.RELEASE, Lifecycle.Processes.CHANGE_APPROVAL);
    assertThat(collect(ZeebeCalledElement.class, ZeebeCalledElement::getProcessId))
        .containsExactly(Lifecycle.Processes.CHANGE_APPROVAL);
    assertThat(collect(ZeebeCalledDecision.class, ZeebeCalledDecision::getDecisionId))
        .containsExactly(Lifecycle.Decisions.READINESS);
    assertThat(collect(Message.class, Message::getName))
        .containsExactly(Lifecycle.Messages.CAB_DECISION);
    assertThat(collect(Error.class, Error::getErrorCode))
        .containsExactlyInAnyOrderElementsOf(Lifecycle.Errors.ALL);
  }

  @Test
  void theGoNoGoTaskIsOfferedToReleaseManagers() {
    assertThat(collect(UserTask.class, UserTask::getId))
        .containsExactly(Lifecycle.UserTasks.GO_NO_GO);
    assertThat(
            collect(ZeebeAssignmentDefinition.class, ZeebeAssignmentDefinition::getCandidateGroups))
        .containsExactly(Lifecycle.UserTasks.RELEASE_MANAGERS);
  }
}
