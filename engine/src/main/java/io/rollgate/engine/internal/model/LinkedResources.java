package io.rollgate.engine.internal.model;

import static io.rollgate.engine.internal.model.BuildContext.blank;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.camunda.zeebe.model.bpmn.instance.ExtensionElements;
import io.camunda.zeebe.model.bpmn.instance.FlowElement;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeBindingType;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeFormDefinition;
import io.camunda.zeebe.model.bpmn.instance.zeebe.ZeebeUserTaskForm;
import java.io.IOException;

/**
 * Reads how elements link other resources: the binding of a called process, decision or form, the
 * form of a user task or start event, and the forms embedded in the process.
 */
final class LinkedResources {
  private static final String EMBEDDED_FORM_PREFIX = "camunda-forms:bpmn:";
  private static final ObjectMapper EMBEDDED_FORM_JSON = new ObjectMapper();

  private final BuildContext context;

  LinkedResources(BuildContext context) {
    this.context = context;
  }

  /** Forms embedded in the process ({@code zeebe:userTaskForm}): their id and JSON. */
  void readEmbeddedForms() {
    ExtensionElements extensions = context.process.getExtensionElements();
    if (extensions == null) {
      return;
    }
    for (ZeebeUserTaskForm form :
        extensions.getElementsQuery().filterByType(ZeebeUserTaskForm.class).list()) {
      String id = form.getId();
      String json = form.getTextContent() == null ? "" : form.getTextContent().trim();
      if (blank(id)) {
        context.problem(context.process, "an embedded form (zeebe:userTaskForm) needs an id");
        continue;
      }
      try {
        if (!EMBEDDED_FORM_JSON.readTree(json).isObject()) {
          throw new IOException("not a JSON object");
        }
      } catch (IOException e) {
        context.problem(context.process, "the embedded form '" + id + "' is not a JSON object");
        continue;
      }
      context.embeddedForms.put(id, json);
    }
  }

  /**
   * The binding of a call activity, business rule task or user task form: latest (the default),
   * deployment or version tag.
   */
  Binding binding(FlowElement element, ZeebeBindingType binding, String versionTag) {
    if (binding == null || binding == ZeebeBindingType.latest) {
      return Binding.LATEST;
    }
    if (binding == ZeebeBindingType.deployment) {
      return new Binding(Binding.Type.DEPLOYMENT, null);
    }
    if (binding == ZeebeBindingType.versionTag) {
      if (blank(versionTag)) {
        context.problem(element, "the binding type 'versionTag' needs a versionTag");
      }
      return new Binding(Binding.Type.VERSION_TAG, versionTag);
    }
    context.problem(element, "the binding type '" + binding + "' is not supported");
    return Binding.LATEST;
  }

  /**
   * The form of a user task (any binding) or start event (latest only): a linked form ({@code
   * formId}) or an external reference / form key; null when the element has none.
   */
  FormLink form(FlowElement element, ElementType type) {
    ZeebeFormDefinition form = context.extension(element, ZeebeFormDefinition.class);
    if (form == null) {
      return null;
    }
    Binding binding = Binding.LATEST;
    if (type == ElementType.USER_TASK) {
      binding = binding(element, form.getBindingType(), form.getVersionTag());
    } else if (form.getBindingType() != null && form.getBindingType() != ZeebeBindingType.latest) {
      context.problem(
          element,
          "the binding type '"
              + form.getBindingType()
              + "' of a start form is not supported by the embedded engine");
    }
    String external =
        blank(form.getExternalReference()) ? form.getFormKey() : form.getExternalReference();
    String formKey = form.getFormKey();
    if (!blank(formKey) && formKey.startsWith(EMBEDDED_FORM_PREFIX)) {
      String id = formKey.substring(EMBEDDED_FORM_PREFIX.length());
      if (!context.embeddedForms.containsKey(id)) {
        context.problem(
            element,
            "the form key '"
                + formKey
                + "' names no form embedded in the process (zeebe:userTaskForm id '"
                + id
                + "')");
      }
    }
    return new FormLink(
        blank(form.getFormId()) ? null : form.getFormId(),
        blank(external) ? null : external,
        binding);
  }
}
