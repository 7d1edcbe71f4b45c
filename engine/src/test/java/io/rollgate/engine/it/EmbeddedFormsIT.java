package io.rollgate.engine.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.command.ProblemException;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.rollgate.engine.testing.RollgateEngineTest;
import io.rollgate.engine.testing.TestEngine;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Forms embedded in the process definition ({@code zeebe:userTaskForm}), named by a job-based user
 * task's form key.
 */
@RollgateEngineTest
class EmbeddedFormsIT {
  static TestEngine ENGINE;

  private static final String FORM =
      "{\"id\":\"approval-form\",\"type\":\"default\",\"components\":"
          + "[{\"key\":\"approved\",\"label\":\"Approve the release\",\"type\":\"checkbox\"}]}";

  private static CamundaClient client() {
    return ENGINE.client();
  }

  @Test
  void aJobBasedUserTaskCarriesTheFormKeyAndTheFormStaysInTheDefinition() {
    // given
    BpmnModelInstance model =
        Bpmn.createExecutableProcess("embedded-form")
            .startEvent()
            .userTask("approve", t -> t.zeebeUserTaskForm("approval", FORM))
            .endEvent()
            .done();
    long definition = ENGINE.deploy(model).getProcesses().get(0).getProcessDefinitionKey();
    long instance = new Processes(client()).start("embedded-form", Map.of());

    // when
    ActivatedJob job = new Processes(client()).activateOne("io.camunda.zeebe:userTask");

    // then
    assertThat(job.getCustomHeaders())
        .containsEntry("io.camunda.zeebe:formKey", "camunda-forms:bpmn:approval");
    assertThat(client().newProcessDefinitionGetXmlRequest(definition).send().join())
        .contains("userTaskForm")
        .contains("Approve the release");
    client().newCompleteCommand(job).variables(Map.of("approved", true)).send().join();
    new Processes(client()).awaitCompleted(instance);
  }

  @Test
  void aFormKeyNamingNoEmbeddedFormIsRefused() {
    BpmnModelInstance model =
        Bpmn.createExecutableProcess("embedded-form-missing")
            .startEvent()
            .userTask("approve", t -> t.zeebeFormKey("camunda-forms:bpmn:nowhere"))
            .endEvent()
            .done();

    assertThatThrownBy(() -> ENGINE.deploy(model))
        .isInstanceOf(ProblemException.class)
        .hasMessageContaining("approve")
        .hasMessageContaining("nowhere");
  }
}
