package io.rollgate.workers.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rollgate.workers.gate.GoNoGoPolicy.Allowed;
import io.rollgate.workers.gate.GoNoGoPolicy.Completion;
import io.rollgate.workers.gate.GoNoGoPolicy.Denied;
import io.rollgate.workers.gate.GoNoGoPolicy.Outcome;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GoNoGoPolicyTest {

  private final GoNoGoPolicy policy = new GoNoGoPolicy(2, Map.of("payments", 3));

  private static Completion go(String verdict, String justification, List<String> accepted) {
    return new Completion(
        "GO",
        justification,
        accepted,
        "rita",
        "pat",
        verdict,
        List.of("open P2"),
        "normal",
        "checkout",
        List.of());
  }

  private static String denial(Outcome outcome) {
    assertThat(outcome).isInstanceOf(Denied.class);
    return ((Denied) outcome).reason();
  }

  @Test
  void deniesACompletionWithoutADecision() {
    // given
    Completion nothing =
        new Completion(
            null, null, null, "rita", "pat", "GO", List.of(), "normal", "checkout", null);

    // when
    Outcome outcome = policy.check(nothing);

    // then
    assertThat(denial(outcome)).isEqualTo("no decision: choose GO or NO_GO");
  }

  @Test
  void deniesADecisionOutsideTheClosedSet() {
    for (String value : List.of("no-go", "go", "YES", "GO_WITH_RISK", " ")) {
      Completion c =
          new Completion(
              value, "why not", null, "rita", "pat", "GO", List.of(), "normal", "checkout", null);
      assertThat(policy.check(c)).as(value).isInstanceOf(Denied.class);
    }
    assertThat(
            denial(
                policy.check(
                    new Completion(
                        "no-go",
                        "x",
                        null,
                        "rita",
                        "pat",
                        "GO",
                        List.of(),
                        "normal",
                        "checkout",
                        null))))
        .isEqualTo("decision 'no-go' is not one of GO, NO_GO");
  }

  @Test
  void deniesTheRequesterWhateverTheyDecide() {
    for (String decision : List.of("GO", "NO_GO")) {
      Completion byRequester =
          new Completion(
              decision,
              "looks fine",
              List.of("P2"),
              "Pat",
              "pat",
              "GO",
              List.of(),
              "normal",
              "s",
              null);
      assertThat(denial(policy.check(byRequester)))
          .startsWith("Pat requested this release and cannot decide its go/no-go");
    }
  }

  @Test
  void deniesWhenNobodyIsKnownToDecideOrNobodyRequested() {
    Completion anonymous =
        new Completion(
            "GO", "fine", null, null, "pat", "GO", List.of(), "normal", "checkout", null);
    Completion noRequester =
        new Completion(
            "GO", "fine", null, "rita", " ", "GO", List.of(), "normal", "checkout", null);

    assertThat(denial(policy.check(anonymous))).contains("claim the task");
    assertThat(denial(policy.check(noRequester))).contains("separation of duties");
  }

  @Test
  void deniesGoOverRiskWithoutJustificationOrWithoutAcceptedRisks() {
    assertThat(denial(policy.check(go("GO_WITH_RISK", "", List.of("open P2")))))
        .startsWith("a justification is required");
    assertThat(denial(policy.check(go("GO_WITH_RISK", "known issue", List.of()))))
        .contains("each risk accepted by name");
    assertThat(denial(policy.check(go("GO_WITH_RISK", "known issue", List.of(" ")))))
        .contains("each risk accepted by name");
  }

  @Test
  void deniesGoOverRiskUnlessEveryRiskIsAcceptedByName() {
    Completion partly =
        new Completion(
            "GO",
            "both are known",
            List.of("open P2"),
            "rita",
            "pat",
            "GO_WITH_RISK",
            List.of("open P2", "flaky login test"),
            "normal",
            "checkout",
            null);

    assertThat(denial(policy.check(partly))).isEqualTo("risks not accepted: flaky login test");
  }

  @Test
  void deniesGoOverANoGoVerdict() {
    assertThat(denial(policy.check(go("NO_GO", "ship it", List.of("all")))))
        .isEqualTo("the readiness verdict is NO_GO: GO is not possible");
  }

  @Test
  void allowsAJustifiedGoOverAcceptedRisksWithNoMoreApproversNeeded() {
    // when
    Outcome outcome = policy.check(go("GO_WITH_RISK", "P2 is known", List.of("open P2")));

    // then
    assertThat(outcome).isEqualTo(new Allowed(List.of("rita"), 0));
  }

  @Test
  void allowsAJustifiedNoGoEvenOverAGoVerdict() {
    Completion noGo =
        new Completion(
            "NO_GO", "not today", null, "rita", "pat", "GO", List.of(), "normal", "s", null);

    assertThat(policy.check(noGo)).isEqualTo(new Allowed(List.of(), 0));
  }

  @Test
  void anEmergencyChangeNeedsTheServicesQuorumOfDistinctApprovers() {
    // given
    Completion first =
        new Completion(
            "GO", "hotfix", null, "rita", "pat", "GO", List.of(), "emergency", "checkout", null);
    Completion again =
        new Completion(
            "GO",
            "hotfix",
            null,
            "RITA",
            "pat",
            "GO",
            List.of(),
            "emergency",
            "checkout",
            List.of("rita"));
    Completion second =
        new Completion(
            "GO",
            "hotfix",
            null,
            "sam",
            "pat",
            "GO",
            List.of(),
            "emergency",
            "checkout",
            List.of("rita"));
    Completion payments =
        new Completion(
            "GO",
            "hotfix",
            null,
            "sam",
            "pat",
            "GO",
            List.of(),
            "emergency",
            "payments",
            List.of("rita"));

    // then
    assertThat(policy.check(first)).isEqualTo(new Allowed(List.of("rita"), 1));
    assertThat(denial(policy.check(again))).contains("already approved");
    assertThat(policy.check(second)).isEqualTo(new Allowed(List.of("rita", "sam"), 0));
    assertThat(policy.check(payments)).isEqualTo(new Allowed(List.of("rita", "sam"), 1));
  }

  @Test
  void refusesAQuorumBelowOne() {
    assertThatThrownBy(() -> new GoNoGoPolicy(0, Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least 1");
    assertThatThrownBy(() -> new GoNoGoPolicy(2, Map.of("shop", 0)))
        .hasMessageContaining("the quorum of shop");
  }
}
