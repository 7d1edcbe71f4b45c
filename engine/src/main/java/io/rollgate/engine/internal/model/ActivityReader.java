package io.rollgate.engine.internal.model;

import static io.rollgate.engine.internal.model.BuildContext.blank;

import io.camunda.zeebe.model.bpmn.instance.Activity;
import io.camunda.zeebe.model.bpmn.instance.FlowElement;
import io.camunda.zeebe.model.bpmn.instance.MultiInstanceLoopCharacteristics;
import io.camunda.zeebe.model.bpmn.instance.SubProcess;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeAssignmentDefinition;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeCalledDecision;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeCalledElement;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeHeader;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeLoopCharacteristics;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebePriorityDefinition;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeScript;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeTaskDefinition;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeTaskHeaders;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeTaskSchedule;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeUserTask;
import io.rollgate.engine.internal.feel.Expression;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads tasks, call activities and sub-processes, and the multi-instance characteristics of any
 * activity.
 */
final class ActivityReader {

  /** The job type of a job-based user task, as Camunda 8 names it. */
  static final String JOB_BASED_USER_TASK_TYPE = "io.camunda.zeebe:userTask";

  private final BuildContext context;
  private final LinkedResources resources;
  private final ListenerReader listeners;

  ActivityReader(BuildContext context, LinkedResources resources, ListenerReader listeners) {
    this.context = context;
    this.resources = resources;
    this.listeners = listeners;
  }

  /** A job for a worker: service and send tasks, message throw events, job-based tasks. */
  FlowNode jobTask(FlowElement element, ElementType type) {
    FlowNode node = new FlowNode(element.getId(), element.getName(), type, Behavior.JOB);
    ZeebeTaskDefinition definition = context.extension(element, ZeebeTaskDefinition.class);
    if (definition == null || blank(definition.getType())) {
      context.problem(element, "a job-based task needs a zeebe:taskDefinition with a type");
    } else {
      node.spec =
          new ElementSpec.JobWorker(
              context.parse(element, definition.getType()),
              context.parse(
                  element,
                  blank(definition.getRetries())
                      ? ZeebeTaskDefinition.DEFAULT_RETRIES
                      : definition.getRetries()),
              headers(element));
    }
    context.readIoMapping(element, node);
    context.checkExtensions(
        element, Set.of("taskDefinition", "ioMapping", "taskHeaders", "properties"));
    return node;
  }

  private Map<String, String> headers(FlowElement element) {
    Map<String, String> headers = new LinkedHashMap<>();
    ZeebeTaskHeaders declared = context.extension(element, ZeebeTaskHeaders.class);
    if (declared != null) {
      for (ZeebeHeader header : declared.getHeaders()) {
        headers.put(header.getKey(), header.getValue());
      }
    }
    return headers;
  }

  /**
   * A business rule task: evaluates a deployed decision ({@code zeebe:calledDecision}) or, with a
   * {@code zeebe:taskDefinition}, is a job for a worker.
   */
  FlowNode businessRuleTask(FlowElement element) {
    ZeebeCalledDecision called = context.extension(element, ZeebeCalledDecision.class);
    if (called == null) {
      return jobTask(element, ElementType.BUSINESS_RULE_TASK);
    }
    FlowNode node =
        new FlowNode(
            element.getId(), element.getName(), ElementType.BUSINESS_RULE_TASK, Behavior.DECISION);
    boolean complete = !blank(called.getDecisionId()) && !blank(called.getResultVariable());
    if (!complete) {
      context.problem(element, "zeebe:calledDecision needs a decisionId and a resultVariable");
    }
    Expression decisionId = complete ? context.parse(element, called.getDecisionId()) : null;
    Binding binding = resources.binding(element, called.getBindingType(), called.getVersionTag());
    if (complete) {
      node.spec = new ElementSpec.CalledDecision(decisionId, called.getResultVariable(), binding);
    }
    context.readIoMapping(element, node);
    context.checkExtensions(element, Set.of("calledDecision", "ioMapping", "properties"));
    return node;
  }

  /** A script task: a FEEL expression or, without {@code zeebe:script}, a job for a worker. */
  FlowNode scriptTask(FlowElement element) {
    ZeebeScript script = context.extension(element, ZeebeScript.class);
    if (script == null) {
      return jobTask(element, ElementType.SCRIPT_TASK);
    }
    FlowNode node =
        new FlowNode(element.getId(), element.getName(), ElementType.SCRIPT_TASK, Behavior.SCRIPT);
    if (blank(script.getExpression()) || blank(script.getResultVariable())) {
      context.problem(element, "zeebe:script needs an expression and a resultVariable");
    } else {
      node.spec =
          new ElementSpec.Script(
              context.parseFeel(element, script.getExpression()), script.getResultVariable());
    }
    context.readIoMapping(element, node);
    context.checkExtensions(element, Set.of("script", "ioMapping", "properties"));
    return node;
  }

