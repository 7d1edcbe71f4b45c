package io.rollgate.engine.internal.model;

import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.camunda.zeebe.model.bpmn.instance.Activity;
import io.camunda.zeebe.model.bpmn.instance.Association;
import io.camunda.zeebe.model.bpmn.instance.BaseElement;
import io.camunda.zeebe.model.bpmn.instance.BoundaryEvent;
import io.camunda.zeebe.model.bpmn.instance.CompensateEventDefinition;
import io.camunda.zeebe.model.bpmn.instance.ErrorEventDefinition;
import io.camunda.zeebe.model.bpmn.instance.EscalationEventDefinition;
import io.camunda.zeebe.model.bpmn.instance.Event;
import io.camunda.zeebe.model.bpmn.instance.EventDefinition;
import io.camunda.zeebe.model.bpmn.instance.ExclusiveGateway;
import io.camunda.zeebe.model.bpmn.instance.ExtensionElements;
import io.camunda.zeebe.model.bpmn.instance.FlowElement;
import io.camunda.zeebe.model.bpmn.instance.InclusiveGateway;
import io.camunda.zeebe.model.bpmn.instance.LinkEventDefinition;
import io.camunda.zeebe.model.bpmn.instance.Message;
import io.camunda.zeebe.model.bpmn.instance.MessageEventDefinition;
import io.camunda.zeebe.model.bpmn.instance.MultiInstanceLoopCharacteristics;
import io.camunda.zeebe.model.bpmn.instance.Process;
import io.camunda.zeebe.model.bpmn.instance.ReceiveTask;
import io.camunda.zeebe.model.bpmn.instance.SignalEventDefinition;
import io.camunda.zeebe.model.bpmn.instance.SubProcess;
import io.camunda.zeebe.model.bpmn.instance.TerminateEventDefinition;
import io.camunda.zeebe.model.bpmn.instance.TimerEventDefinition;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeAssignmentDefinition;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeBindingType;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeCalledDecision;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeCalledElement;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeExecutionListener;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeExecutionListeners;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeFormDefinition;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeHeader;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeInput;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeIoMapping;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeLoopCharacteristics;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeOutput;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebePriorityDefinition;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeScript;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeSubscription;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeTaskDefinition;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeTaskHeaders;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeTaskListener;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeTaskListeners;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeTaskSchedule;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeUserTask;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeUserTaskForm;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeVersionTag;
import io.camunda.zeebe.model.bpmn.validation.zeebe.ZeebeDesignTimeValidators;
import io.rollgate.engine.internal.feel.EvaluationException;
import io.rollgate.engine.internal.feel.Expression;
import io.rollgate.engine.internal.feel.Feel;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;
import org.camunda.bpm.model.xml.validation.ValidationResult;
import org.camunda.bpm.model.xml.validation.ValidationResultType;

/**
 * Turns a BPMN resource into executable {@link ProcessModel}s, or rejects it with every problem
 * found: unsupported elements and attributes, invalid FEEL, structural errors. Nothing that the
 * engine cannot execute faithfully gets through.
 */
public final class ModelTransformer {

  private static final Set<String> IGNORED_ELEMENTS =
      Set.of("sequenceFlow", "dataObject", "dataObjectReference", "dataStoreReference");
  private static final String EMBEDDED_FORM_PREFIX = "camunda-forms:bpmn:";

  private static final com.fasterxml.jackson.databind.ObjectMapper EMBEDDED_FORM_JSON =
      new com.fasterxml.jackson.databind.ObjectMapper();

  private static final Set<String> ALLOWED_EXTENSIONS =
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

  /** The job type of a job-based user task, as Camunda 8 names it. */
  public static final String JOB_BASED_USER_TASK_TYPE = "io.camunda.zeebe:userTask";

  private final Feel feel;

  public ModelTransformer(Feel feel) {
    this.feel = feel;
  }

  /**
   * Parses and checks one BPMN resource.
   *
   * @throws InvalidModelException naming each element that cannot run here
   */
  public List<ProcessModel> transform(String resourceName, byte[] xml) {
    if (feel.checksLimits()) {
      checkNesting(resourceName, xml);
    }
    BpmnModelInstance instance;
    try {
      instance = Bpmn.readModelFromStream(new ByteArrayInputStream(xml));
    } catch (StackOverflowError e) {
      throw new InvalidModelException(resourceName, "it is nested too deeply to read");
    } catch (RuntimeException e) {
      throw new InvalidModelException(
          resourceName, "not a valid BPMN XML document: " + rootMessage(e));
    }
    List<ModelProblem> problems = new ArrayList<>();
    validateWithZeebeRules(instance, problems);
    List<ProcessModel> models = new ArrayList<>();
    Collection<Process> processes = instance.getModelElementsByType(Process.class);
    for (Process process : processes) {
      if (process.isExecutable()) {
        models.add(new Builder(process, problems).build());
      }
    }
    if (models.isEmpty() && problems.isEmpty()) {
      throw new InvalidModelException(resourceName, "it contains no executable process");
    }
    if (!problems.isEmpty()) {
      throw new InvalidModelException(resourceName, problems);
    }
    return models;
  }

  /**
   * XML elements nested deeper than this are refused before the model is read: reading, checking
   * and running a model recurse per level. About 90 sub-processes inside each other.
   */
  public static final int MAX_XML_DEPTH = 100;

  /** Refuses a document nested deeper than {@link #MAX_XML_DEPTH}, naming the element. */
  private static void checkNesting(String resourceName, byte[] xml) {
    XMLInputFactory factory = XMLInputFactory.newFactory();
    factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    int depth = 0;
    try {
      XMLStreamReader reader = factory.createXMLStreamReader(new ByteArrayInputStream(xml));
      while (reader.hasNext()) {
        int event = reader.next();
        if (event == XMLStreamConstants.START_ELEMENT && ++depth > MAX_XML_DEPTH) {
          String id = reader.getAttributeValue(null, "id");
          throw new InvalidModelException(
              resourceName,
              List.of(
                  new ModelProblem(
                      id == null ? "?" : id,
                      reader.getLocalName(),
                      "elements are nested more than "
                          + MAX_XML_DEPTH
                          + " deep here (sub-processes inside sub-processes?); flatten the"
                          + " model")));
        } else if (event == XMLStreamConstants.END_ELEMENT) {
          depth--;
        }
      }
    } catch (XMLStreamException e) {
      // not well-formed: the model reader says why
    }
  }

  private static void validateWithZeebeRules(
      BpmnModelInstance instance, List<ModelProblem> problems) {
    var results = instance.validate(ZeebeDesignTimeValidators.VALIDATORS);
    for (var entry : results.getResults().entrySet()) {
      for (ValidationResult result : entry.getValue()) {
        if (result.getType() == ValidationResultType.ERROR) {
          ModelElementInstance element = entry.getKey();
          problems.add(
              new ModelProblem(
                  idOf(element), element.getElementType().getTypeName(), result.getMessage()));
        }
      }
    }
  }

  private static String idOf(ModelElementInstance element) {
    return element instanceof BaseElement base && base.getId() != null ? base.getId() : "?";
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
  }

