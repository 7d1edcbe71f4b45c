package io.rollgate.engine.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.client.api.search.response.ElementInstance;
import io.camunda.client.api.search.response.Variable;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.rollgate.engine.testing.RollgateEngineTest;
import io.rollgate.engine.testing.TestEngine;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Variable scoping and propagation, one test per rule as the Camunda 8 documentation states it
 * (concepts: variables; BPMN: call activities). Each test names the rule it checks; the comment
 * above it quotes the rule in short.
 */
@RollgateEngineTest
class VariablePropagationIT {
  static TestEngine ENGINE;

  private final CamundaClient client = ENGINE.client();
  private final Processes processes = new Processes(client);

  /** Variables declared directly in one scope of an instance, values as JSON text. */
  private Map<String, String> scope(long processInstanceKey, long scopeKey) {
    return client
        .newVariableSearchRequest()
        .filter(f -> f.processInstanceKey(processInstanceKey).scopeKey(scopeKey))
        .page(p -> p.limit(1000))
        .send()
        .join()
        .items()
        .stream()
        .collect(Collectors.toMap(Variable::getName, Variable::getValue));
  }

  private long elementKey(long processInstanceKey, String elementId) {
    return processes.elements(processInstanceKey).stream()
        .filter(e -> e.getElementId().equals(elementId))
        .map(ElementInstance::getElementInstanceKey)
        .findFirst()
        .orElseThrow();
  }

  private List<Long> elementKeys(long processInstanceKey, String elementId) {
    return processes.elements(processInstanceKey).stream()
        .filter(e -> e.getElementId().equals(elementId))
        .map(ElementInstance::getElementInstanceKey)
        .toList();
  }

  private long calledInstance(long parent) {
    return client
        .newProcessInstanceSearchRequest()
        .filter(f -> f.parentProcessInstanceKey(parent))
        .send()
        .join()
        .items()
        .get(0)
        .getProcessInstanceKey();
  }

  private static <T> List<T> reversed(List<T> list) {
    List<T> copy = new java.util.ArrayList<>(list);
    java.util.Collections.reverse(copy);
    return copy;
  }

  private void deployChild(String processId, String jobType) {
    ENGINE.deploy(
        Bpmn.createExecutableProcess(processId)
            .startEvent()
            .serviceTask("work", t -> t.zeebeJobType(jobType))
            .endEvent()
            .done());
  }

  // --- from the caller to the called instance --------------------------------------------------

  /**
   * Rule: "By default, all variables of the call activity scope are copied to the created process
   * instance" (propagateAllParentVariables defaults to true) — that is every variable the call
   * activity sees, including those of enclosing sub-processes.
   */
  @Test
  void byDefaultTheCalledInstanceGetsEveryVariableTheCallActivitySees() {
    // given
    deployChild("pp-child", "pp-work");
    ENGINE.deploy(
        Bpmn.createExecutableProcess("pp-parent")
            .startEvent()
            .subProcess("stage", s -> s.zeebeInputExpression("\"eu\"", "region"))
            .embeddedSubProcess()
            .startEvent()
            .callActivity("call", c -> c.zeebeProcessId("pp-child"))
            .endEvent()
            .subProcessDone()
            .endEvent()
            .done());

    // when
    long parent = processes.start("pp-parent", Map.of("service", "payments", "wave", 1));
    ActivatedJob job = processes.activateOne("pp-work");

    // then
    assertThat(job.getVariablesAsMap())
        .containsEntry("service", "payments")
        .containsEntry("wave", 1)
        .containsEntry("region", "eu");
    long child = calledInstance(parent);
    assertThat(scope(child, child)).containsOnlyKeys("service", "wave", "region");
    client.newCompleteCommand(job).send().join();
    processes.awaitCompleted(parent);
  }

