package io.rollgate.engine.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.command.ProblemException;
import io.camunda.client.api.search.response.Incident;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.rollgate.engine.testing.RollgateEngineTest;
import io.rollgate.engine.testing.TestEngine;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Models and variables written to take the engine down: each is refused or fails on its own, and
 * the engine goes on answering and creating instances.
 */
@RollgateEngineTest
class HostileModelsIT {
  static TestEngine ENGINE;

  private final CamundaClient client = ENGINE.client();

  @Test
  void feelWithTwoHundredNestedParenthesesIsRefusedAtDeploy() {
    // given
    String expression = "(".repeat(200) + "1" + ")".repeat(200);

    // when / then
    assertDeployRefused(
        Bpmn.createExecutableProcess("deep-parens")
            .startEvent()
            .serviceTask("nested", t -> t.zeebeJobType("w").zeebeInputExpression(expression, "x"))
            .endEvent()
            .done(),
        "nested");
    assertEngineAlive();
  }

  @Test
  void feelSumOfTwoThousandTermsIsRefusedAtDeploy() {
    // given
    String expression = "1" + "+1".repeat(1_999);

    // when / then
    assertDeployRefused(
        Bpmn.createExecutableProcess("long-sum")
            .startEvent()
            .scriptTask("sum", t -> t.zeebeExpression(expression).zeebeResultVariable("total"))
            .endEvent()
            .done(),
        "sum");
    assertEngineAlive();
  }

  @Test
  void dmnLiteralOfThreeThousandTermsIsRefusedAtDeploy() {
    // given
    String dmn =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
            + "<definitions xmlns=\"https://www.omg.org/spec/DMN/20191111/MODEL/\""
            + " id=\"deep-dmn\" name=\"Deep\" namespace=\"http://rollgate.io/dmn\">"
            + "<decision id=\"deep\" name=\"Deep\"><variable name=\"deep\"/>"
            + "<literalExpression id=\"deep-literal\"><text>1"
            + "+1".repeat(2_999)
            + "</text></literalExpression></decision></definitions>";

    // when / then
    assertDeployRefused(dmn, "deep.dmn");
    assertEngineAlive();
  }

