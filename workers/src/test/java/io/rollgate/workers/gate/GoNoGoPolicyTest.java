package io.rollgate.workers.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rollgate.workers.gate.GoNoGoPolicy.Allowed;
import io.rollgate.workers.gate.GoNoGoPolicy.Completion;
import io.rollgate.workers.gate.GoNoGoPolicy.Denied;
import io.rollgate.workers.gate.GoNoGoPolicy.Outcome;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GoNoGoPolicyTest {

  private static final String FAR_FUTURE = "2999-12-31";

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
        List.of(),
        FAR_FUTURE);
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
            null,
            null,
            null,
            "rita",
            "pat",
            "GO",
            List.of(),
            "normal",
            "checkout",
            null,
            FAR_FUTURE);

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
              value,
              "why not",
              null,
              "rita",
              "pat",
              "GO",
              List.of(),
              "normal",
              "checkout",
              null,
              FAR_FUTURE);
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
                        null,
                        FAR_FUTURE))))
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
              null,
              FAR_FUTURE);
      assertThat(denial(policy.check(byRequester)))
          .startsWith("Pat requested this release and cannot decide its go/no-go");
    }
  }

  @Test
  void deniesWhenNobodyIsKnownToDecideOrNobodyRequested() {
    Completion anonymous =
        new Completion(
            "GO",
            "fine",
            null,
            null,
            "pat",
            "GO",
            List.of(),
            "normal",
            "checkout",
            null,
            FAR_FUTURE);
    Completion noRequester =
        new Completion(
            "GO",
            "fine",
            null,
            "rita",
            " ",
            "GO",
            List.of(),
            "normal",
            "checkout",
            null,
            FAR_FUTURE);

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
            null,
            FAR_FUTURE);

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
            "NO_GO",
            "not today",
            null,
            "rita",
            "pat",
            "GO",
            List.of(),
            "normal",
            "s",
            null,
            FAR_FUTURE);

    assertThat(policy.check(noGo)).isEqualTo(new Allowed(List.of(), 0));
  }

  @Test
  void anEmergencyChangeNeedsTheServicesQuorumOfDistinctApprovers() {
    // given
    Completion first =
        new Completion(
            "GO",
            "hotfix",
            null,
            "rita",
            "pat",
            "GO",
            List.of(),
            "emergency",
            "checkout",
            null,
            FAR_FUTURE);
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
            List.of("rita"),
            FAR_FUTURE);
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
            List.of("rita"),
            FAR_FUTURE);
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
            List.of("rita"),
            FAR_FUTURE);

    // then
    assertThat(policy.check(first)).isEqualTo(new Allowed(List.of("rita"), 1));
    assertThat(denial(policy.check(again))).contains("already approved");
    assertThat(policy.check(second)).isEqualTo(new Allowed(List.of("rita", "sam"), 0));
    assertThat(policy.check(payments)).isEqualTo(new Allowed(List.of("rita", "sam"), 1));
  }

  @Test
  void deniesAGoOverRiskWithoutAnExpiryOrWithAnExpiredOneOrAnUnreadableOne() {
    // given the risk accepted by name
    Instant now = Instant.parse("2026-12-06T12:00:00Z");
    Completion accepted = go("GO_WITH_RISK", "known P2", List.of("open P2"));

    // when / then
    assertThat(denial(policy.check(withExpiry(accepted, null), now)))
        .contains("accepted risks need an expiry");
    assertThat(denial(policy.check(withExpiry(accepted, "2026-12-05"), now)))
        .isEqualTo("the risk acceptance expired (2026-12-05): accept the risks again");
    assertThat(denial(policy.check(withExpiry(accepted, "2026-12-06T11:59:00Z"), now)))
        .contains("expired");
    assertThat(denial(policy.check(withExpiry(accepted, "next week"), now)))
        .contains("is not a date");
    assertThat(policy.check(withExpiry(accepted, "2026-12-06"), now)).isInstanceOf(Allowed.class);
    assertThat(policy.check(withExpiry(accepted, "2026-12-06T13:00:00+01:00"), now))
        .isInstanceOf(Denied.class);
  }

  private static Completion withExpiry(Completion c, String until) {
    return new Completion(
        c.decision(),
        c.justification(),
        c.acceptedRisks(),
        c.approver(),
        c.requestedBy(),
        c.verdict(),
        c.risks(),
        c.changeType(),
        c.service(),
        c.approvers(),
        until);
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