  /**
   * Rule: with propagateAllParentVariables="false" only the local variables of the call activity —
   * those its input mappings create — are copied to the created process instance.
   */
  @Test
  void propagateAllParentVariablesOffHandsOverOnlyTheInputMappedVariables() {
    // given
    deployChild("ppo-child", "ppo-work");
    ENGINE.deploy(
        Bpmn.createExecutableProcess("ppo-parent")
            .startEvent()
            .callActivity(
                "call",
                c ->
                    c.zeebeProcessId("ppo-child")
                        .zeebePropagateAllParentVariables(false)
                        .zeebeInputExpression("service", "name"))
            .endEvent()
            .done());

    // when
    long parent = processes.start("ppo-parent", Map.of("service", "payments", "token", "s3cr3t"));
    ActivatedJob job = processes.activateOne("ppo-work");

    // then
    assertThat(job.getVariablesAsMap()).containsOnlyKeys("name").containsEntry("name", "payments");
    long child = calledInstance(parent);
    assertThat(scope(child, child)).containsOnlyKeys("name");
    client.newCompleteCommand(job).send().join();
    processes.awaitCompleted(parent);
  }

  /**
   * Rule: input mappings create local variables of the call activity, and "these variables are also
   * copied to the created process instance"; with propagateAllParentVariables left at true the
   * other variables of the call activity scope are copied as well (input mappings add to what is
   * handed over, they do not restrict it). A mapped variable shadows an outer one of the same name.
   */
  @Test
  void inputMappingsAddToWhatIsHandedOverWhenPropagateAllParentVariablesIsOn() {
    // given
    deployChild("ppi-child", "ppi-work");
    ENGINE.deploy(
        Bpmn.createExecutableProcess("ppi-parent")
            .startEvent()
            .callActivity(
                "call",
                c ->
                    c.zeebeProcessId("ppi-child")
                        .zeebeInputExpression("\"staging\"", "environment")
                        .zeebeInputExpression("upper case(service)", "service"))
            .endEvent()
            .done());

    // when
    long parent = processes.start("ppi-parent", Map.of("service", "payments", "owner", "ana"));
    ActivatedJob job = processes.activateOne("ppi-work");

    // then
    assertThat(job.getVariablesAsMap())
        .containsEntry("environment", "staging")
        .containsEntry("service", "PAYMENTS")
        .containsEntry("owner", "ana");
    client.newCompleteCommand(job).send().join();
    processes.awaitCompleted(parent);
    assertThat(processes.rootVariables(parent))
        .containsEntry("service", "\"payments\"")
        .doesNotContainKey("environment");
  }

  // --- from the called instance back to the caller ---------------------------------------------

  /**
   * Rule: "If the attribute propagateAllChildVariables is set (default: true), all variables of the
   * created process instance are propagated to the call activity" — merged outwards from the call
   * activity as any result is: a variable updates the nearest scope that already has it, a new one
   * is created in the root scope.
   */
  @Test
  void byDefaultAllVariablesOfTheCalledInstanceArePropagatedToTheCaller() {
    // given
    deployChild("pc-child", "pc-work");
    ENGINE.deploy(
        Bpmn.createExecutableProcess("pc-parent")
            .startEvent()
            .subProcess("stage", s -> s.zeebeInputExpression("\"eu\"", "region"))
            .embeddedSubProcess()
            .startEvent()
            .callActivity("call", c -> c.zeebeProcessId("pc-child"))
            .userTask("hold", u -> u.zeebeUserTask())
            .endEvent()
            .subProcessDone()
            .endEvent()
            .done());
    long parent = processes.start("pc-parent", Map.of("service", "payments"));

    // when
    processes.complete("pc-work", Map.of("service", "billing", "region", "us", "verdict", "GO"));

    // then
    long stage = elementKey(parent, "stage");
    org.awaitility.Awaitility.await()
        .untilAsserted(() -> assertThat(processes.activeElementIds(parent)).contains("hold"));
    assertThat(scope(parent, stage)).containsOnly(Map.entry("region", "\"us\""));
    assertThat(processes.rootVariables(parent))
        .containsEntry("service", "\"billing\"")
        .containsEntry("verdict", "\"GO\"")
        .doesNotContainKey("region");
  }

  /**
   * Rule: output mappings on the call activity customise the default: "the output mappings are
   * applied on completing the call activity and only those variables that are defined in the output
   * mappings are propagated", also while propagateAllChildVariables is true.
   */
  @Test
  void outputMappingsLimitWhatComesBackEvenWithPropagateAllChildVariablesOn() {
    // given
    deployChild("pco-child", "pco-work");
    ENGINE.deploy(
        Bpmn.createExecutableProcess("pco-parent")
            .startEvent()
            .callActivity(
                "call",
                c ->
                    c.zeebeProcessId("pco-child")
                        .zeebePropagateAllChildVariables(true)
                        .zeebeOutputExpression("verdict", "readiness"))
            .endEvent()
            .done());
    long parent = processes.start("pco-parent", Map.of("service", "payments"));

    // when
    processes.complete("pco-work", Map.of("verdict", "GO", "log", "12 checks", "service", "x"));

    // then
    processes.awaitCompleted(parent);
    assertThat(processes.rootVariables(parent))
        .containsOnly(Map.entry("service", "\"payments\""), Map.entry("readiness", "\"GO\""));
  }

