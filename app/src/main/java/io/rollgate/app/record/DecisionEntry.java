package io.rollgate.app.record;

import java.time.Instant;
import java.util.Map;

/**
 * One entry of the decision log.
 *
 * @param sequence position in the chain, from 1, without gaps
 * @param inputs the evidence, read back from its canonical JSON (keys sorted)
 * @param evidenceHash SHA-256 (hex) of the evidence's canonical JSON
 * @param previousHash the previous entry's {@code entryHash}; 64 zeros for the first entry
 * @param entryHash SHA-256 (hex) of the canonical JSON of sequence, releaseId, gate, decision,
 *     actor, justification, evidenceHash, previousHash and decidedAt
 */
public record DecisionEntry(
    long sequence,
    String releaseId,
    String gate,
    String decision,
    String actor,
    String justification,
    Map<String, Object> inputs,
    String evidenceHash,
    String previousHash,
    String entryHash,
    Instant decidedAt) {}
