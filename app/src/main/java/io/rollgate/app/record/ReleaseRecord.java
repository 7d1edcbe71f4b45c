package io.rollgate.app.record;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A release as Rollgate recorded it; the REST API returns it as is.
 *
 * @param id Rollgate's id, {@code rel-} followed by a time-ordered id
 * @param changeNumber the ServiceNow change, once opened
 * @param processInstanceKey the engine's process instance, once started
 * @param state {@code RUNNING} until the release ends, then how it ended, for example {@code
 *     RELEASED}, {@code ROLLED_BACK}, {@code REJECTED}, {@code NOT_READY}, {@code STOPPED}, {@code
 *     FAILED}
 * @param outcome a sentence on how it ended; null while running
 * @param wavePercent the highest rollout wave started, 0 before the rollout
 * @param gates each decided gate's latest verdict, in the order the gates were first decided
 * @param endedAt when it ended; null while running
 */
public record ReleaseRecord(
    String id,
    String service,
    String version,
    String commitSha,
    String environment,
    String changeModel,
    String requestedBy,
    String changeNumber,
    Long processInstanceKey,
    String state,
    String outcome,
    int wavePercent,
    List<GateVerdict> gates,
    Map<String, Object> plan,
    Instant createdAt,
    Instant endedAt) {

  public ReleaseRecord {
    gates = gates == null ? List.of() : List.copyOf(gates);
  }
}