  /** Builds one process; collects problems instead of stopping at the first. */
  private final class Builder {
    private final Process process;
    private final List<ModelProblem> problems;
    private final Map<String, FlowNode> nodes = new LinkedHashMap<>();
    private final Map<String, SequenceFlow> flows = new LinkedHashMap<>();
    private final List<io.camunda.zeebe.model.bpmn.instance.SequenceFlow> bpmnFlows =
        new ArrayList<>();
    private final List<BoundaryEvent> boundaries = new ArrayList<>();
    private final List<BoundaryEvent> compensationBoundaries = new ArrayList<>();

    Builder(Process process, List<ModelProblem> problems) {
      this.process = process;
      this.problems = problems;
    }

    ProcessModel build() {
      FlowNode root =
          new FlowNode(process.getId(), process.getName(), ElementType.PROCESS, Behavior.PROCESS);
      checkExtensions(process, Set.of("versionTag", "properties", "userTaskForm"));
      readEmbeddedForms();
      readExecutionListeners(process, root);
      addChildren(root, process.getFlowElements());
      connectFlows();
      connectLinks();
      attachBoundaries();
      attachCompensationHandlers();
      computeReachability();
      ZeebeVersionTag tag = extension(process, ZeebeVersionTag.class);
      return new ProcessModel(process.getId(), process.getName(), root, nodes, flows)
          .withVersionTag(tag == null || blank(tag.getValue()) ? null : tag.getValue())
          .withEmbeddedForms(embeddedForms);
    }

    private final Map<String, String> embeddedForms = new LinkedHashMap<>();

    /** Forms embedded in the process ({@code zeebe:userTaskForm}): their id and JSON. */
    private void readEmbeddedForms() {
      ExtensionElements extensions = process.getExtensionElements();
      if (extensions == null) {
        return;
      }
      for (ZeebeUserTaskForm form :
          extensions.getElementsQuery().filterByType(ZeebeUserTaskForm.class).list()) {
        String id = form.getId();
        String json = form.getTextContent() == null ? "" : form.getTextContent().trim();
        if (blank(id)) {
          problem(process, "an embedded form (zeebe:userTaskForm) needs an id");
          continue;
        }
        try {
          if (!EMBEDDED_FORM_JSON.readTree(json).isObject()) {
            throw new IOException("not a JSON object");
          }
        } catch (IOException e) {
          problem(process, "the embedded form '" + id + "' is not a JSON object");
          continue;
        }
        embeddedForms.put(id, json);
      }
    }

    private void addChildren(FlowNode scope, Collection<FlowElement> elements) {
      for (FlowElement element : elements) {
        String typeName = element.getElementType().getTypeName();
        if (element instanceof io.camunda.zeebe.model.bpmn.instance.SequenceFlow flow) {
          bpmnFlows.add(flow);
          continue;
        }
        if (IGNORED_ELEMENTS.contains(typeName)) {
          continue;
        }
        FlowNode node = createNode(element, typeName);
        if (node == null) {
          continue;
        }
        readExecutionListeners(element, node);
        node.flowScope = scope;
        node.index = nodes.size();
        nodes.put(node.id(), node);
        scope.children.add(node);
        if (node.behavior() == Behavior.PASS_THROUGH && node.type() == ElementType.START_EVENT) {
          if (scope.noneStart != null) {
            problem(element, "a scope may have only one none start event");
          }
          scope.noneStart = node;
        }
        if (element instanceof SubProcess sub && node.behavior() == Behavior.SUB_PROCESS) {
          addChildren(node, sub.getFlowElements());
          if (node.noneStart == null) {
            problem(element, "an embedded sub-process needs a none start event");
          }
        }
        if (element instanceof SubProcess sub && node.behavior() == Behavior.EVENT_SUB_PROCESS) {
          addChildren(node, sub.getFlowElements());
          eventTrigger(sub, node);
        }
        if (node.behavior() == Behavior.ERROR_START
            && scope.behavior() != Behavior.EVENT_SUB_PROCESS) {
          problem(element, "error start events are only supported in event sub-processes");
        }
        if (node.behavior() == Behavior.ESCALATION_START
            && scope.behavior() != Behavior.EVENT_SUB_PROCESS) {
          problem(element, "escalation start events are only supported in event sub-processes");
        }
      }
      boolean messageStart =
          scope.children.stream()
              .anyMatch(
                  c ->
                      c.behavior() == Behavior.MESSAGE_START
                          || c.behavior() == Behavior.TIMER_START
                          || c.behavior() == Behavior.SIGNAL_START);
      if (scope.type() == ElementType.PROCESS && scope.noneStart == null && !messageStart) {
        problems.add(
            new ModelProblem(
                process.getId(),
                "process",
                "the process needs a none, message or timer start event"));
      }
      if (scope.type() == ElementType.SUB_PROCESS && messageStart) {
        problems.add(
            new ModelProblem(
                scope.id(),
                "subProcess",
                "message and timer start events are only supported at the top level of a process"));
      }
    }

    private FlowNode createNode(FlowElement element, String typeName) {
      FlowNode node = createSingleNode(element, typeName);
      if (node != null
          && element instanceof Activity activity
          && activity.getLoopCharacteristics() != null) {
        node.multiInstance = multiInstance(element, activity);
      }
      if (node != null && element instanceof Activity activity && activity.isForCompensation()) {
        node.forCompensation = true;
      }
      return node;
    }

    private MultiInstance multiInstance(FlowElement element, Activity activity) {
      if (!(activity.getLoopCharacteristics()
          instanceof MultiInstanceLoopCharacteristics characteristics)) {
        problem(element, "standard loops are not supported; use multi-instance");
        return null;
      }
      ZeebeLoopCharacteristics loop = extension(characteristics, ZeebeLoopCharacteristics.class);
      if (loop == null || blank(loop.getInputCollection())) {
        problem(
            element, "a multi-instance activity needs a zeebe:loopCharacteristics inputCollection");
        return null;
      }
      if (blank(loop.getOutputCollection()) != blank(loop.getOutputElement())) {
        problem(element, "outputCollection and outputElement go together: give both or neither");
      }
      String condition =
          characteristics.getCompletionCondition() == null
              ? null
              : characteristics.getCompletionCondition().getTextContent();
      return new MultiInstance(
          characteristics.isSequential(),
          parseFeel(element, loop.getInputCollection()),
          blank(loop.getInputElement()) ? null : loop.getInputElement(),
          blank(loop.getOutputCollection()) ? null : loop.getOutputCollection(),
          blank(loop.getOutputElement()) ? null : parseFeel(element, loop.getOutputElement()),
          blank(condition) ? null : parseFeel(element, condition));
    }

