package io.rollgate.engine.internal.model;

import java.util.Map;

/** One executable process of a deployed BPMN resource. */
public final class ProcessModel {
  private final String processId;
  private final String name;
  private final FlowNode root;
  private final Map<String, FlowNode> nodes;
  private final Map<String, SequenceFlow> flows;
  private String versionTag;
  private Map<String, String> embeddedForms = Map.of();

  ProcessModel(
      String processId,
      String name,
      FlowNode root,
      Map<String, FlowNode> nodes,
      Map<String, SequenceFlow> flows) {
    this.processId = processId;
    this.name = name;
    this.root = root;
    this.nodes = nodes;
    this.flows = flows;
  }

  ProcessModel withEmbeddedForms(Map<String, String> forms) {
    this.embeddedForms = Map.copyOf(forms);
    return this;
  }

  /** The form JSON of a {@code zeebe:userTaskForm} embedded in the process, by its id, or null. */
  public String embeddedForm(String id) {
    return embeddedForms.get(id);
  }

  ProcessModel withVersionTag(String tag) {
    this.versionTag = tag;
    return this;
  }

  public String processId() {
    return processId;
  }

  public String name() {
    return name;
  }

  /** The process's {@code zeebe:versionTag}, or null. */
  public String versionTag() {
    return versionTag;
  }

  /** Whether the process's none start event links a form (by form id or external reference). */
  public boolean hasStartForm() {
    FormLink form = startForm();
    return form != null && (form.formId() != null || form.externalReference() != null);
  }

  /** The form id the process's none start event links, or null. */
  public String startFormId() {
    FormLink form = startForm();
    return form == null ? null : form.formId();
  }

  private FormLink startForm() {
    return root.noneStart() != null
            && root.noneStart().spec() instanceof ElementSpec.StartForm start
        ? start.form()
        : null;
  }

  /** The process as the root scope. */
  public FlowNode root() {
    return root;
  }

  /**
   * @throws IllegalArgumentException when the model has no such element
   */
  public FlowNode node(String elementId) {
    FlowNode node = nodes.get(elementId);
    if (node == null) {
      throw new IllegalArgumentException("no element '" + elementId + "' in process " + processId);
    }
    return node;
  }

  public SequenceFlow flow(String flowId) {
    return flows.get(flowId);
  }
}