  @Test
  void externalEntitiesInBpmnAndDmnAreRefusedWithoutBeingFetched() throws Exception {
    // given: a server on loopback that counts every request a resolved entity would make
    AtomicInteger fetched = new AtomicInteger();
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/",
        exchange -> {
          fetched.incrementAndGet();
          exchange.sendResponseHeaders(200, -1);
          exchange.close();
        });
    server.start();
    try {
      String entity =
          "<!DOCTYPE definitions [<!ENTITY secret SYSTEM \"http://127.0.0.1:"
              + server.getAddress().getPort()
              + "/secret\">]>";

      // when / then
      assertDeployRefused(bpmn("xxe-process", entity, "&secret;"), "xxe-process.bpmn");
      assertDeployRefused(dmn("xxe-decision", entity, "&secret;"), "xxe-decision.dmn");
      assertThat(fetched).as("requests the entities made").hasValue(0);
    } finally {
      server.stop(0);
    }
    assertNothingDeployed("xxe-process", "xxe-decision");
    assertEngineAlive();
  }

  @Test
  void entityExpansionInBpmnAndDmnIsRefused() {
    // given: a billion laughs, ten levels of ten references each
    StringBuilder entities = new StringBuilder("<!DOCTYPE definitions [<!ENTITY lol0 \"lol\">");
    for (int i = 1; i <= 9; i++) {
      entities
          .append("<!ENTITY lol")
          .append(i)
          .append(" \"")
          .append(("&lol" + (i - 1) + ";").repeat(10))
          .append("\">");
    }
    String doctype = entities.append("]>").toString();

    // when / then
    assertDeployRefused(bpmn("laughs-process", doctype, "&lol9;"), "laughs-process.bpmn");
    assertDeployRefused(dmn("laughs-decision", doctype, "&lol9;"), "laughs-decision.dmn");
    assertNothingDeployed("laughs-process", "laughs-decision");
    assertEngineAlive();
  }

  /**
   * A one-task process named {@code id} whose task's name is {@code name}, after {@code doctype}.
   */
  private static String bpmn(String id, String doctype, String name) {
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
        + doctype
        + "<definitions xmlns=\"http://www.omg.org/spec/BPMN/20100524/MODEL\""
        + " id=\"d-"
        + id
        + "\" targetNamespace=\"http://rollgate.io/bpmn\"><process id=\""
        + id
        + "\" isExecutable=\"true\"><startEvent id=\"start\" name=\""
        + name
        + "\"/></process></definitions>";
  }

  /**
   * A decision named {@code id} whose literal expression is {@code text}, after {@code doctype}.
   */
  private static String dmn(String id, String doctype, String text) {
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
        + doctype
        + "<definitions xmlns=\"https://www.omg.org/spec/DMN/20191111/MODEL/\""
        + " id=\"d-"
        + id
        + "\" name=\"D\" namespace=\"http://rollgate.io/dmn\"><decision id=\""
        + id
        + "\" name=\"D\"><variable name=\""
        + id
        + "\"/><literalExpression><text>\""
        + text
        + "\"</text></literalExpression></decision></definitions>";
  }

  private void assertDeployRefused(String resource, String name) {
    assertThatThrownBy(
            () ->
                client
                    .newDeployResourceCommand()
                    .addResourceStringUtf8(resource, name)
                    .send()
                    .join())
        .isInstanceOfSatisfying(
            ProblemException.class,
            problem -> {
              assertThat(problem.code()).isEqualTo(400);
              assertThat(problem.details().getDetail()).contains(name);
            });
  }

  private void assertNothingDeployed(String processId, String decisionId) {
    assertThat(
            client
                .newProcessDefinitionSearchRequest()
                .filter(f -> f.processDefinitionId(processId))
                .send()
                .join()
                .items())
        .isEmpty();
    assertThat(
            client
                .newDecisionDefinitionSearchRequest()
                .filter(f -> f.decisionDefinitionId(decisionId))
                .send()
                .join()
                .items())
        .isEmpty();
  }

  @Test
  void twoThousandNestedSubProcessesAreRefusedAtDeploy() {
    // given
    int depth = 2_000;
    StringBuilder xml =
        new StringBuilder(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
                + "<bpmn:definitions xmlns:bpmn=\"http://www.omg.org/spec/BPMN/20100524/MODEL\""
                + " id=\"defs\" targetNamespace=\"http://rollgate.io\">"
                + "<bpmn:process id=\"deep-scopes\" isExecutable=\"true\">"
                + "<bpmn:startEvent id=\"start\"/>"
                + "<bpmn:sequenceFlow id=\"f0\" sourceRef=\"start\" targetRef=\"sub0\"/>");
    for (int i = 0; i < depth; i++) {
      xml.append("<bpmn:subProcess id=\"sub").append(i).append("\">");
      xml.append("<bpmn:startEvent id=\"s").append(i).append("\"/>");
      if (i < depth - 1) {
        xml.append("<bpmn:sequenceFlow id=\"fs")
            .append(i)
            .append("\" sourceRef=\"s")
            .append(i)
            .append("\" targetRef=\"sub")
            .append(i + 1)
            .append("\"/>");
      }
    }
    for (int i = depth - 1; i >= 0; i--) {
      xml.append("</bpmn:subProcess>");
    }
    xml.append("</bpmn:process></bpmn:definitions>");

    // when / then
    assertThatThrownBy(
            () ->
                client
                    .newDeployResourceCommand()
                    .addResourceStringUtf8(xml.toString(), "deep-scopes.bpmn")
                    .send()
                    .join())
        .isInstanceOfSatisfying(
            ProblemException.class,
            problem -> {
              assertThat(problem.code()).isEqualTo(400);
              assertThat(problem.details().getDetail()).contains("nested");
            });
    assertEngineAlive();
  }

  @Test
  void aHundredMillionElementForLoopIsAnIncidentOfItsElement() {
    // given
    ENGINE.deploy(
        Bpmn.createExecutableProcess("huge-loop")
            .startEvent()
            .scriptTask(
                "count",
                t ->
                    t.zeebeExpression("count(for x in 1..100000000 return x)")
                        .zeebeResultVariable("n"))
            .endEvent()
            .done());

    // when
    long key =
        client
            .newCreateInstanceCommand()
            .bpmnProcessId("huge-loop")
            .latestVersion()
            .send()
            .join()
            .getProcessInstanceKey();

    // then
    assertThat(incidentOf(key).getElementId()).isEqualTo("count");
    assertThat(incidentOf(key).getErrorMessage()).contains("budget");
    assertEngineAlive();
  }

  @Test
  void aLoopOverAVariableOfThreeMillionIsAnIncidentWhileTheEngineGoesOnAnswering()
      throws Exception {
    // given
    ENGINE.deploy(
        Bpmn.createExecutableProcess("variable-loop")
            .startEvent()
            .serviceTask(
                "work",
                t -> t.zeebeJobType("never").zeebeInputExpression("for x in 1..n return x", "xs"))
            .endEvent()
            .done());

    // when
    var creation =
        client
            .newCreateInstanceCommand()
            .bpmnProcessId("variable-loop")
            .latestVersion()
            .variables(java.util.Map.of("n", 3_000_000))
            .send();
    assertTopologyAnswersWithinASecond();
    long key = creation.join().getProcessInstanceKey();

    // then
    assertThat(incidentOf(key).getElementId()).isEqualTo("work");
    assertEngineAlive();
  }

  @Test
  void aFlowWithoutWaitStateThatLoopsForeverIsAnIncident() {
    // given: a task whose flow leads back to itself, with nothing to wait for
    ENGINE.deploy(
        Bpmn.createExecutableProcess("endless")
            .startEvent("start")
            .manualTask("again")
            .exclusiveGateway("choice")
            .defaultFlow()
            .connectTo("again")
            .done());

    // when
    long key =
        client
            .newCreateInstanceCommand()
            .bpmnProcessId("endless")
            .latestVersion()
            .send()
            .join()
            .getProcessInstanceKey();

    // then
    assertThat(incidentOf(key).getErrorMessage()).contains("wait state");
    assertEngineAlive();
  }

  private Incident incidentOf(long processInstanceKey) {
    return await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                client
                    .newIncidentSearchRequest()
                    .filter(f -> f.processInstanceKey(processInstanceKey))
                    .send()
                    .join()
                    .items(),
            items -> !items.isEmpty())
        .get(0);
  }

  private void assertDeployRefused(
      io.camunda.zeebe.model.bpmn.BpmnModelInstance model, String elementId) {
    assertThatThrownBy(() -> ENGINE.deploy(model))
        .isInstanceOfSatisfying(
            ProblemException.class,
            problem -> {
              assertThat(problem.code()).isEqualTo(400);
              assertThat(problem.details().getDetail()).contains(elementId);
            });
  }

  /** Topology within a second and a new instance: what every hostile input must leave intact. */
  static void assertEngineAlive(URI rest, CamundaClient client) {
    try {
      assertTopologyAnswersWithinASecond(rest);
    } catch (Exception e) {
      throw new AssertionError("topology did not answer", e);
    }
    client
        .newDeployResourceCommand()
        .addProcessModel(
            Bpmn.createExecutableProcess("alive").startEvent().endEvent().done(), "alive.bpmn")
        .send()
        .join();
    assertThat(
            client
                .newCreateInstanceCommand()
                .bpmnProcessId("alive")
                .latestVersion()
                .send()
                .join()
                .getProcessInstanceKey())
        .isPositive();
  }

  static void assertTopologyAnswersWithinASecond(URI rest) throws Exception {
    HttpResponse<String> topology =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(rest + "/v2/topology"))
                    .timeout(Duration.ofSeconds(1))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(topology.statusCode()).isEqualTo(200);
    assertThat(topology.body()).contains("brokers");
  }

  private void assertTopologyAnswersWithinASecond() throws Exception {
    Thread.sleep(200); // the creation is being processed
    assertTopologyAnswersWithinASecond(ENGINE.restAddress());
  }

  private void assertEngineAlive() {
    assertEngineAlive(ENGINE.restAddress(), client);
  }
}
