package io.rollgate.app.record;

import java.util.Map;

/**
 * A decision to append to the {@link DecisionLog}.
 *
 * @param releaseId the release decided on; it must exist
 * @param gate the gate decided
 * @param decision what was decided
 * @param actor who decided
 * @param justification why; may be null
 * @param inputs the evidence the decision saw; kept as canonical JSON under its SHA-256
 * @param idempotencyKey makes a repeated append (a job delivered twice) record once; may be null
 */
public record Decision(
    String releaseId,
    String gate,
    String decision,
    String actor,
    String justification,
    Map<String, Object> inputs,
    String idempotencyKey) {}