  /**
   * Rule: with propagateAllChildVariables="false" and no output mappings, no variable of the
   * created process instance comes back to the caller.
   */
  @Test
  void propagateAllChildVariablesOffWithoutOutputMappingsBringsNothingBack() {
    // given
    deployChild("pcn-child", "pcn-work");
    ENGINE.deploy(
        Bpmn.createExecutableProcess("pcn-parent")
            .startEvent()
            .callActivity(
                "call", c -> c.zeebeProcessId("pcn-child").zeebePropagateAllChildVariables(false))
            .endEvent()
            .done());
    long parent = processes.start("pcn-parent", Map.of("service", "payments"));

    // when
    processes.complete("pcn-work", Map.of("verdict", "GO", "service", "billing"));

    // then
    processes.awaitCompleted(parent);
    assertThat(processes.rootVariables(parent)).containsOnly(Map.entry("service", "\"payments\""));
    long child = calledInstance(parent);
    assertThat(scope(child, child)).containsEntry("verdict", "\"GO\"");
  }

  /**
   * Rule: with propagateAllChildVariables="false" only the variables named by output mappings are
   * propagated — and the output mappings read the created process instance's variables, which
   * shadow the caller's variables of the same name. The reported fault: the mapping got null.
   */
  @Test
  void propagateAllChildVariablesOffBringsBackOnlyTheMappedValuesReadFromTheCalledInstance() {
    // given
    deployChild("pcm-child", "pcm-work");
    ENGINE.deploy(
        Bpmn.createExecutableProcess("pcm-parent")
            .startEvent()
            .callActivity(
                "call",
                c ->
                    c.zeebeProcessId("pcm-child")
                        .zeebePropagateAllChildVariables(false)
                        .zeebeOutputExpression("childResult", "fromChild")
                        .zeebeOutputExpression("status", "outcome"))
            .endEvent()
            .done());
    long parent = processes.start("pcm-parent", Map.of("status", "pending"));

    // when
    processes.complete("pcm-work", Map.of("childResult", 42, "status", "done", "log", "ok"));

    // then
    processes.awaitCompleted(parent);
    assertThat(processes.rootVariables(parent))
        .containsOnly(
            Map.entry("status", "\"pending\""),
            Map.entry("fromChild", "42"),
            Map.entry("outcome", "\"done\""));
  }

  /**
   * Rule: an output mapping whose target is a path ({@code release.readiness}) writes only that
   * property and merges it into the existing variable, keeping its other properties.
   */
  @Test
  void outputMappingToANestedTargetKeepsTheOtherProperties() {
    // given
    deployChild("pcd-child", "pcd-work");
    ENGINE.deploy(
        Bpmn.createExecutableProcess("pcd-parent")
            .startEvent()
            .callActivity(
                "call",
                c ->
                    c.zeebeProcessId("pcd-child")
                        .zeebePropagateAllChildVariables(false)
                        .zeebeOutputExpression("verdict", "release.readiness"))
            .endEvent()
            .done());
    long parent = processes.start("pcd-parent", Map.of("release", Map.of("id", "R-7")));

    // when
    processes.complete("pcd-work", Map.of("verdict", "GO"));

    // then
    processes.awaitCompleted(parent);
    assertThat(processes.rootVariables(parent))
        .containsOnly(Map.entry("release", "{\"id\":\"R-7\",\"readiness\":\"GO\"}"));
  }

