package io.rollgate.processes;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.camunda.zeebe.model.bpmn.instance.BoundaryEvent;
import io.camunda.zeebe.model.bpmn.instance.EndEvent;
import io.camunda.zeebe.model.bpmn.instance.Error;
import io.camunda.zeebe.model.bpmn.instance.Escalation;
import io.camunda.zeebe.model.bpmn.instance.EventBasedGateway;
import io.camunda.zeebe.model.bpmn.instance.FlowNode;
import io.camunda.zeebe.model.bpmn.instance.Gateway;
import io.camunda.zeebe.model.bpmn.instance.Message;
import io.camunda.zeebe.model.bpmn.instance.ParallelGateway;
import io.camunda.zeebe.model.bpmn.instance.Process;
import io.camunda.zeebe.model.bpmn.instance.SequenceFlow;
import io.camunda.zeebe.model.bpmn.instance.StartEvent;
import io.camunda.zeebe.model.bpmn.instance.SubProcess;
import io.camunda.zeebe.model.bpmn.instance.UserTask;
import io.camunda.zeebe.model.bpmn.instance.bpmndi.BpmnEdge;
import io.camunda.zeebe.model.bpmn.instance.bpmndi.BpmnShape;
import io.camunda.zeebe.model.bpmn.instance.dc.Bounds;
import io.camunda.zeebe.model.bpmn.instance.di.Waypoint;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeAssignmentDefinition;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeCalledDecision;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeCalledElement;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeFormDefinition;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeHeader;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeTaskDefinition;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeTaskListener;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
                    Lifecycle.Gates.RECORDED.stream()
                        .map(g -> Lifecycle.Gates.HEADER_GATE + "=" + g),
                    Lifecycle.EndStates.ALL.stream()
                        .map(s -> Lifecycle.EndStates.HEADER_STATE + "=" + s))
                .toList());
  }

  @Test
  void everyEndEventOfTheReleaseIsReachedOnlyThroughItsOutcomeRecord() {
    for (BpmnModelInstance model : models()) {
      for (EndEvent end : model.getModelElementsByType(EndEvent.class)) {
        if (endsTheRelease(end)) {
          assertThat(reachedUnrecorded(end))
              .as("end event %s can be reached without recording the outcome", end.getId())
              .isFalse();
        }
      }
    }
  }

  /** Whether a start event leads to {@code end} on a path without an outcome record. */
  private static boolean reachedUnrecorded(EndEvent end) {
    Deque<FlowNode> todo = new ArrayDeque<>(List.of(end));
    Set<String> seen = new HashSet<>();
    while (!todo.isEmpty()) {
      FlowNode node = todo.pop();
      if (!seen.add(node.getId()) || recordsTheOutcome(node)) {
        continue;
      }
      if (node instanceof StartEvent) {
        return true;
      }
      if (node instanceof BoundaryEvent boundary) {
        todo.push(boundary.getAttachedTo());
      }
      node.getIncoming().forEach(flow -> todo.push(flow.getSource()));
    }
    return false;
  }

  private static boolean recordsTheOutcome(FlowNode node) {
    ZeebeTaskDefinition task = node.getSingleExtensionElement(ZeebeTaskDefinition.class);
    return task != null && Lifecycle.Jobs.ROLLGATE_RECORD_OUTCOME.equals(task.getType());
  }

  /**
   * An end event of the release process or of one of its event sub-processes, other than the end of
   * a non-interrupting boundary event's side path (the release goes on beside it).
   */
  private static boolean endsTheRelease(EndEvent end) {
    var parent = end.getParentElement();
    if (parent instanceof SubProcess sub && sub.triggeredByEvent()) {
      parent = sub.getParentElement();
    }
    if (!(parent instanceof Process process)
        || !process.getId().equals(Lifecycle.Processes.RELEASE)) {
      return false;
    }
    FlowNode at = end;
    while (at.getIncoming().size() == 1) {
      at = at.getIncoming().iterator().next().getSource();
      if (at instanceof BoundaryEvent boundary) {
        return boundary.cancelActivity();
      }
    }
    return true;
  }

  @Test
  void processesDecisionsMessagesAndErrorsAreTheConstants() {
    assertThat(collect(Process.class, Process::getId))
        .containsExactlyInAnyOrderElementsOf(
            java.util.stream.Stream.concat(
                    java.util.stream.Stream.of(Lifecycle.Processes.RELEASE),
                    Lifecycle.Processes.CALLED.stream())
                .toList());
    assertThat(collect(ZeebeCalledElement.class, ZeebeCalledElement::getProcessId))
        .containsExactlyInAnyOrderElementsOf(Lifecycle.Processes.CALLED);
    assertThat(collect(ZeebeCalledDecision.class, ZeebeCalledDecision::getDecisionId))
        .containsExactly(Lifecycle.Decisions.READINESS);
    assertThat(collect(Message.class, Message::getName))
        .containsExactlyInAnyOrderElementsOf(Lifecycle.Messages.ALL);
    assertThat(collect(Escalation.class, Escalation::getEscalationCode))
        .containsExactlyInAnyOrderElementsOf(Lifecycle.Escalations.ALL);
    assertThat(collect(Error.class, Error::getErrorCode))
        .containsExactlyInAnyOrderElementsOf(Lifecycle.Errors.ALL);
  }

  @Test
  void theGoNoGoTaskIsOfferedToReleaseManagersWithItsFormAndItsCompletingCheck() {
    assertThat(collect(UserTask.class, UserTask::getId))
        .containsExactlyInAnyOrderElementsOf(Lifecycle.UserTasks.ALL);
    assertThat(
            collect(ZeebeAssignmentDefinition.class, ZeebeAssignmentDefinition::getCandidateGroups))
        .containsExactly(Lifecycle.UserTasks.RELEASE_MANAGERS);
    assertThat(collect(ZeebeFormDefinition.class, ZeebeFormDefinition::getFormId))
        .containsExactlyInAnyOrderElementsOf(Lifecycle.Forms.ALL);
    for (String form : Lifecycle.Forms.ALL) {
      assertThat(Lifecycle.RESOURCES).contains("forms/" + form + ".form");
    }
    assertThat(collect(ZeebeTaskListener.class, l -> l.getEventType() + ":" + l.getType()))
        .containsExactlyInAnyOrderElementsOf(
            Lifecycle.Jobs.LISTENERS.stream().map(type -> "completing:" + type).toList());
  }

  @Test
  void everyLinkedFormIsDeployedWithTheModelsAndRequiresADecisionFromTheClosedSet()
      throws Exception {
    String form = resource("forms/go-no-go.form");
    assertThat(form)
        .contains("\"id\": \"" + Lifecycle.Forms.GO_NO_GO + "\"")
        .contains("\"key\": \"" + Lifecycle.Variables.GO_DECISION + "\"")
        .contains("\"key\": \"" + Lifecycle.Variables.JUSTIFICATION + "\"")
        .contains("\"key\": \"" + Lifecycle.Variables.ACCEPTED_RISKS + "\"")
        .contains("\"required\": true");
    for (String decision : Lifecycle.GoDecisions.ALL) {
      assertThat(form).contains("\"value\": \"" + decision + "\"");
    }
  }

  @Test
  void theModelsUseReadableIdsAndTheUsualPrefixes() throws Exception {
    for (String resource : Lifecycle.RESOURCES) {
      if (!resource.endsWith(".bpmn")) {
        continue;
      }
      String xml = resource(resource);
      assertThat(xml).as(resource).contains("<bpmn:process ").doesNotContain("ns0:");
      assertThat(UUID_ID.matcher(xml).find())
          .as("%s has a generated id: %s", resource, firstMatch(xml))
          .isFalse();
    }
    assertThat(collect(SequenceFlow.class, SequenceFlow::getId))
        .allMatch(id -> id.startsWith("Flow_"));
  }

  @Test
  void everyGatewayBranchIsLabelled() {
    for (BpmnModelInstance model : models()) {
      for (Gateway gateway : model.getModelElementsByType(Gateway.class)) {
        if (gateway.getOutgoing().size() > 1
            && !(gateway instanceof ParallelGateway)
            && !(gateway instanceof EventBasedGateway)) {
          assertThat(gateway.getOutgoing())
              .as("branches of %s", gateway.getId())
              .allSatisfy(flow -> assertThat(flow.getName()).isNotBlank());
        }
      }
    }
  }

  @Test
  void theDiagramsHaveAShapeForEveryElementNoOverlapsAndOnlyOrthogonalFlows() {
    for (BpmnModelInstance model : models()) {
      Map<String, Bounds> shapes = new HashMap<>();
      for (BpmnShape shape : model.getModelElementsByType(BpmnShape.class)) {
        shapes.put(shape.getBpmnElement().getId(), shape.getBounds());
      }
      for (FlowNode node : model.getModelElementsByType(FlowNode.class)) {
        assertThat(shapes).as("shape of %s", node.getId()).containsKey(node.getId());
      }
      List<FlowNode> laidOut =
          model.getModelElementsByType(FlowNode.class).stream()
              .filter(n -> !(n instanceof BoundaryEvent) && !(n instanceof SubProcess))
              .toList();
      for (int i = 0; i < laidOut.size(); i++) {
        for (int j = i + 1; j < laidOut.size(); j++) {
          Bounds a = shapes.get(laidOut.get(i).getId());
          Bounds b = shapes.get(laidOut.get(j).getId());
          assertThat(overlap(a, b))
              .as("%s overlaps %s", laidOut.get(i).getId(), laidOut.get(j).getId())
              .isFalse();
        }
      }
      for (BpmnEdge edge : model.getModelElementsByType(BpmnEdge.class)) {
        List<Waypoint> points = new ArrayList<>(edge.getWaypoints());
        assertThat(points).as("waypoints of %s", edge.getId()).hasSizeGreaterThanOrEqualTo(2);
        for (int k = 1; k < points.size(); k++) {
          Waypoint p = points.get(k - 1);
          Waypoint q = points.get(k);
          assertThat(p.getX().equals(q.getX()) || p.getY().equals(q.getY()))
              .as("segment %d of %s is orthogonal", k, edge.getBpmnElement().getId())
              .isTrue();
        }
      }
    }
  }

  private static final Pattern UUID_ID =
      Pattern.compile("id=\"[^\"]*[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

  private static String firstMatch(String xml) {
    Matcher m = UUID_ID.matcher(xml);
    return m.find() ? m.group() : "";
  }

  private static boolean overlap(Bounds a, Bounds b) {
    return a.getX() < b.getX() + b.getWidth()
        && b.getX() < a.getX() + a.getWidth()
        && a.getY() < b.getY() + b.getHeight()
        && b.getY() < a.getY() + a.getHeight();
  }

  private static String resource(String name) throws java.io.IOException {
    try (InputStream in = Lifecycle.class.getClassLoader().getResourceAsStream(name)) {
      assertThat(in).as(name + " is on the class path").isNotNull();
      return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }
  }
}
