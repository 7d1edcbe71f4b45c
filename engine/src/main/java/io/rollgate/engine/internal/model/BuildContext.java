package io.rollgate.engine.internal.model;

import io.camunda.zeebe.model.bpmn.instance.BaseElement;
import io.camunda.zeebe.model.bpmn.instance.BoundaryEvent;
import io.camunda.zeebe.model.bpmn.instance.CatchEvent;
import io.camunda.zeebe.model.bpmn.instance.EventDefinition;
import io.camunda.zeebe.model.bpmn.instance.ExtensionElements;
import io.camunda.zeebe.model.bpmn.instance.FlowElement;
import io.camunda.zeebe.model.bpmn.instance.Process;
import io.camunda.zeebe.model.bpmn.instance.ThrowEvent;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeInput;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeIoMapping;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeOutput;
import io.rollgate.engine.internal.feel.EvaluationException;
import io.rollgate.engine.internal.feel.Expression;
import io.rollgate.engine.internal.feel.Feel;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;

/**
 * What the readers of one process share while it is built: the nodes and flows so far, the problems
 * found, and the helpers every reader uses to parse FEEL, find extensions and record a problem.
 */
final class BuildContext {

  private static final Set<String> SUPPORTED_EXTENSIONS =
      Set.of(
          "taskDefinition",
          "ioMapping",
          "taskHeaders",
          "script",
          "properties",
          "versionTag",
          "userTaskForm",
          "calledElement",
          "userTask",
          "assignmentDefinition",
          "taskSchedule",
          "priorityDefinition",
          "formDefinition",
          "calledDecision",
          "taskListeners");

  final Process process;
  final Feel feel;
  final Map<String, FlowNode> nodes = new LinkedHashMap<>();
  final Map<String, SequenceFlow> flows = new LinkedHashMap<>();
  final List<io.camunda.zeebe.model.bpmn.instance.SequenceFlow> bpmnFlows = new ArrayList<>();
  final List<BoundaryEvent> boundaries = new ArrayList<>();
  final List<BoundaryEvent> compensationBoundaries = new ArrayList<>();
  final Map<String, String> embeddedForms = new LinkedHashMap<>();
  private final List<ModelProblem> problems;

  BuildContext(Process process, Feel feel, List<ModelProblem> problems) {
    this.process = process;
    this.feel = feel;
    this.problems = problems;
  }

  /** The BPMN element a node was built from. */
  BaseElement element(FlowNode node) {
    return process.getModelInstance().getModelElementById(node.id());
  }

  /** A node without a spec of its own, with its io mappings. */
  FlowNode plain(FlowElement element, ElementType type, Behavior behavior) {
    FlowNode node = new FlowNode(element.getId(), element.getName(), type, behavior);
    readIoMapping(element, node);
    checkExtensions(element, Set.of("ioMapping", "properties"));
    return node;
  }

  void readIoMapping(FlowElement element, FlowNode node) {
    ZeebeIoMapping mapping = extension(element, ZeebeIoMapping.class);
    if (mapping == null) {
      return;
    }
    for (ZeebeInput input : mapping.getInputs()) {
      node.inputs.add(mapping(element, input.getSource(), input.getTarget()));
    }
    for (ZeebeOutput output : mapping.getOutputs()) {
      node.outputs.add(mapping(element, output.getSource(), output.getTarget()));
    }
  }

  private Mapping mapping(FlowElement element, String source, String target) {
    if (blank(target)) {
      problem(element, "an io mapping needs a target");
    }
    return new Mapping(parse(element, source == null ? "=null" : source), target);
  }

  /** Refuses every extension element of {@code element} that is not in {@code allowed}. */
  void checkExtensions(BaseElement element, Set<String> allowed) {
    ExtensionElements extensions = element.getExtensionElements();
    if (extensions == null) {
      return;
    }
    for (ModelElementInstance extension : extensions.getElements()) {
      String name = extension.getElementType().getTypeName();
      if ("executionListeners".equals(name)) {
        continue; // read, and refused where not supported, by ListenerReader
      }
      if (!allowed.contains(name) || !SUPPORTED_EXTENSIONS.contains(name)) {
        problems.add(
            new ModelProblem(
                ModelTransformer.idOf(element),
                element.getElementType().getTypeName(),
                "the extension zeebe:" + name + " is not supported here by the embedded engine"));
      }
    }
  }

  <T extends ModelElementInstance> T extension(BaseElement element, Class<T> type) {
    ExtensionElements extensions = element.getExtensionElements();
    if (extensions == null) {
      return null;
    }
    return extensions.getElementsQuery().filterByType(type).list().stream()
        .findFirst()
        .orElse(null);
  }

  Collection<EventDefinition> eventDefinitions(FlowElement element) {
    if (element instanceof CatchEvent catchEvent) {
      return catchEvent.getEventDefinitions();
    }
    if (element instanceof ThrowEvent throwEvent) {
      return throwEvent.getEventDefinitions();
    }
    return List.of();
  }

  /** The element's one event definition when it is of {@code kind}, otherwise null. */
  <T extends EventDefinition> T single(FlowElement element, Class<T> kind) {
    Collection<EventDefinition> definitions = eventDefinitions(element);
    return definitions.size() == 1 && kind.isInstance(definitions.iterator().next())
        ? kind.cast(definitions.iterator().next())
        : null;
  }

  /** A FEEL expression or a static value; null after recording a problem. */
  Expression parse(BaseElement element, String raw) {
    try {
      return feel.parse(raw);
    } catch (EvaluationException e) {
      problem(element, "invalid FEEL expression '" + Feel.abbreviate(raw) + "': " + e.getMessage());
      return null;
    }
  }

  /**
   * Text that is always FEEL (conditions, scripts, collections); null after recording a problem.
   */
  Expression parseFeel(BaseElement element, String raw) {
    try {
      return feel.parseAlwaysFeel(raw);
    } catch (EvaluationException e) {
      problem(element, "invalid FEEL expression '" + Feel.abbreviate(raw) + "': " + e.getMessage());
      return null;
    }
  }

  /** {@link #parse} for an optional attribute: null when it is blank. */
  Expression optional(BaseElement element, String raw) {
    return blank(raw) ? null : parse(element, raw);
  }

  void problem(BaseElement element, String message) {
    problems.add(
        new ModelProblem(
            ModelTransformer.idOf(element), element.getElementType().getTypeName(), message));
  }

  void problem(String id, String typeName, String message) {
    problems.add(new ModelProblem(id, typeName, message));
  }

  static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