  /**
   * A user task: a Camunda user task ({@code zeebe:userTask}) or a job-based one, a job for the
   * task list application as Camunda 8 creates one.
   */
  FlowNode userTask(FlowElement element) {
    boolean camundaUserTask = context.extension(element, ZeebeUserTask.class) != null;
    FlowNode node =
        new FlowNode(
            element.getId(),
            element.getName(),
            ElementType.USER_TASK,
            camundaUserTask ? Behavior.USER_TASK : Behavior.JOB);
    ZeebeAssignmentDefinition assignment =
        context.extension(element, ZeebeAssignmentDefinition.class);
    Expression assignee = null;
    Expression candidateGroups = null;
    Expression candidateUsers = null;
    if (assignment != null) {
      assignee = context.optional(element, assignment.getAssignee());
      candidateGroups = context.optional(element, assignment.getCandidateGroups());
      candidateUsers = context.optional(element, assignment.getCandidateUsers());
    }
    FormLink form = resources.form(element, ElementType.USER_TASK);
    ZeebeTaskSchedule schedule = context.extension(element, ZeebeTaskSchedule.class);
    Expression dueDate = null;
    Expression followUpDate = null;
    if (schedule != null) {
      dueDate = context.optional(element, schedule.getDueDate());
      followUpDate = context.optional(element, schedule.getFollowUpDate());
    }
    ZeebePriorityDefinition priority = context.extension(element, ZeebePriorityDefinition.class);
    Expression priorityValue =
        priority == null ? null : context.optional(element, priority.getPriority());
    Map<String, String> headers = headers(element);
    context.readIoMapping(element, node);
    List<TaskListener> taskListeners = listeners.taskListeners(element, camundaUserTask);
    node.spec =
        new ElementSpec.HumanTask(
            assignee,
            candidateGroups,
            candidateUsers,
            dueDate,
            followUpDate,
            priorityValue,
            form,
            headers,
            taskListeners,
            camundaUserTask
                ? null
                : new ElementSpec.JobWorker(
                    context.feel.parse(JOB_BASED_USER_TASK_TYPE),
                    context.feel.parse("1"),
                    headers));
    context.checkExtensions(
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

  FlowNode callActivity(FlowElement element) {
    FlowNode node =
        new FlowNode(
            element.getId(), element.getName(), ElementType.CALL_ACTIVITY, Behavior.CALL_ACTIVITY);
    ZeebeCalledElement called = context.extension(element, ZeebeCalledElement.class);
    if (called == null || blank(called.getProcessId())) {
      context.problem(element, "a call activity needs a zeebe:calledElement with a processId");
    } else {
      Expression processId = context.parse(element, called.getProcessId());
      node.spec =
          new ElementSpec.CalledProcess(
              processId,
              resources.binding(element, called.getBindingType(), called.getVersionTag()),
              called.isPropagateAllParentVariablesEnabled(),
              called.isPropagateAllChildVariablesEnabled());
    }
    context.readIoMapping(element, node);
    context.checkExtensions(element, Set.of("calledElement", "ioMapping", "properties"));
    return node;
  }

  /** An embedded or event sub-process; its children are added by the process builder. */
  FlowNode subProcess(SubProcess element) {
    if (element.triggeredByEvent()) {
      return context.plain(element, ElementType.EVENT_SUB_PROCESS, Behavior.EVENT_SUB_PROCESS);
    }
    return context.plain(element, ElementType.SUB_PROCESS, Behavior.SUB_PROCESS);
  }

  /** The multi-instance characteristics of an activity with loop characteristics, or null. */
  MultiInstance multiInstance(FlowElement element, Activity activity) {
    if (!(activity.getLoopCharacteristics()
        instanceof MultiInstanceLoopCharacteristics characteristics)) {
      context.problem(element, "standard loops are not supported; use multi-instance");
      return null;
    }
    ZeebeLoopCharacteristics loop =
        context.extension(characteristics, ZeebeLoopCharacteristics.class);
    if (loop == null || blank(loop.getInputCollection())) {
      context.problem(
          element, "a multi-instance activity needs a zeebe:loopCharacteristics inputCollection");
      return null;
    }
    if (blank(loop.getOutputCollection()) != blank(loop.getOutputElement())) {
      context.problem(
          element, "outputCollection and outputElement go together: give both or neither");
    }
    String condition =
        characteristics.getCompletionCondition() == null
            ? null
            : characteristics.getCompletionCondition().getTextContent();
    return new MultiInstance(
        characteristics.isSequential(),
        context.parseFeel(element, loop.getInputCollection()),
        blank(loop.getInputElement()) ? null : loop.getInputElement(),
        blank(loop.getOutputCollection()) ? null : loop.getOutputCollection(),
        blank(loop.getOutputElement()) ? null : context.parseFeel(element, loop.getOutputElement()),
        blank(condition) ? null : context.parseFeel(element, condition));
  }
}