  /**
   * Rule: "when an interrupting boundary event is triggered, the call activity and the created
   * process instance are terminated. The variables of the created process instance are not
   * propagated to the call activity."
   */
  @Test
  void anInterruptedCallActivityBringsNothingBack() {
    // given
    deployChild("pcb-child", "pcb-work");
    ENGINE.deploy(
        Bpmn.createExecutableProcess("pcb-parent")
            .startEvent()
            .callActivity("call", c -> c.zeebeProcessId("pcb-child"))
            .boundaryEvent(
                "abort",
                b -> b.message(m -> m.name("pcb-abort").zeebeCorrelationKeyExpression("changeId")))
            .endEvent("aborted")
            .moveToActivity("call")
            .endEvent("done")
            .done());
    long parent = processes.start("pcb-parent", Map.of("changeId", "CHG-9"));
    long child =
        org.awaitility.Awaitility.await()
            .ignoreExceptions()
            .until(() -> calledInstance(parent), key -> key > 0);
    client.newSetVariablesCommand(child).variables(Map.of("progress", 50)).send().join();

    // when
    client
        .newCorrelateMessageCommand()
        .messageName("pcb-abort")
        .correlationKey("CHG-9")
        .send()
        .join();

    // then
    processes.awaitCompleted(parent);
    assertThat(processes.completedElementIds(parent)).contains("aborted").doesNotContain("done");
    assertThat(processes.rootVariables(parent)).containsOnlyKeys("changeId");
  }

  // --- scopes within one process instance ------------------------------------------------------

  /**
   * Rule: "when an input mapping is applied, it creates a new local variable in the scope where the
   * mapping is defined"; local variables are not seen outside that scope. A job variable of the
   * same name stops at that scope ("the propagation ends when a scope contains a variable with the
   * same name") and so does not reach the process either.
   */
  @Test
  void inputMappedVariablesStayLocalToTheirElement() {
    // given
    ENGINE.deploy(
        Bpmn.createExecutableProcess("local-in")
            .startEvent()
            .serviceTask(
                "deploy",
                t ->
                    t.zeebeJobType("local-in-work")
                        .zeebeInputExpression("service", "target")
                        .zeebeInputExpression("\"draft\"", "note"))
            .endEvent()
            .done());
    long instance = processes.start("local-in", Map.of("service", "payments"));

    // when
    ActivatedJob job = processes.activateOne("local-in-work");
    client
        .newCompleteCommand(job)
        .variables(Map.of("note", "done", "deployed", true))
        .send()
        .join();

    // then
    assertThat(job.getVariablesAsMap()).containsEntry("target", "payments");
    processes.awaitCompleted(instance);
    assertThat(processes.rootVariables(instance))
        .containsOnly(Map.entry("service", "\"payments\""), Map.entry("deployed", "true"));
    assertThat(scope(instance, job.getElementInstanceKey()))
        .containsOnly(Map.entry("target", "\"payments\""), Map.entry("note", "\"done\""));
  }

  /**
   * Rule (the documentation's propagation example): variables merged on job completion propagate
   * from the activity to higher scopes; each updates the nearest scope that has a variable of that
   * name, and one that no scope has is created in the root scope — not in the embedded sub-process
   * the task runs in.
   */
  @Test
  void jobVariablesUpdateTheNearestScopeThatHasThemAndNewOnesGoToTheRoot() {
    // given
    ENGINE.deploy(
        Bpmn.createExecutableProcess("propagate")
            .startEvent()
            .subProcess("stage", s -> s.zeebeInputExpression("\"c0\"", "c"))
            .embeddedSubProcess()
            .startEvent()
            .serviceTask("taskB", t -> t.zeebeJobType("propagate-b"))
            .userTask("hold", u -> u.zeebeUserTask())
            .endEvent()
            .subProcessDone()
            .endEvent()
            .done());
    long instance = processes.start("propagate", Map.of("a", "a0", "b", "b0"));

    // when
    processes.complete("propagate-b", Map.of("b", "b1", "c", "c1", "d", "d1"));

    // then
    org.awaitility.Awaitility.await()
        .untilAsserted(() -> assertThat(processes.activeElementIds(instance)).contains("hold"));
    assertThat(processes.rootVariables(instance))
        .containsOnly(Map.entry("a", "\"a0\""), Map.entry("b", "\"b1\""), Map.entry("d", "\"d1\""));
    assertThat(scope(instance, elementKey(instance, "stage")))
        .containsOnly(Map.entry("c", "\"c1\""));
  }