    private FlowNode createSingleNode(FlowElement element, String typeName) {
      return switch (typeName) {
        case "startEvent" -> startEvent(element);
        case "intermediateCatchEvent" ->
            messageCatch(element, ElementType.INTERMEDIATE_CATCH_EVENT);
        case "receiveTask" -> messageCatch(element, ElementType.RECEIVE_TASK);
        case "intermediateThrowEvent" -> throwEvent(element);
        case "endEvent" -> endEvent(element);
        case "serviceTask" -> jobTask(element, ElementType.SERVICE_TASK);
        case "sendTask" -> jobTask(element, ElementType.SEND_TASK);
        case "scriptTask" -> scriptTask(element);
        case "businessRuleTask" -> businessRuleTask(element);
        case "manualTask" -> plain(element, ElementType.MANUAL_TASK, Behavior.PASS_THROUGH);
        case "task" -> plain(element, ElementType.TASK, Behavior.PASS_THROUGH);
        case "eventBasedGateway" ->
            plain(element, ElementType.EVENT_BASED_GATEWAY, Behavior.EVENT_GATEWAY);
        case "exclusiveGateway" ->
            plain(element, ElementType.EXCLUSIVE_GATEWAY, Behavior.EXCLUSIVE_GATEWAY);
        case "parallelGateway" ->
            plain(element, ElementType.PARALLEL_GATEWAY, Behavior.PARALLEL_GATEWAY);
        case "inclusiveGateway" ->
            plain(element, ElementType.INCLUSIVE_GATEWAY, Behavior.INCLUSIVE_GATEWAY);
        case "subProcess" -> subProcess((SubProcess) element);
        case "callActivity" -> callActivity(element);
        case "userTask" -> userTask(element);
        case "boundaryEvent" -> boundaryEvent((BoundaryEvent) element);
        default -> {
          problem(
              element,
              "the element type '" + typeName + "' is not supported by the embedded engine");
          yield null;
        }
      };
    }

    private FlowNode plain(FlowElement element, ElementType type, Behavior behavior) {
      FlowNode node = new FlowNode(element.getId(), element.getName(), type, behavior);
      readIoMapping(element, node);
      checkExtensions(element, Set.of("ioMapping", "properties"));
      return node;
    }

    private FlowNode noneEventOnly(FlowElement element, ElementType type, Behavior behavior) {
      Collection<EventDefinition> definitions = eventDefinitions(element);
      if (!definitions.isEmpty()) {
        problem(
            element,
            "a "
                + element.getElementType().getTypeName()
                + " with a "
                + definitions.iterator().next().getElementType().getTypeName()
                + " is not supported by the embedded engine");
      }
      return plain(element, type, behavior);
    }

    /**
     * A link throw or catch event, or null when the definition is not a link. Both pass through:
     * the throw event is left by a jump to the catch event of the same name in its scope.
     */
    private FlowNode linkNode(
        FlowElement element, ElementType type, Collection<EventDefinition> definitions) {
      if (definitions.size() != 1
          || !(definitions.iterator().next() instanceof LinkEventDefinition definition)) {
        return null;
      }
      FlowNode node = plain(element, type, Behavior.PASS_THROUGH);
      if (blank(definition.getName())) {
        problem(element, "a link event needs a link name");
      } else {
        node.linkName = definition.getName();
      }
      return node;
    }

    /**
     * Pairs each link throw event with the one link catch event of the same name in the same scope,
     * joined by a flow of their own.
     */
    private void connectLinks() {
      for (FlowNode node : List.copyOf(nodes.values())) {
        if (node.linkName == null || node.type() != ElementType.INTERMEDIATE_THROW_EVENT) {
          continue;
        }
        BaseElement element = process.getModelInstance().getModelElementById(node.id());
        List<FlowNode> catches =
            node.flowScope.children.stream()
                .filter(
                    c ->
                        c.type() == ElementType.INTERMEDIATE_CATCH_EVENT
                            && node.linkName.equals(c.linkName))
                .toList();
        if (catches.isEmpty()) {
          problem(
              element,
              "no link catch event with the link name '"
                  + node.linkName
                  + "' in the same scope; a link throw event needs one");
          continue;
        }
        if (catches.size() > 1) {
          problem(
              element,
              "several link catch events have the link name '"
                  + node.linkName
                  + "' in the same scope; a link name must be unique among them");
          continue;
        }
        if (!node.outgoing.isEmpty()) {
          problem(element, "a link throw event cannot have outgoing sequence flows");
        }
        FlowNode target = catches.get(0);
        SequenceFlow flow = new SequenceFlow(node.id() + "#link", null, true);
        flow.connect(node, target);
        node.outgoing.add(flow);
        target.incoming.add(flow);
      }
      for (FlowNode node : nodes.values()) {
        if (node.linkName != null
            && node.type() == ElementType.INTERMEDIATE_CATCH_EVENT
            && node.incoming.stream().anyMatch(f -> !f.isLink())) {
          problem(
              process.getModelInstance().getModelElementById(node.id()),
              "a link catch event cannot have incoming sequence flows");
        }
      }
    }

    /** A signal node of the given behaviour, or null when the definition is not a signal. */
    private FlowNode signalNode(
        FlowElement element,
        ElementType type,
        Behavior behavior,
        Collection<EventDefinition> definitions) {
      if (definitions.size() != 1
          || !(definitions.iterator().next() instanceof SignalEventDefinition definition)) {
        return null;
      }
      FlowNode node = plain(element, type, behavior);
      if (definition.getSignal() == null || blank(definition.getSignal().getName())) {
        problem(element, "it must reference a signal with a name");
      } else {
        node.signalName = parse(element, definition.getSignal().getName());
        if (behavior == Behavior.SIGNAL_START && !node.signalName.isStatic()) {
          problem(
              element, "the signal name of a start event must be a fixed name, not an expression");
        }
      }
      return node;
    }

    private FlowNode throwEvent(FlowElement element) {
      FlowNode link =
          linkNode(element, ElementType.INTERMEDIATE_THROW_EVENT, eventDefinitions(element));
      if (link != null) {
        return link;
      }
      if (isMessage(eventDefinitions(element))) {
        return messageThrow(element, ElementType.INTERMEDIATE_THROW_EVENT);
      }
      if (escalation(eventDefinitions(element)) != null) {
        return escalationThrow(element, ElementType.INTERMEDIATE_THROW_EVENT);
      }
      if (compensation(eventDefinitions(element)) != null) {
        return compensationThrow(element, ElementType.INTERMEDIATE_THROW_EVENT);
      }
      FlowNode signal =
          signalNode(
              element,
              ElementType.INTERMEDIATE_THROW_EVENT,
              Behavior.SIGNAL_THROW,
              eventDefinitions(element));
      return signal != null
          ? signal
          : noneEventOnly(element, ElementType.INTERMEDIATE_THROW_EVENT, Behavior.PASS_THROUGH);
    }

