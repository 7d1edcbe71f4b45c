package io.rollgate.app.record;

import java.time.Instant;

/**
 * A gate's latest decision, as the decision log holds it.
 *
 * @param gate the gate, for example {@code readiness} or {@code cab}
 * @param verdict what was decided, for example {@code GO} or {@code APPROVED}
 * @param actor who decided: a person, or {@code system} for an automatic decision
 * @param justification why
 * @param evidenceHash SHA-256 (hex) of the evidence the decision saw; {@link DecisionLog#evidence}
 *     returns it
 * @param decidedAt when the decision was recorded
 */
public record GateVerdict(
    String gate,
    String verdict,
    String actor,
    String justification,
    String evidenceHash,
    Instant decidedAt) {}
