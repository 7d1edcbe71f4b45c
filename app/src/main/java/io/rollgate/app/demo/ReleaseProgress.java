package io.rollgate.app.demo;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.search.enums.ElementInstanceState;
import io.camunda.client.api.search.enums.ElementInstanceType;
import io.camunda.client.api.search.response.ElementInstance;
import io.camunda.client.api.search.response.Variable;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Prints a release's progress as it happens: each gate, task and wait of the release and of the
 * processes it calls, when it starts and when it ends, with the facts it produced (verdict, change
 * number, CAB decision, wave).
 */
final class ReleaseProgress {

  private static final Set<ElementInstanceType> SHOWN =
      Set.of(
          ElementInstanceType.SERVICE_TASK,
          ElementInstanceType.BUSINESS_RULE_TASK,
          ElementInstanceType.USER_TASK,
          ElementInstanceType.CALL_ACTIVITY,
          ElementInstanceType.INTERMEDIATE_CATCH_EVENT,
          ElementInstanceType.SUB_PROCESS,
          ElementInstanceType.BOUNDARY_EVENT,
          ElementInstanceType.END_EVENT);

  /** Variables worth showing once the element that writes them is done. */
  private static final Map<String, List<String>> FACTS =
      Map.of(
          "ciStatus", List.of("ciGreen"),
          "openIncidents", List.of("openIncidents"),
          "freezeFlag", List.of("freeze"),
          "assessReadiness", List.of("readiness"),
          "createChange", List.of("changeNumber"),
          "cabApproval", List.of("cabDecision"),
          "goNoGo", List.of("goDecision", "justification"),
          "deploy", List.of("deployUrl"));

  private final CamundaClient client;
  private final PrintStream out;
  private final long startedNanos = System.nanoTime();
  private final Map<Long, ElementInstanceState> printed = new HashMap<>();

  ReleaseProgress(CamundaClient client, PrintStream out) {
    this.client = client;
    this.out = out;
  }

  /** Prints what happened since the last call, in the release and in the processes it called. */
  void poll(long releaseKey) {
    // The release first, then what it called: a called process is never older than its caller.
    List<ElementInstance> elements = new ArrayList<>(elementsOf(releaseKey));
    Map<Long, Long> lastKeyOfCalled = new HashMap<>();
    for (var child :
        client
            .newProcessInstanceSearchRequest()
            .filter(f -> f.parentProcessInstanceKey(releaseKey))
            .send()
            .join()
            .items()) {
      List<ElementInstance> called = elementsOf(child.getProcessInstanceKey());
      elements.addAll(called);
      called.stream()
          .mapToLong(ElementInstance::getElementInstanceKey)
          .max()
          .ifPresent(last -> lastKeyOfCalled.put(child.getParentElementInstanceKey(), last));
    }
    // In the order things happened: by key, but a call activity ends after what it called.
    elements.sort(
        Comparator.comparingDouble(
            e ->
                e.getType() == ElementInstanceType.CALL_ACTIVITY
                        && e.getState() != ElementInstanceState.ACTIVE
                        && lastKeyOfCalled.containsKey(e.getElementInstanceKey())
                    ? lastKeyOfCalled.get(e.getElementInstanceKey()) + 0.5
                    : e.getElementInstanceKey()));
    for (ElementInstance e : elements) {
      if (!SHOWN.contains(e.getType()) || e.getState() == printed.get(e.getElementInstanceKey())) {
        continue;
      }
      printed.put(e.getElementInstanceKey(), e.getState());
      print(e);
    }
  }

  private List<ElementInstance> elementsOf(long processInstanceKey) {
    return client
        .newElementInstanceSearchRequest()
        .filter(f -> f.processInstanceKey(processInstanceKey))
        .page(p -> p.limit(1000))
        .send()
        .join()
        .items();
  }

  private void print(ElementInstance e) {
    String name = e.getElementName() == null ? e.getElementId() : e.getElementName();
    if (e.getType() == ElementInstanceType.SUB_PROCESS) {
      if (e.getState() == ElementInstanceState.ACTIVE) {
        line("wave", name + " — " + wave(e) + "% of users");
      }
      return;
    }
    if (e.getType() == ElementInstanceType.END_EVENT) {
      if (e.getState() == ElementInstanceState.COMPLETED) {
        line("end", name);
      }
      return;
    }
    if (e.getState() == ElementInstanceState.ACTIVE) {
      line(waits(e) ? "wait" : "start", name);
    } else if (e.getState() == ElementInstanceState.COMPLETED) {
      line("done", name + facts(e));
    } else {
      line("stop", name);
    }
  }

  private static boolean waits(ElementInstance e) {
    return e.getType() == ElementInstanceType.INTERMEDIATE_CATCH_EVENT
        || e.getType() == ElementInstanceType.USER_TASK
        || e.getType() == ElementInstanceType.CALL_ACTIVITY;
  }

  private String wave(ElementInstance subProcess) {
    return client
        .newVariableSearchRequest()
        .filter(f -> f.scopeKey(subProcess.getElementInstanceKey()).name("wave"))
        .send()
        .join()
        .items()
        .stream()
        .findFirst()
        .map(Variable::getValue)
        .orElse("?");
  }

  private String facts(ElementInstance e) {
    List<String> names = FACTS.get(e.getElementId());
    if (names == null) {
      return "";
    }
    StringBuilder facts = new StringBuilder();
    for (String name : names) {
      client
          .newVariableSearchRequest()
          .filter(f -> f.processInstanceKey(e.getProcessInstanceKey()).name(name))
          .send()
          .join()
          .items()
          .stream()
          .findFirst()
          .ifPresent(
              v ->
                  facts
                      .append(facts.length() == 0 ? "  (" : ", ")
                      .append(name)
                      .append('=')
                      .append(v.getValue()));
    }
    return facts.length() == 0 ? "" : facts.append(')').toString();
  }

  private void line(String what, String text) {
    double seconds = (System.nanoTime() - startedNanos) / 1e9;
    out.printf("[%6.1fs] %-5s %s%n", seconds, what, text);
  }
}