  /**
   * Rule: "if one or more output mappings are defined, the result variables are set as local
   * variables in the scope where the mapping is defined"; the mappings create new variables that
   * are merged into the parent scope (nearest scope that has them, else the root); result variables
   * without a mapping are not merged.
   */
  @Test
  void taskOutputMappingsKeepTheResultLocalAndMergeOnlyTheMappedVariables() {
    // given
    ENGINE.deploy(
        Bpmn.createExecutableProcess("task-out")
            .startEvent()
            .subProcess("stage", s -> s.zeebeInputExpression("\"open\"", "paymentStatus"))
            .embeddedSubProcess()
            .startEvent()
            .serviceTask(
                "collect",
                t ->
                    t.zeebeJobType("task-out-work")
                        .zeebeOutputExpression("result.status", "paymentStatus")
                        .zeebeOutputExpression("result.transactionId", "transactionId"))
            .userTask("hold", u -> u.zeebeUserTask())
            .endEvent()
            .subProcessDone()
            .endEvent()
            .done());
    long instance = processes.start("task-out", Map.of());

    // when
    ActivatedJob job = processes.activateOne("task-out-work");
    client
        .newCompleteCommand(job)
        .variables(Map.of("result", Map.of("status", "Ok", "transactionId", "t-789"), "extra", 1))
        .send()
        .join();

    // then
    org.awaitility.Awaitility.await()
        .untilAsserted(() -> assertThat(processes.activeElementIds(instance)).contains("hold"));
    assertThat(scope(instance, job.getElementInstanceKey())).containsOnlyKeys("result", "extra");
    assertThat(scope(instance, elementKey(instance, "stage")))
        .containsOnly(Map.entry("paymentStatus", "\"Ok\""));
    assertThat(processes.rootVariables(instance))
        .containsOnly(Map.entry("transactionId", "\"t-789\""));
  }

  /**
   * Rule: an embedded sub-process propagates nothing by default — its local variables are discarded
   * when it completes — unless its output mappings propagate them.
   */
  @Test
  void subProcessLocalsAreDiscardedUnlessItsOutputMappingsPropagateThem() {
    // given
    ENGINE.deploy(
        Bpmn.createExecutableProcess("sub-out")
            .startEvent()
            .subProcess(
                "stage",
                s ->
                    s.zeebeInputExpression("\"scratch\"", "draft")
                        .zeebeInputExpression("\"v1\"", "kept")
                        .zeebeOutputExpression("kept", "published"))
            .embeddedSubProcess()
            .startEvent()
            .endEvent()
            .subProcessDone()
            .endEvent()
            .done());

    // when
    long instance = processes.start("sub-out", Map.of("service", "payments"));

    // then
    processes.awaitCompleted(instance);
    assertThat(processes.rootVariables(instance))
        .containsOnly(Map.entry("service", "\"payments\""), Map.entry("published", "\"v1\""));
  }

  /**
   * Rule: input mappings treat a path target ({@code sender.name}) as the whole variable: the
   * nested object is written at that path and replaces the outer variable's value in the element's
   * scope, while mappings evaluated in order build it up.
   */
  @Test
  void inputMappingToANestedTargetBuildsANewLocalObject() {
    // given
    ENGINE.deploy(
        Bpmn.createExecutableProcess("nested-in")
            .startEvent()
            .serviceTask(
                "notify",
                t ->
                    t.zeebeJobType("nested-in-work")
                        .zeebeInputExpression("customer", "sender.name")
                        .zeebeInputExpression("iban", "sender.iban"))
            .endEvent()
            .done());
    long instance =
        processes.start(
            "nested-in",
            Map.of("customer", "John", "iban", "DE456", "sender", Map.of("name", "old", "x", 1)));

    // when
    ActivatedJob job = processes.activateOne("nested-in-work");

    // then
    assertThat(job.getVariablesAsMap())
        .containsEntry("sender", Map.of("name", "John", "iban", "DE456"));
    client.newCompleteCommand(job).send().join();
    processes.awaitCompleted(instance);
    assertThat(processes.rootVariables(instance).get("sender"))
        .contains("\"name\":\"old\"", "\"x\":1");
  }

