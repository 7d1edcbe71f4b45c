package io.rollgate.app.release;

import io.rollgate.app.record.GateVerdict;
import io.rollgate.app.record.ReleaseRecord;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A gate as a pipeline sees it ({@code GET /api/v1/releases/{id}/gates/{gate}}).
 *
 * @param status {@code DECIDED}; {@code PENDING} while the release may still reach it; {@code
 *     STOPPED} when the running release stands at an incident that someone must resolve before it
 *     goes on; {@code NOT_REACHED} when the release ended before it
 * @param verdict the decision when decided, for example {@code GO}, {@code APPROVED}
 * @param releaseState {@code RUNNING} or how the release ended
 * @param incident where and why the release stopped, when {@code STOPPED}
 */
record GateStatus(
    String releaseId,
    String gate,
    String status,
    String verdict,
    String actor,
    String justification,
    String evidenceHash,
    Instant decidedAt,
    String releaseState,
    ReleaseIncidents.StoppedAt incident) {

  static final String DECIDED = "DECIDED";
  static final String PENDING = "PENDING";
  static final String NOT_REACHED = "NOT_REACHED";
  static final String STOPPED = "STOPPED";

  /**
   * @param stoppedAt the running release's open incident, if any; asked only for a gate not decided
   *     yet
   */
  static GateStatus of(
      ReleaseRecord release,
      String gate,
      Supplier<Optional<ReleaseIncidents.StoppedAt>> stoppedAt) {
    for (GateVerdict v : release.gates()) {
      if (v.gate().equals(gate)) {
        return new GateStatus(
            release.id(),
            gate,
            DECIDED,
            v.verdict(),
            v.actor(),
            v.justification(),
            v.evidenceHash(),
            v.decidedAt(),
            release.state(),
            null);
      }
    }
    if (release.endedAt() != null) {
      return undecided(release, gate, NOT_REACHED, null);
    }
    return stoppedAt
        .get()
        .map(incident -> undecided(release, gate, STOPPED, incident))
        .orElseGet(() -> undecided(release, gate, PENDING, null));
  }

  private static GateStatus undecided(
      ReleaseRecord release, String gate, String status, ReleaseIncidents.StoppedAt incident) {
    return new GateStatus(
        release.id(), gate, status, null, null, null, null, null, release.state(), incident);
  }

  /**
   * A waiting pipeline gets its answer now: the gate is decided, the release ended before it, or
   * the release stands at an incident that only a person can resolve.
   */
  boolean settled() {
    return !PENDING.equals(status);
  }
}
