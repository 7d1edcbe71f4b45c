package io.rollgate.engine.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.client.CamundaClient;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.rollgate.engine.RollgateEngine;
import java.net.URI;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** The test extension hands out one running engine per class and purges it when asked. */
@RollgateEngineTest(purgeBetweenTests = true)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RollgateEngineTestIT {
  static TestEngine ENGINE;
  private CamundaClient client;

  @Test
  @Order(1)
  void injectsTheSameRunningEngineByFieldAndParameter(
      RollgateEngine engine, URI restAddress, CamundaClient parameterClient) {
    // when
    ENGINE.deploy(Bpmn.createExecutableProcess("injected").startEvent().endEvent().done());

    // then
    assertThat(engine).isSameAs(ENGINE.engine());
    assertThat(restAddress).isEqualTo(ENGINE.restAddress());
    assertThat(parameterClient).isSameAs(client);
    assertThat(definitions()).isEqualTo(1);
  }

  @Test
  @Order(2)
  void startsEachTestOnAnEmptyEngineWhenPurgeIsAsked() {
    // then
    assertThat(definitions()).isZero();
  }

  private int definitions() {
    return client.newProcessDefinitionSearchRequest().send().join().items().size();
  }
}
