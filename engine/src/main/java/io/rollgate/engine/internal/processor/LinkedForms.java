package io.rollgate.engine.internal.processor;

import io.rollgate.engine.internal.api.Json;
import io.rollgate.engine.internal.model.FormLink;
import io.rollgate.engine.internal.state.ElementInstance;
import io.rollgate.engine.internal.state.EngineState;
import io.rollgate.engine.internal.state.FormDefinition;
import java.io.IOException;

/**
 * The form a user task's {@code zeebe:formDefinition} binds: the latest version, the one deployed
 * with the process, or the latest with a version tag.
 */
final class LinkedForms {
  private final EngineState state;

  LinkedForms(EngineState state) {
    this.state = state;
  }

  /** The form the link's binding chooses for the instance's process, or null when none fits. */
  FormDefinition find(ElementInstance instance, FormLink link) {
    var forms = state.formsById.get(link.formId());
    return switch (link.binding().type()) {
      case DEPLOYMENT -> {
        Long key =
            state.definitions.get(instance.processDefinitionKey).deployedForms.get(link.formId());
        yield key == null ? null : state.forms.get(key);
      }
      case VERSION_TAG ->
          forms == null
              ? null
              : forms.descendingMap().values().stream()
                  .filter(f -> link.binding().versionTag().equals(versionTag(f)))
                  .findFirst()
                  .orElse(null);
      case LATEST -> forms == null ? null : forms.lastEntry().getValue();
    };
  }

  /** The {@code FORM_NOT_FOUND} incident's message: which form, and how to resolve it. */
  static String notFound(FormLink link) {
    return "Expected to find a form with id '"
        + link.formId()
        + "', but no form with this id is found"
        + switch (link.binding().type()) {
          case DEPLOYMENT -> " in the deployment of the process (binding type 'deployment')";
          case VERSION_TAG ->
              " with version tag '" + link.binding().versionTag() + "' (binding type 'versionTag')";
          case LATEST -> ", at least a form with this id should be available";
        }
        + ". To resolve the incident, deploy the form and resolve the incident.";
  }

  /** A form's top-level {@code versionTag}, read from its JSON as deployed, or null. */
  private static String versionTag(FormDefinition form) {
    try {
      var tag = Json.MAPPER.readTree(form.schema).path("versionTag");
      return tag.isTextual() ? tag.asText() : null;
    } catch (IOException e) {
      return null;
    }
  }
}