    private FlowNode endEvent(FlowElement element) {
      Collection<EventDefinition> definitions = eventDefinitions(element);
      if (definitions.isEmpty()) {
        return plain(element, ElementType.END_EVENT, Behavior.NONE_END);
      }
      FlowNode signal =
          signalNode(element, ElementType.END_EVENT, Behavior.SIGNAL_THROW, definitions);
      if (signal != null) {
        return signal;
      }
      if (isMessage(definitions)) {
        return messageThrow(element, ElementType.END_EVENT);
      }
      if (escalation(definitions) != null) {
        return escalationThrow(element, ElementType.END_EVENT);
      }
      if (compensation(definitions) != null) {
        return compensationThrow(element, ElementType.END_EVENT);
      }
      EventDefinition definition = definitions.iterator().next();
      if (definition instanceof TerminateEventDefinition) {
        return plain(element, ElementType.END_EVENT, Behavior.TERMINATE_END);
      }
      if (definition instanceof ErrorEventDefinition error) {
        FlowNode node = plain(element, ElementType.END_EVENT, Behavior.ERROR_END);
        if (error.getError() == null || blank(error.getError().getErrorCode())) {
          problem(element, "an error end event must reference an error with an error code");
        } else {
          node.errorCode = parse(element, error.getError().getErrorCode());
        }
        return node;
      }
      problem(
          element,
          "an end event with a "
              + definition.getElementType().getTypeName()
              + " is not supported by the embedded engine");
      return null;
    }

    private static EscalationEventDefinition escalation(Collection<EventDefinition> definitions) {
      return definitions.size() == 1
              && definitions.iterator().next() instanceof EscalationEventDefinition definition
          ? definition
          : null;
    }

    private static CompensateEventDefinition compensation(Collection<EventDefinition> definitions) {
      return definitions.size() == 1
              && definitions.iterator().next() instanceof CompensateEventDefinition definition
          ? definition
          : null;
    }

    /**
     * A compensation intermediate throw or end event, for its whole scope or one activity of it; it
     * always waits for the handlers it starts.
     */
    private FlowNode compensationThrow(FlowElement element, ElementType type) {
      FlowNode node = plain(element, type, Behavior.COMPENSATION_THROW);
      CompensateEventDefinition definition = compensation(eventDefinitions(element));
      // BPMN's default is true; the model API reads a missing attribute as false
      if ("false".equals(definition.getAttributeValue("waitForCompletion"))) {
        problem(
            element,
            "a compensation event with waitForCompletion=\"false\" is not supported by the"
                + " embedded engine; it always waits for the compensation handlers");
      }
      if (definition.getActivity() != null) {
        node.compensationActivityRef = definition.getActivity().getId();
      }
      return node;
    }

    /** An escalation intermediate throw or end event: its code is required, static or FEEL. */
    private FlowNode escalationThrow(FlowElement element, ElementType type) {
      FlowNode node = plain(element, type, Behavior.ESCALATION_THROW);
      EscalationEventDefinition definition = escalation(eventDefinitions(element));
      if (definition.getEscalation() == null
          || blank(definition.getEscalation().getEscalationCode())) {
        problem(element, "an escalation throw event must reference an escalation with a code");
      } else {
        node.escalationCode = parse(element, definition.getEscalation().getEscalationCode());
      }
      return node;
    }

    /** An escalation catch event's code, or null when it catches every escalation. */
    private String caughtEscalation(EscalationEventDefinition definition) {
      return definition.getEscalation() == null
              || blank(definition.getEscalation().getEscalationCode())
          ? null
          : definition.getEscalation().getEscalationCode();
    }

    private static boolean isMessage(Collection<EventDefinition> definitions) {
      return definitions.size() == 1
          && definitions.iterator().next() instanceof MessageEventDefinition;
    }

    /**
     * A message intermediate throw or end event: a job for a worker, which sends the message; the
     * event completes when the job does.
     */
    private FlowNode messageThrow(FlowElement element, ElementType type) {
      if (extension(element, ZeebeTaskDefinition.class) == null) {
        problem(
            element,
            "a message throw event needs a zeebe:taskDefinition with a type: a job worker sends"
                + " the message");
        return null;
      }
      return jobTask(element, type);
    }

    private FlowNode jobTask(FlowElement element, ElementType type) {
      FlowNode node = new FlowNode(element.getId(), element.getName(), type, Behavior.JOB);
      readJobDefinition(element, node);
      readIoMapping(element, node);
      checkExtensions(element, Set.of("taskDefinition", "ioMapping", "taskHeaders", "properties"));
      return node;
    }

    /**
     * A business rule task: evaluates a deployed decision ({@code zeebe:calledDecision}) or, with a
     * {@code zeebe:taskDefinition}, is a job for a worker.
     */
    private FlowNode businessRuleTask(FlowElement element) {
      ZeebeCalledDecision called = extension(element, ZeebeCalledDecision.class);
      if (called == null) {
        return jobTask(element, ElementType.BUSINESS_RULE_TASK);
      }
      FlowNode node =
          new FlowNode(
              element.getId(),
              element.getName(),
              ElementType.BUSINESS_RULE_TASK,
              Behavior.DECISION);
      if (blank(called.getDecisionId()) || blank(called.getResultVariable())) {
        problem(element, "zeebe:calledDecision needs a decisionId and a resultVariable");
      } else {
        node.calledDecisionId = parse(element, called.getDecisionId());
        node.resultVariable = called.getResultVariable();
      }
      readBinding(element, called.getBindingType(), called.getVersionTag(), node);
      readIoMapping(element, node);
      checkExtensions(element, Set.of("calledDecision", "ioMapping", "properties"));
      return node;
    }

    private FlowNode scriptTask(FlowElement element) {
      ZeebeScript script = extension(element, ZeebeScript.class);
      if (script == null) {
        return jobTask(element, ElementType.SCRIPT_TASK);
      }
      FlowNode node =
          new FlowNode(
              element.getId(), element.getName(), ElementType.SCRIPT_TASK, Behavior.SCRIPT);
      if (blank(script.getExpression()) || blank(script.getResultVariable())) {
        problem(element, "zeebe:script needs an expression and a resultVariable");
      } else {
        node.script = parseFeel(element, script.getExpression());
        node.resultVariable = script.getResultVariable();
      }
      readIoMapping(element, node);
      checkExtensions(element, Set.of("script", "ioMapping", "properties"));
      return node;
    }

    private FlowNode userTask(FlowElement element) {
      boolean camundaUserTask = extension(element, ZeebeUserTask.class) != null;
      FlowNode node =
          new FlowNode(
              element.getId(),
              element.getName(),
              ElementType.USER_TASK,
              camundaUserTask ? Behavior.USER_TASK : Behavior.JOB);
      if (!camundaUserTask) {
        // A job-based user task: a job for the task list application, as Camunda 8 creates one.
        node.jobType = feel.parse(JOB_BASED_USER_TASK_TYPE);
        node.jobRetries = feel.parse("1");
      }
      ZeebeAssignmentDefinition assignment = extension(element, ZeebeAssignmentDefinition.class);
      if (assignment != null) {
        node.assignee = optional(element, assignment.getAssignee());
        node.candidateGroups = optional(element, assignment.getCandidateGroups());
        node.candidateUsers = optional(element, assignment.getCandidateUsers());
      }
      readForm(element, node);
      ZeebeTaskSchedule schedule = extension(element, ZeebeTaskSchedule.class);
      if (schedule != null) {
        node.dueDate = optional(element, schedule.getDueDate());
        node.followUpDate = optional(element, schedule.getFollowUpDate());
      }
      ZeebePriorityDefinition priority = extension(element, ZeebePriorityDefinition.class);
      if (priority != null) {
        node.priority = optional(element, priority.getPriority());
      }
      ZeebeTaskHeaders headers = extension(element, ZeebeTaskHeaders.class);
      if (headers != null) {
        headers.getHeaders().forEach(h -> node.headers.put(h.getKey(), h.getValue()));
      }
      readIoMapping(element, node);
      readTaskListeners(element, node, camundaUserTask);
      checkExtensions(
          element,
          Set.of(
              "taskListeners",
              "userTask",
              "assignmentDefinition",
              "taskSchedule",
              "priorityDefinition",
              "formDefinition",
              "taskHeaders",
              "ioMapping",
              "properties"));
      return node;
    }

