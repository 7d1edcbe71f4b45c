package io.rollgate.app.release;

import io.rollgate.app.record.GateVerdict;
import io.rollgate.app.record.ReleaseRecord;
import java.time.Instant;

/**
 * A gate as a pipeline sees it ({@code GET /api/v1/releases/{id}/gates/{gate}}).
 *
 * @param status {@code DECIDED}; {@code PENDING} while the release may still reach it; {@code
 *     NOT_REACHED} when the release ended before it
 * @param verdict the decision when decided, for example {@code GO}, {@code APPROVED}
 * @param releaseState {@code RUNNING} or how the release ended
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
    String releaseState) {

  static final String DECIDED = "DECIDED";
  static final String PENDING = "PENDING";
  static final String NOT_REACHED = "NOT_REACHED";

  static GateStatus of(ReleaseRecord release, String gate) {
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
            release.state());
      }
    }
    return new GateStatus(
        release.id(),
        gate,
        release.endedAt() == null ? PENDING : NOT_REACHED,
        null,
        null,
        null,
        null,
        null,
        release.state());
  }

  /** Nothing more will change about this gate. */
  boolean settled() {
    return !PENDING.equals(status);
  }
}
