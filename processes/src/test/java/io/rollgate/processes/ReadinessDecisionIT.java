package io.rollgate.processes;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.client.CamundaClient;
import io.rollgate.engine.testing.RollgateEngineTest;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The rules of {@code readiness.dmn}, each evaluated on the embedded engine as deployed. */
@RollgateEngineTest
class ReadinessDecisionIT {

  private static CamundaClient client;

  @BeforeAll
  static void deployTheDecision() {
    client.newDeployResourceCommand().addResourceFromClasspath("dmn/readiness.dmn").send().join();
  }

  /** Evidence of a ready release: green CI, no incidents, no freeze, links, every test passed. */
  private static Map<String, Object> ready() {
    Map<String, Object> v = new HashMap<>();
    v.put("freeze", false);
    v.put("ciState", "SUCCEEDED");
    v.put("openP1", 0);
    v.put("openP2", 0);
    v.put("runbookUrl", "https://wiki/runbooks/checkout");
    v.put("rollbackPlanUrl", "https://wiki/rollback/checkout");
    v.put("testReportUrl", "https://ci/reports/123");
    v.put("testPassRatio", 1.0);
    v.put("minTestPassRatio", 0.98);
    return v;
  }

  private static Map<String, Object> with(String name, Object value) {
    Map<String, Object> v = ready();
    v.put(name, value);
    return v;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> verdict(Map<String, Object> evidence) {
    String json =
        client
            .newEvaluateDecisionCommand()
            .decisionId(Lifecycle.Decisions.READINESS)
            .variables(evidence)
            .send()
            .join()
            .getDecisionOutput();
    try {
      return new com.fasterxml.jackson.databind.ObjectMapper().readValue(json, Map.class);
    } catch (IOException e) {
      throw new IllegalStateException(json, e);
    }
  }

  @Test
  void aReadyReleaseIsGoBecauseEveryGatePassed() {
    assertThat(verdict(ready()))
        .containsEntry("verdict", "GO")
        .containsEntry("reason", "every gate passed")
        .containsEntry("reasons", List.of());
  }

  @Test
  void anOpenP1IsNoGoAndAnOpenP2IsARisk() {
    assertThat(verdict(with("openP1", 1)))
        .containsEntry("verdict", "NO_GO")
        .containsEntry("reasons", List.of("open P1 incidents on the service"));
    assertThat(verdict(with("openP2", 2)))
        .containsEntry("verdict", "GO_WITH_RISK")
        .containsEntry("reasons", List.of("open P2 incidents on the service"));
  }

  @Test
  void theFreezeFlagIsNoGo() {
    assertThat(verdict(with("freeze", true)))
        .containsEntry("verdict", "NO_GO")
        .containsEntry("reason", "release freeze is on");
  }

  @Test
  void ciThatFailedOrIsUnknownIsNoGoAndCiStillRunningAfterTheWaitToo() {
    assertThat(verdict(with("ciState", "FAILED")))
        .containsEntry("reasons", List.of("CI is not green for the commit"));
    assertThat(verdict(with("ciState", null)))
        .containsEntry("verdict", "NO_GO")
        .containsEntry("reasons", List.of("CI is not green for the commit"));
    assertThat(verdict(with("ciState", "RUNNING")))
        .containsEntry("verdict", "NO_GO")
        .containsEntry(
            "reasons", List.of("CI was still running for the commit when the wait ended"));
  }

  @Test
  void eachMissingLinkIsNamed() {
    Map<String, Object> none = ready();
    none.remove("runbookUrl");
    none.put("rollbackPlanUrl", "");
    none.remove("testReportUrl");

    assertThat(verdict(none))
        .containsEntry("verdict", "NO_GO")
        .containsEntry(
            "reasons", List.of("no runbook link", "no rollback plan link", "no test report link"));
  }

  @Test
  void aTestPassRatioBelowTheServicesThresholdOrMissingIsNoGo() {
    String below = "test pass ratio below the service's threshold, or not reported";
    assertThat(verdict(with("testPassRatio", 0.97))).containsEntry("reasons", List.of(below));
    assertThat(verdict(with("testPassRatio", 0.98))).containsEntry("verdict", "GO");
    assertThat(verdict(with("testPassRatio", null))).containsEntry("reasons", List.of(below));
    Map<String, Object> noThreshold = with("minTestPassRatio", null);
    noThreshold.put("testPassRatio", 0.99);
    assertThat(verdict(noThreshold)).containsEntry("reasons", List.of(below));
  }

  @Test
  void everyFailingCriterionIsAReasonAndTheWorstDecides() {
    Map<String, Object> bad = with("openP2", 1);
    bad.put("freeze", true);

    assertThat(verdict(bad))
        .containsEntry("verdict", "NO_GO")
        .containsEntry(
            "reasons", List.of("release freeze is on", "open P2 incidents on the service"))
        .containsEntry("reason", "release freeze is on; open P2 incidents on the service");
  }
}
