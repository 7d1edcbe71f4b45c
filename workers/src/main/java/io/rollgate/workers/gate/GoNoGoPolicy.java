package io.rollgate.workers.gate;

import io.rollgate.processes.Lifecycle.GoDecisions;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The rules of the go/no-go gate, which fail closed: a completion goes through only with an
 * explicit {@code GO} or {@code NO_GO}, a justification, a known approver who did not request the
 * release and has not approved it already, and, for a GO over a {@code GO_WITH_RISK} verdict, the
 * risks accepted by name until a date not yet passed (RAID: each risk, by whom, until when). An
 * emergency change needs a quorum of distinct approvers (per service, {@link #DEFAULT_QUORUM}
 * unless configured).
 */
public final class GoNoGoPolicy {

  /** Approvers an emergency change needs when its service has no quorum of its own. */
  public static final int DEFAULT_QUORUM = 2;

  private final int defaultQuorum;
  private final Map<String, Integer> quorumByService;

  /**
   * @param defaultQuorum approvers an emergency change needs, at least 1
   * @param quorumByService the same per service, overriding the default
   * @throws IllegalArgumentException for a quorum below 1
   */
  public GoNoGoPolicy(int defaultQuorum, Map<String, Integer> quorumByService) {
    this.defaultQuorum = atLeastOne(defaultQuorum, "the default quorum");
    quorumByService.forEach((service, quorum) -> atLeastOne(quorum, "the quorum of " + service));
    this.quorumByService = Map.copyOf(quorumByService);
  }

  /** Two approvers for every emergency change. */
  public static GoNoGoPolicy defaults() {
    return new GoNoGoPolicy(DEFAULT_QUORUM, Map.of());
  }

  private static int atLeastOne(Integer quorum, String what) {
    if (quorum == null || quorum < 1) {
      throw new IllegalArgumentException(what + " must be at least 1, was " + quorum);
    }
    return quorum;
  }

  /** Approvers an emergency change of {@code service} needs. */
  public int quorum(String service) {
    return quorumByService.getOrDefault(service, defaultQuorum);
  }

  /**
   * A completion of the go/no-go task as its {@code completing} listener sees it.
   *
   * @param decision the {@code goDecision} given, as given
   * @param approver who completes: the signed-in user the service names, else the task's assignee
   * @param approvers who approved GO before, for a quorum
   * @param verdict the readiness verdict the decision is taken over
   * @param risks the readiness reasons behind that verdict, each to be accepted by name for a GO
   *     over {@code GO_WITH_RISK}
   * @param risksAcceptedUntil until when the accepted risks are accepted: an ISO-8601 date (through
   *     that day, UTC) or date-time, as given
   */
  public record Completion(
      String decision,
      String justification,
      List<String> acceptedRisks,
      String approver,
      String requestedBy,
      String verdict,
      List<String> risks,
      String changeType,
      String service,
      List<String> approvers,
      String risksAcceptedUntil) {

    public Completion {
      acceptedRisks = acceptedRisks == null ? List.of() : List.copyOf(acceptedRisks);
      risks = risks == null ? List.of() : List.copyOf(risks);
      approvers = approvers == null ? List.of() : List.copyOf(approvers);
    }
  }

  /** What the gate does with a completion. */
  public sealed interface Outcome permits Allowed, Denied {}

  /**
   * The completion goes through.
   *
   * @param approvers who approved GO so far, this approver included
   * @param approvalsMissing how many more approvers a GO needs; the release goes on only at 0
   */
  public record Allowed(List<String> approvers, int approvalsMissing) implements Outcome {}

  /** The completion is refused; the task stays open and the person reads {@code reason}. */
  public record Denied(String reason) implements Outcome {}

  /** {@link #check(Completion, Instant)} now. */
  public Outcome check(Completion c) {
    return check(c, Instant.now());
  }

  /**
   * @param now when the completion happens: a risk acceptance must not have expired by then
   */
  public Outcome check(Completion c, Instant now) {
    Objects.requireNonNull(c, "completion");
    if (blank(c.decision())) {
      return new Denied("no decision: choose GO or NO_GO");
    }
    if (!GoDecisions.ALL.contains(c.decision())) {
      return new Denied("decision '" + c.decision() + "' is not one of GO, NO_GO");
    }
    var separation = SeparationOfDuties.violation(c.approver(), c.requestedBy(), "its go/no-go");
    if (separation.isPresent()) {
      return new Denied(separation.get());
    }
    if (blank(c.justification())) {
      return new Denied("a justification is required: say why, it goes into the decision log");
    }
    if (c.decision().equals(GoDecisions.NO_GO)) {
      return new Allowed(c.approvers(), 0);
    }
    return checkGo(c, now);
  }

  private Outcome checkGo(Completion c, Instant now) {
    if (c.approvers().stream().anyMatch(a -> a.equalsIgnoreCase(c.approver()))) {
      return new Denied(
          c.approver() + " already approved this release: a different approver must approve it");
    }
    if ("GO_WITH_RISK".equals(c.verdict())) {
      if (c.acceptedRisks().stream().allMatch(GoNoGoPolicy::blank)) {
        return new Denied(
            "GO over a GO_WITH_RISK verdict needs each risk accepted by name (acceptedRisks)");
      }
      List<String> unaccepted =
          c.risks().stream().filter(risk -> !c.acceptedRisks().contains(risk)).toList();
      if (!unaccepted.isEmpty()) {
        return new Denied("risks not accepted: " + String.join("; ", unaccepted));
      }
      Denied expiry = checkExpiry(c.risksAcceptedUntil(), now);
      if (expiry != null) {
        return expiry;
      }
    } else if (!"GO".equals(c.verdict())) {
      return new Denied("the readiness verdict is " + c.verdict() + ": GO is not possible");
    }
    List<String> approvers = new ArrayList<>(c.approvers());
    approvers.add(c.approver());
    int needed = "emergency".equals(c.changeType()) ? quorum(c.service()) : 1;
    return new Allowed(List.copyOf(approvers), Math.max(0, needed - approvers.size()));
  }

  private static Denied checkExpiry(String until, Instant now) {
    if (blank(until)) {
      return new Denied(
          "accepted risks need an expiry: until when are they accepted (risksAcceptedUntil)?");
    }
    Instant end;
    try {
      end =
          until.length() == 10
              ? endOfDay(LocalDate.parse(until))
              : OffsetDateTime.parse(until).toInstant();
    } catch (DateTimeParseException e) {
      return new Denied(
          "risksAcceptedUntil '" + until + "' is not a date (2026-12-31) or a date-time");
    }
    if (!end.isAfter(now)) {
      return new Denied("the risk acceptance expired (" + until + "): accept the risks again");
    }
    return null;
  }

  private static Instant endOfDay(LocalDate day) {
    return day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