    /**
     * User task listeners, by their Camunda 8.8 event names; the older names ({@code create},
     * {@code assignment}, {@code update}, {@code complete}) mean the same events.
     */
    private void readTaskListeners(FlowElement element, FlowNode node, boolean camundaUserTask) {
      ZeebeTaskListeners listeners = extension(element, ZeebeTaskListeners.class);
      if (listeners == null) {
        return;
      }
      if (!camundaUserTask) {
        problem(element, "task listeners need a Camunda user task (zeebe:userTask)");
        return;
      }
      for (ZeebeTaskListener listener : listeners.getTaskListeners()) {
        String event = listener.getEventType() == null ? null : listener.getEventType().name();
        TaskListenerEvent eventType =
            event == null
                ? null
                : switch (event) {
                  case "create", "creating" -> TaskListenerEvent.CREATING;
                  case "assignment", "assigning" -> TaskListenerEvent.ASSIGNING;
                  case "update", "updating" -> TaskListenerEvent.UPDATING;
                  case "complete", "completing" -> TaskListenerEvent.COMPLETING;
                  default -> null;
                };
        if (eventType == null) {
          problem(
              element,
              "task listeners of the event '"
                  + event
                  + "' are not supported by the embedded engine; creating, assigning, updating"
                  + " and completing are");
          continue;
        }
        if (blank(listener.getType())) {
          problem(element, "a task listener needs a type");
          continue;
        }
        String retries = blank(listener.getRetries()) ? "3" : listener.getRetries();
        node.taskListeners.add(
            new TaskListener(
                eventType, parse(element, listener.getType()), parse(element, retries)));
      }
    }

    /**
     * Execution listeners, on the elements and events Camunda 8.8 documents them for: the process,
     * sub-processes, call activities, tasks and intermediate events at start and end; start events
     * and boundary events at their end only; gateways and error and terminate end events at their
     * start only. Event sub-processes and multi-instance elements are refused.
     */
    private void readExecutionListeners(BaseElement element, FlowNode node) {
      ZeebeExecutionListeners listeners = extension(element, ZeebeExecutionListeners.class);
      if (listeners == null) {
        return;
      }
      if (node.type() == ElementType.EVENT_SUB_PROCESS) {
        problem(
            element,
            "execution listeners on an event sub-process are not supported by the"
                + " embedded engine");
        return;
      }
      if (node.multiInstance() != null) {
        problem(
            element,
            "execution listeners on a multi-instance element are not supported by"
                + " the embedded engine");
        return;
      }
      boolean start =
          switch (node.type()) {
            case START_EVENT, BOUNDARY_EVENT -> false;
            default -> true;
          };
      boolean end =
          switch (node.type()) {
            case EXCLUSIVE_GATEWAY, PARALLEL_GATEWAY, INCLUSIVE_GATEWAY, EVENT_BASED_GATEWAY ->
                false;
            case END_EVENT ->
                node.behavior() != Behavior.ERROR_END && node.behavior() != Behavior.TERMINATE_END;
            default -> true;
          };
      for (ZeebeExecutionListener listener : listeners.getExecutionListeners()) {
        String event = listener.getEventType() == null ? "start" : listener.getEventType().name();
        ExecutionListenerEvent eventType =
            "end".equals(event) ? ExecutionListenerEvent.END : ExecutionListenerEvent.START;
        if ((eventType == ExecutionListenerEvent.START && !start)
            || (eventType == ExecutionListenerEvent.END && !end)) {
          problem(
              element,
              "execution listeners of the event '"
                  + event
                  + "' are not supported on"
                  + " this element");
          continue;
        }
        if (blank(listener.getType())) {
          problem(element, "an execution listener needs a type");
          continue;
        }
        boolean duplicate =
            node.executionListeners.stream()
                .anyMatch(
                    l ->
                        l.eventType() == eventType && l.type().source().equals(listener.getType()));
        if (duplicate) {
          problem(
              element,
              "the execution listener of the event '"
                  + event
                  + "' and type '"
                  + listener.getType()
                  + "' is declared twice");
          continue;
        }
        String retries = blank(listener.getRetries()) ? "3" : listener.getRetries();
        node.executionListeners.add(
            new ExecutionListener(
                eventType, parse(element, listener.getType()), parse(element, retries)));
      }
    }

    private Expression optional(FlowElement element, String raw) {
      return blank(raw) ? null : parse(element, raw);
    }

    private FlowNode callActivity(FlowElement element) {
      FlowNode node =
          new FlowNode(
              element.getId(),
              element.getName(),
              ElementType.CALL_ACTIVITY,
              Behavior.CALL_ACTIVITY);
      ZeebeCalledElement called = extension(element, ZeebeCalledElement.class);
      if (called == null || blank(called.getProcessId())) {
        problem(element, "a call activity needs a zeebe:calledElement with a processId");
      } else {
        node.calledProcessId = parse(element, called.getProcessId());
        node.propagateAllChildVariables = called.isPropagateAllChildVariablesEnabled();
        node.propagateAllParentVariables = called.isPropagateAllParentVariablesEnabled();
        readBinding(element, called.getBindingType(), called.getVersionTag(), node);
      }
      readIoMapping(element, node);
      checkExtensions(element, Set.of("calledElement", "ioMapping", "properties"));
      return node;
    }

    private FlowNode subProcess(SubProcess element) {
      if (element.triggeredByEvent()) {
        return plain(element, ElementType.EVENT_SUB_PROCESS, Behavior.EVENT_SUB_PROCESS);
      }
      return plain(element, ElementType.SUB_PROCESS, Behavior.SUB_PROCESS);
    }

    /** A timer event's definition, or null after recording a problem. */
    private TimerDefinition timer(FlowElement element, TimerEventDefinition definition) {
      TimerDefinition.Kind kind;
      String text;
      if (definition.getTimeDuration() != null) {
        kind = TimerDefinition.Kind.DURATION;
        text = definition.getTimeDuration().getTextContent();
      } else if (definition.getTimeDate() != null) {
        kind = TimerDefinition.Kind.DATE;
        text = definition.getTimeDate().getTextContent();
      } else if (definition.getTimeCycle() != null) {
        kind = TimerDefinition.Kind.CYCLE;
        text = definition.getTimeCycle().getTextContent();
      } else {
        problem(element, "a timer needs a timeDuration, timeDate or timeCycle");
        return null;
      }
      if (blank(text)) {
        problem(element, "the timer's " + kind.name().toLowerCase(Locale.ROOT) + " is empty");
        return null;
      }
      Expression value = parse(element, text);
      if (value != null && value.isStatic()) {
        try {
          TimerSchedule.of(kind, text, 0);
        } catch (EvaluationException e) {
          problem(element, "invalid timer: " + e.getMessage());
        }
      }
      return value == null ? null : new TimerDefinition(kind, value);
    }