  /**
   * Rule: setting variables on an element instance without {@code local} propagates them like a job
   * result (nearest scope that has them, else the root); with {@code local} they are created in
   * exactly that scope.
   */
  @Test
  void setVariablesPropagatesLikeAResultOrStaysLocalWhenAsked() {
    // given
    ENGINE.deploy(
        Bpmn.createExecutableProcess("set-vars")
            .startEvent()
            .subProcess("stage", s -> s.zeebeInputExpression("\"c0\"", "c"))
            .embeddedSubProcess()
            .startEvent()
            .serviceTask("wait", t -> t.zeebeJobType("set-vars-wait"))
            .endEvent()
            .subProcessDone()
            .endEvent()
            .done());
    long instance = processes.start("set-vars", Map.of("a", "a0"));
    ActivatedJob job = processes.activateOne("set-vars-wait");

    // when
    client
        .newSetVariablesCommand(job.getElementInstanceKey())
        .variables(Map.of("a", "a1", "c", "c1", "d", "d1"))
        .send()
        .join();
    client
        .newSetVariablesCommand(job.getElementInstanceKey())
        .variables(Map.of("e", "e1"))
        .local(true)
        .send()
        .join();

    // then
    assertThat(processes.rootVariables(instance))
        .containsOnly(Map.entry("a", "\"a1\""), Map.entry("d", "\"d1\""));
    assertThat(scope(instance, elementKey(instance, "stage")))
        .containsOnly(Map.entry("c", "\"c1\""));
    assertThat(scope(instance, job.getElementInstanceKey())).containsOnly(Map.entry("e", "\"e1\""));
    client.newCompleteCommand(job).send().join();
    processes.awaitCompleted(instance);
  }

  /**
   * Rule: the variables of a correlated message are merged into the instance like a job result —
   * without output mappings the whole payload propagates from the catching element (nearest scope
   * that has a variable, else the root); with output mappings only the mapped variables do.
   */
  @Test
  void messageVariablesPropagateLikeAJobResultAndOutputMappingsLimitThem() {
    // given
    ENGINE.deploy(
        Bpmn.createExecutableProcess("msg-vars")
            .startEvent()
            .subProcess("stage", s -> s.zeebeInputExpression("\"open\"", "decision"))
            .embeddedSubProcess()
            .startEvent()
            .intermediateCatchEvent(
                "cab",
                e -> e.message(m -> m.name("mv-cab").zeebeCorrelationKeyExpression("changeId")))
            .intermediateCatchEvent(
                "signoff",
                e ->
                    e.message(m -> m.name("mv-signoff").zeebeCorrelationKeyExpression("changeId"))
                        .zeebeOutputExpression("approver", "signedBy"))
            .userTask("hold", u -> u.zeebeUserTask())
            .endEvent()
            .subProcessDone()
            .endEvent()
            .done());
    long instance = processes.start("msg-vars", Map.of("changeId", "CHG-1"));

    // when
    correlate("mv-cab", Map.of("decision", "approved", "approver", "ana"));
    org.awaitility.Awaitility.await()
        .untilAsserted(() -> assertThat(processes.activeElementIds(instance)).contains("signoff"));
    correlate("mv-signoff", Map.of("approver", "bo", "comment", "fine"));

    // then
    org.awaitility.Awaitility.await()
        .untilAsserted(() -> assertThat(processes.activeElementIds(instance)).contains("hold"));
    assertThat(scope(instance, elementKey(instance, "stage")))
        .containsOnly(Map.entry("decision", "\"approved\""));
    assertThat(processes.rootVariables(instance))
        .containsOnly(
            Map.entry("changeId", "\"CHG-1\""),
            Map.entry("approver", "\"ana\""),
            Map.entry("signedBy", "\"bo\""));
  }

  private void correlate(String message, Map<String, Object> variables) {
    client
        .newCorrelateMessageCommand()
        .messageName(message)
        .correlationKey("CHG-1")
        .variables(variables)
        .send()
        .join();
  }

