package io.rollgate.app.release;

import io.rollgate.app.record.ReleaseRecord;
import java.time.Instant;
import java.util.List;

/**
 * A release's evidence for auditors ({@code GET /api/v1/releases/{id}/evidence}): its record and
 * every decision-log entry with the exact evidence snapshot it saw, so that anyone can recompute
 * the hashes offline.
 *
 * @param format {@code rollgate-evidence/1}
 * @param entries the release's decisions, oldest first
 */
record EvidencePack(
    String format, ReleaseRecord release, List<Entry> entries, Instant generatedAt) {

  static final String FORMAT = "rollgate-evidence/1";

  /**
   * One decision and its evidence.
   *
   * @param evidence the evidence snapshot's canonical JSON (keys sorted, no whitespace, UTF-8), as
   *     stored; its SHA-256 is {@code evidenceHash}
   * @param entryHash SHA-256 of the canonical JSON of {@code actor, decidedAt, decision,
   *     evidenceHash, gate, justification, previousHash, releaseId, sequence}
   */
  record Entry(
      long sequence,
      String releaseId,
      String gate,
      String decision,
      String actor,
      String justification,
      Instant decidedAt,
      String evidence,
      String evidenceHash,
      String previousHash,
      String entryHash) {}
}