    private FlowNode timerNode(
        FlowElement element, ElementType type, Behavior behavior, TimerEventDefinition definition) {
      FlowNode node = plain(element, type, behavior);
      node.timer = timer(element, definition);
      return node;
    }

    /** An event sub-process starts on exactly one start event with an event definition. */
    private void eventTrigger(SubProcess element, FlowNode node) {
      List<FlowNode> starts =
          node.children.stream().filter(c -> c.type() == ElementType.START_EVENT).toList();
      FlowNode start = starts.size() == 1 ? starts.get(0) : null;
      if (start == null || start.behavior() == Behavior.PASS_THROUGH) {
        problem(
            element,
            "an event sub-process needs exactly one start event, with an error, escalation, message,"
                + " timer or signal");
        return;
      }
      node.eventTrigger = start;
      node.noneStart = null;
      start.interrupting =
          ((io.camunda.zeebe.model.bpmn.instance.StartEvent)
                  element.getModelInstance().getModelElementById(start.id()))
              .isInterrupting();
      if (start.behavior() == Behavior.MESSAGE_START && start.correlationKey == null) {
        problem(
            element,
            "the message start event of an event sub-process needs a zeebe:subscription correlationKey");
      }
      if (start.behavior() == Behavior.ERROR_START && !start.interrupting) {
        problem(element, "an error start event must be interrupting");
      }
    }

    /**
     * The binding of a call activity, business rule task or user task form: latest (the default),
     * deployment or version tag.
     */
    private void readBinding(
        FlowElement element, ZeebeBindingType binding, String versionTag, FlowNode node) {
      if (binding == null || binding == ZeebeBindingType.latest) {
        node.binding = Binding.LATEST;
      } else if (binding == ZeebeBindingType.deployment) {
        node.binding = Binding.DEPLOYMENT;
      } else if (binding == ZeebeBindingType.versionTag) {
        node.binding = Binding.VERSION_TAG;
        if (blank(versionTag)) {
          problem(element, "the binding type 'versionTag' needs a versionTag");
        }
        node.bindingVersionTag = versionTag;
      } else {
        problem(element, "the binding type '" + binding + "' is not supported");
      }
    }

    /** Deployment-bound and version-tag-bound links are not supported; latest is the default. */
    private void requireLatestBinding(FlowElement element, ZeebeBindingType binding, String what) {
      if (binding != null && binding != ZeebeBindingType.latest) {
        problem(
            element,
            "the binding type '"
                + binding
                + "' of "
                + what
                + " is not supported by the embedded engine");
      }
    }

    /** A linked form ({@code formId}, latest version) or an external reference / form key. */
    private void readForm(FlowElement element, FlowNode node) {
      ZeebeFormDefinition form = extension(element, ZeebeFormDefinition.class);
      if (form == null) {
        return;
      }
      if (node.type() == ElementType.USER_TASK) {
        readBinding(element, form.getBindingType(), form.getVersionTag(), node);
      } else {
        requireLatestBinding(element, form.getBindingType(), "a start form");
      }
      node.formId = blank(form.getFormId()) ? null : form.getFormId();
      String external =
          blank(form.getExternalReference()) ? form.getFormKey() : form.getExternalReference();
      node.externalFormReference = blank(external) ? null : external;
      String formKey = form.getFormKey();
      if (!blank(formKey) && formKey.startsWith(EMBEDDED_FORM_PREFIX)) {
        String id = formKey.substring(EMBEDDED_FORM_PREFIX.length());
        if (!embeddedForms.containsKey(id)) {
          problem(
              element,
              "the form key '"
                  + formKey
                  + "' names no form embedded in the process (zeebe:userTaskForm id '"
                  + id
                  + "')");
        }
      }
    }

    private FlowNode startEvent(FlowElement element) {
      Collection<EventDefinition> definitions = eventDefinitions(element);
      if (escalation(definitions) != null) {
        FlowNode node = plain(element, ElementType.START_EVENT, Behavior.ESCALATION_START);
        node.caughtEscalationCode = caughtEscalation(escalation(definitions));
        return node;
      }
      if (definitions.size() == 1
          && definitions.iterator().next() instanceof ErrorEventDefinition error) {
        FlowNode node = plain(element, ElementType.START_EVENT, Behavior.ERROR_START);
        if (error.getError() != null && !blank(error.getError().getErrorCode())) {
          node.caughtErrorCode = error.getError().getErrorCode();
        }
        return node;
      }
      FlowNode signal =
          signalNode(element, ElementType.START_EVENT, Behavior.SIGNAL_START, definitions);
      if (signal != null) {
        return signal;
      }
      if (definitions.size() == 1
          && definitions.iterator().next() instanceof TimerEventDefinition definition) {
        return timerNode(element, ElementType.START_EVENT, Behavior.TIMER_START, definition);
      }
      if (definitions.size() == 1
          && definitions.iterator().next() instanceof MessageEventDefinition definition) {
        FlowNode node = plain(element, ElementType.START_EVENT, Behavior.MESSAGE_START);
        readMessage(element, definition.getMessage(), node, false);
        if (node.messageName != null && !node.messageName.isStatic()) {
          problem(
              element, "the message name of a start event must be a fixed name, not an expression");
        }
        return node;
      }
      if (compensation(definitions) != null) {
        problem(
            element,
            "compensation event sub-processes are not supported by the embedded engine; use a"
                + " compensation boundary event with a compensation handler");
        return null;
      }
      if (definitions.isEmpty()
          && element.getParentElement() instanceof Process
          && extension(element, ZeebeFormDefinition.class) != null) {
        // The process's start form: shown by task list applications before an instance starts.
        FlowNode node =
            new FlowNode(
                element.getId(), element.getName(), ElementType.START_EVENT, Behavior.PASS_THROUGH);
        readForm(element, node);
        readIoMapping(element, node);
        checkExtensions(element, Set.of("formDefinition", "ioMapping", "properties"));
        return node;
      }
      return noneEventOnly(element, ElementType.START_EVENT, Behavior.PASS_THROUGH);
    }