  /**
   * Rule: in a multi-instance activity the input element and {@code loopCounter} are local to each
   * inner instance; they are not propagated to higher scopes, so they do not exist in the process
   * after the loop, and parallel instances do not overwrite each other's.
   */
  @Test
  void multiInstanceInputElementAndLoopCounterAreLocalToEachInstance() {
    // given
    ENGINE.deploy(
        Bpmn.createExecutableProcess("mi-local")
            .startEvent()
            .serviceTask(
                "wave",
                t ->
                    t.zeebeJobType("mi-local-work")
                        .multiInstance(
                            m ->
                                m.parallel()
                                    .zeebeInputCollectionExpression("services")
                                    .zeebeInputElement("service")))
            .endEvent()
            .done());
    long instance = processes.start("mi-local", Map.of("services", List.of("api", "web")));

    // when
    List<ActivatedJob> jobs =
        org.awaitility.Awaitility.await()
            .until(() -> processes.activate("mi-local-work", 10), l -> l.size() == 2);

    // then
    assertThat(jobs)
        .extracting(j -> j.getVariablesAsMap().get("service"))
        .containsExactlyInAnyOrder("api", "web");
    for (long inner : elementKeys(instance, "wave")) {
      assertThat(scope(instance, inner).keySet()).isSubsetOf("service", "loopCounter");
    }
    jobs.forEach(j -> client.newCompleteCommand(j).send().join());
    processes.awaitCompleted(instance);
    assertThat(processes.rootVariables(instance)).containsOnlyKeys("services");
  }

  /**
   * Rule (multi-instance): "if the outputElement expression only accesses a variable or a nested
   * property, it's created as a local variable of the instance"; a job result of that name updates
   * the local and is not propagated, and the output collection keeps the input order.
   */
  @Test
  void multiInstanceOutputElementVariableIsLocalToEachInstance() {
    // given
    ENGINE.deploy(
        Bpmn.createExecutableProcess("mi-out")
            .startEvent()
            .serviceTask(
                "probe",
                t ->
                    t.zeebeJobType("mi-out-work")
                        .multiInstance(
                            m ->
                                m.parallel()
                                    .zeebeInputCollectionExpression("services")
                                    .zeebeInputElement("service")
                                    .zeebeOutputCollection("healths")
                                    .zeebeOutputElementExpression("health")))
            .endEvent()
            .done());
    long instance = processes.start("mi-out", Map.of("services", List.of("api", "web", "db")));
    List<ActivatedJob> jobs =
        org.awaitility.Awaitility.await()
            .until(() -> processes.activate("mi-out-work", 10), l -> l.size() == 3);

    // when: the instances finish in reverse order
    for (ActivatedJob job : reversed(jobs)) {
      String service = (String) job.getVariablesAsMap().get("service");
      client.newCompleteCommand(job).variables(Map.of("health", service + "-ok")).send().join();
    }

    // then
    processes.awaitCompleted(instance);
    assertThat(processes.rootVariables(instance))
        .containsOnly(
            Map.entry("services", "[\"api\",\"web\",\"db\"]"),
            Map.entry("healths", "[\"api-ok\",\"web-ok\",\"db-ok\"]"));
  }

  /**
   * Rule (multi-instance, the documentation's example): a parallel multi-instance call activity
   * collects each called instance's result when an output mapping of the call activity ({@code =x
   * -> output}) updates the instance's output element ({@code =output}); nothing else is merged.
   */
  @Test
  void parallelMultiInstanceCallActivityCollectsResultsThroughItsOutputMapping() {
    // given
    deployChild("mic-child", "mic-work");
    ENGINE.deploy(
        Bpmn.createExecutableProcess("mic-parent")
            .startEvent()
            .callActivity(
                "check",
                c ->
                    c.zeebeProcessId("mic-child")
                        .zeebeOutputExpression("x", "output")
                        .multiInstance(
                            m ->
                                m.parallel()
                                    .zeebeInputCollectionExpression("regions")
                                    .zeebeInputElement("region")
                                    .zeebeOutputCollection("outputs")
                                    .zeebeOutputElementExpression("output")))
            .endEvent()
            .done());
    long instance = processes.start("mic-parent", Map.of("regions", List.of("eu", "us")));
    List<ActivatedJob> jobs =
        org.awaitility.Awaitility.await()
            .until(() -> processes.activate("mic-work", 10), l -> l.size() == 2);

    // when
    for (ActivatedJob job : reversed(jobs)) {
      String region = (String) job.getVariablesAsMap().get("region");
      client.newCompleteCommand(job).variables(Map.of("x", region + "-ready")).send().join();
    }

    // then
    processes.awaitCompleted(instance);
    assertThat(processes.rootVariables(instance))
        .containsOnly(
            Map.entry("regions", "[\"eu\",\"us\"]"),
            Map.entry("outputs", "[\"eu-ready\",\"us-ready\"]"));
  }
}