    private FlowNode messageCatch(FlowElement element, ElementType type) {
      Message message = null;
      if (element instanceof ReceiveTask task) {
        message = task.getMessage();
      } else {
        Collection<EventDefinition> definitions = eventDefinitions(element);
        if (definitions.size() == 1
            && definitions.iterator().next() instanceof TimerEventDefinition timer) {
          return timerNode(element, type, Behavior.TIMER_CATCH, timer);
        }
        FlowNode signal = signalNode(element, type, Behavior.SIGNAL_CATCH, definitions);
        if (signal != null) {
          return signal;
        }
        FlowNode link = linkNode(element, type, definitions);
        if (link != null) {
          return link;
        }
        if (definitions.size() != 1
            || !(definitions.iterator().next() instanceof MessageEventDefinition definition)) {
          String kind =
              definitions.isEmpty()
                  ? "no event definition"
                  : "a " + definitions.iterator().next().getElementType().getTypeName();
          problem(
              element,
              "an intermediate catch event with "
                  + kind
                  + " is not supported by the embedded engine; message and timer catch events are");
          return null;
        }
        message = definition.getMessage();
      }
      FlowNode node = plain(element, type, Behavior.MESSAGE_CATCH);
      readMessage(element, message, node, true);
      return node;
    }

    /** Reads the message name and the zeebe:subscription correlation key of a message element. */
    private void readMessage(FlowElement element, Message message, FlowNode node, boolean keyed) {
      if (message == null || blank(message.getName())) {
        problem(element, "it must reference a message with a name");
        return;
      }
      node.messageName = parse(element, message.getName());
      ZeebeSubscription subscription = extension(message, ZeebeSubscription.class);
      String key = subscription == null ? null : subscription.getCorrelationKey();
      if (keyed && blank(key)) {
        problem(
            element,
            "its message '" + message.getName() + "' needs a zeebe:subscription correlationKey");
      } else if (!blank(key)) {
        node.correlationKey = parse(element, key);
      }
    }

    private FlowNode boundaryEvent(BoundaryEvent element) {
      Collection<EventDefinition> definitions = eventDefinitions(element);
      if (compensation(definitions) != null) {
        // not an element of its own: it links its activity to the handler, see
        // attachCompensationHandlers
        compensationBoundaries.add(element);
        return null;
      }
      if (escalation(definitions) != null) {
        FlowNode node = plain(element, ElementType.BOUNDARY_EVENT, Behavior.ESCALATION_BOUNDARY);
        node.interrupting = element.cancelActivity();
        node.caughtEscalationCode = caughtEscalation(escalation(definitions));
        boundaries.add(element);
        return node;
      }
      FlowNode signal =
          signalNode(element, ElementType.BOUNDARY_EVENT, Behavior.SIGNAL_BOUNDARY, definitions);
      if (signal != null) {
        signal.interrupting = element.cancelActivity();
        boundaries.add(element);
        return signal;
      }
      if (definitions.size() == 1
          && definitions.iterator().next() instanceof TimerEventDefinition timer) {
        FlowNode node =
            timerNode(element, ElementType.BOUNDARY_EVENT, Behavior.TIMER_BOUNDARY, timer);
        node.interrupting = element.cancelActivity();
        if (node.interrupting
            && node.timer != null
            && node.timer.kind() == TimerDefinition.Kind.CYCLE) {
          problem(element, "a timer cycle on a boundary event must be non-interrupting");
        }
        boundaries.add(element);
        return node;
      }
      if (definitions.size() == 1
          && definitions.iterator().next() instanceof MessageEventDefinition definition) {
        FlowNode node = plain(element, ElementType.BOUNDARY_EVENT, Behavior.MESSAGE_BOUNDARY);
        node.interrupting = element.cancelActivity();
        readMessage(element, definition.getMessage(), node, true);
        boundaries.add(element);
        return node;
      }
      if (definitions.size() != 1
          || !(definitions.iterator().next() instanceof ErrorEventDefinition)) {
        String kind =
            definitions.isEmpty()
                ? "no"
                : definitions.iterator().next().getElementType().getTypeName();
        problem(
            element,
            "a boundary event with "
                + kind
                + " event definition is not supported by the embedded engine; error, message and timer boundary events are");
        return null;
      }
      if (!element.cancelActivity()) {
        problem(element, "an error boundary event must be interrupting");
      }
      FlowNode node = plain(element, ElementType.BOUNDARY_EVENT, Behavior.ERROR_BOUNDARY);
      ErrorEventDefinition definition = (ErrorEventDefinition) definitions.iterator().next();
      if (definition.getError() != null && !blank(definition.getError().getErrorCode())) {
        node.caughtErrorCode = definition.getError().getErrorCode();
      }
      boundaries.add(element);
      return node;
    }

    private void readJobDefinition(FlowElement element, FlowNode node) {
      ZeebeTaskDefinition definition = extension(element, ZeebeTaskDefinition.class);
      if (definition == null || blank(definition.getType())) {
        problem(element, "a job-based task needs a zeebe:taskDefinition with a type");
        return;
      }
      node.jobType = parse(element, definition.getType());
      node.jobRetries =
          parse(
              element,
              blank(definition.getRetries())
                  ? ZeebeTaskDefinition.DEFAULT_RETRIES
                  : definition.getRetries());
      ZeebeTaskHeaders headers = extension(element, ZeebeTaskHeaders.class);
      if (headers != null) {
        for (ZeebeHeader header : headers.getHeaders()) {
          node.headers.put(header.getKey(), header.getValue());
        }
      }
    }

    private void readIoMapping(FlowElement element, FlowNode node) {
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

    private void connectFlows() {
      for (var bpmnFlow : bpmnFlows) {
        Expression condition = null;
        if (bpmnFlow.getConditionExpression() != null
            && !blank(bpmnFlow.getConditionExpression().getTextContent())) {
          condition = parseFeel(bpmnFlow, bpmnFlow.getConditionExpression().getTextContent());
        }
        SequenceFlow flow = new SequenceFlow(bpmnFlow.getId(), condition);
        FlowNode source = nodes.get(bpmnFlow.getSource().getId());
        FlowNode target = nodes.get(bpmnFlow.getTarget().getId());
        if (source == null || target == null) {
          continue;
        }
        flow.connect(source, target);
        flows.put(flow.id(), flow);
        source.outgoing.add(flow);
        target.incoming.add(flow);
        if (condition != null
            && source.behavior() != Behavior.EXCLUSIVE_GATEWAY
            && source.behavior() != Behavior.INCLUSIVE_GATEWAY) {
          problem(
              bpmnFlow,
              "a condition is only supported on flows leaving an exclusive or inclusive gateway");
        }
      }
      for (var entry : nodes.entrySet()) {
        setDefaultFlow(
            entry.getValue(), process.getModelInstance().getModelElementById(entry.getKey()));
      }
    }

    private void setDefaultFlow(FlowNode node, ModelElementInstance element) {
      io.camunda.zeebe.model.bpmn.instance.SequenceFlow defaultFlow = null;
      if (element instanceof ExclusiveGateway gateway) {
        defaultFlow = gateway.getDefault();
      } else if (element instanceof InclusiveGateway gateway) {
        defaultFlow = gateway.getDefault();
      } else if (element instanceof Activity activity) {
        if (activity.getAttributeValue("default") != null) {
          problem((FlowElement) element, "default flows on activities are not supported");
        }
      }
      if (defaultFlow != null) {
        node.defaultFlow = flows.get(defaultFlow.getId());
      }
      if (node.behavior() == Behavior.EVENT_GATEWAY) {
        boolean eventsOnly =
            node.outgoing.size() >= 2
                && node.outgoing.stream()
                    .allMatch(
                        f ->
                            (f.target().behavior() == Behavior.MESSAGE_CATCH
                                    || f.target().behavior() == Behavior.TIMER_CATCH)
                                && f.target().type() == ElementType.INTERMEDIATE_CATCH_EVENT
                                && f.target().incoming.size() == 1);
        if (!eventsOnly) {
          problem(
              (FlowElement) element,
              "an event-based gateway needs two or more outgoing flows, each to a message or timer"
                  + " intermediate catch event that has no other incoming flow");
        }
      }
      boolean branching =
          node.behavior() == Behavior.EXCLUSIVE_GATEWAY
              || node.behavior() == Behavior.INCLUSIVE_GATEWAY;
      if (branching && node.outgoing.size() > 1) {
        for (SequenceFlow flow : node.outgoing) {
          if (flow.condition() == null && flow != node.defaultFlow) {
            problem(
                (FlowElement) element,
                "the outgoing flow '"
                    + flow.id()
                    + "' needs a condition or must be the default flow");
          }
        }
      }
    }

    private void attachBoundaries() {
      for (BoundaryEvent boundary : boundaries) {
        FlowNode node = nodes.get(boundary.getId());
        FlowNode host =
            boundary.getAttachedTo() == null ? null : nodes.get(boundary.getAttachedTo().getId());
        if (host == null) {
          problem(boundary, "a boundary event must be attached to an activity");
          continue;
        }
        if (node.behavior() == Behavior.ESCALATION_BOUNDARY
            && host.behavior() != Behavior.SUB_PROCESS
            && host.behavior() != Behavior.CALL_ACTIVITY) {
          problem(
              boundary,
              "an escalation boundary event can only be attached to a sub-process or a call"
                  + " activity");
        }
        host.boundaryEvents.add(node);
      }
    }

    /**
     * Links each activity with a compensation boundary event to the handler the boundary event is
     * associated with; checks handlers and compensation throw events.
     */
    private void attachCompensationHandlers() {
      Map<String, String> associated = new LinkedHashMap<>();
      for (Association association :
          process.getModelInstance().getModelElementsByType(Association.class)) {
        if (association.getSource() != null && association.getTarget() != null) {
          associated.put(association.getSource().getId(), association.getTarget().getId());
        }
      }
      for (BoundaryEvent boundary : compensationBoundaries) {
        FlowNode host =
            boundary.getAttachedTo() == null ? null : nodes.get(boundary.getAttachedTo().getId());
        FlowNode handler = nodes.get(associated.get(boundary.getId()));
        if (host == null) {
          problem(boundary, "a boundary event must be attached to an activity");
        } else if (handler == null || !handler.forCompensation) {
          problem(
              boundary,
              "a compensation boundary event needs an association to a compensation handler (an"
                  + " activity with isForCompensation=\"true\")");
        } else if (host.compensationHandler != null) {
          problem(boundary, "an activity may have only one compensation boundary event");
        } else if (host.forCompensation) {
          problem(boundary, "a compensation handler cannot have a compensation boundary event");
        } else {
          host.compensationHandler = handler;
        }
      }
      for (FlowNode node : nodes.values()) {
        BaseElement element = process.getModelInstance().getModelElementById(node.id());
        if (node.forCompensation) {
          if (!node.incoming.isEmpty() || !node.outgoing.isEmpty()) {
            problem(
                element, "a compensation handler cannot have incoming or outgoing sequence flows");
          }
          if (!node.boundaryEvents.isEmpty()) {
            problem(element, "a compensation handler cannot have boundary events");
          }
        }
        if (node.compensationActivityRef != null) {
          FlowNode target = nodes.get(node.compensationActivityRef);
          FlowNode scope =
              node.flowScope.behavior() == Behavior.EVENT_SUB_PROCESS
                  ? node.flowScope.flowScope
                  : node.flowScope;
          if (target == null || target.flowScope != scope) {
            problem(
                element,
                "the compensated activity '"
                    + node.compensationActivityRef
                    + "' must be in the same scope as the compensation event");
          }
        }
      }
    }

    /** Per node, which nodes of the same process a token there can still reach. */
    private void computeReachability() {
      for (FlowNode start : nodes.values()) {
        Deque<FlowNode> todo = new ArrayDeque<>();
        todo.add(start);
        while (!todo.isEmpty()) {
          FlowNode current = todo.poll();
          List<FlowNode> next = new ArrayList<>();
          current.outgoing.forEach(flow -> next.add(flow.target()));
          next.addAll(current.boundaryEvents);
          for (FlowNode target : next) {
            if (!start.reaches.get(target.index)) {
              start.reaches.set(target.index);
              todo.add(target);
            }
          }
        }
      }
    }

    private void checkExtensions(BaseElement element, Set<String> allowed) {
      ExtensionElements extensions = element.getExtensionElements();
      if (extensions == null) {
        return;
      }
      for (ModelElementInstance extension : extensions.getElements()) {
        String name = extension.getElementType().getTypeName();
        if ("executionListeners".equals(name)) {
          continue; // read, and refused where not supported, by readExecutionListeners
        }
        if (!allowed.contains(name) || !ALLOWED_EXTENSIONS.contains(name)) {
          problems.add(
              new ModelProblem(
                  idOf(element),
                  element.getElementType().getTypeName(),
                  "the extension zeebe:" + name + " is not supported here by the embedded engine"));
        }
      }
    }

    private <T extends ModelElementInstance> T extension(BaseElement element, Class<T> type) {
      ExtensionElements extensions = element.getExtensionElements();
      if (extensions == null) {
        return null;
      }
      return extensions.getElementsQuery().filterByType(type).list().stream()
          .findFirst()
          .orElse(null);
    }

    private Collection<EventDefinition> eventDefinitions(FlowElement element) {
      if (element instanceof io.camunda.zeebe.model.bpmn.instance.CatchEvent catchEvent) {
        return catchEvent.getEventDefinitions();
      }
      if (element instanceof io.camunda.zeebe.model.bpmn.instance.ThrowEvent throwEvent) {
        return throwEvent.getEventDefinitions();
      }
      return element instanceof Event ? List.of() : List.of();
    }

    private Expression parse(BaseElement element, String raw) {
      try {
        return feel.parse(raw);
      } catch (EvaluationException e) {
        problem(
            element, "invalid FEEL expression '" + Feel.abbreviate(raw) + "': " + e.getMessage());
        return null;
      }
    }

    private Expression parseFeel(BaseElement element, String raw) {
      try {
        return feel.parseAlwaysFeel(raw);
      } catch (EvaluationException e) {
        problem(
            element, "invalid FEEL expression '" + Feel.abbreviate(raw) + "': " + e.getMessage());
        return null;
      }
    }

    private void problem(BaseElement element, String message) {
      problems.add(
          new ModelProblem(idOf(element), element.getElementType().getTypeName(), message));
    }
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
