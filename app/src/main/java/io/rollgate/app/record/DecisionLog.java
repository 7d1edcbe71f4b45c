package io.rollgate.app.record;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The decision log: every decision, automatic or human, with the evidence it saw. Append-only and
 * hash-chained: each entry's hash covers its fields, its evidence hash and the previous entry's
 * hash, so changing, removing or reordering a stored entry or evidence snapshot shows in {@link
 * #verify()}. There is no update and no delete.
 *
 * <p>Appends from any number of service instances sharing one database extend a single chain: each
 * append locks the one chain-head row for its transaction.
 */
@Repository
public class DecisionLog {

  /** The previous hash of the first entry. */
  public static final String GENESIS_HASH = "0".repeat(64);

  private static final int VERIFY_PAGE = 500;

  private final NamedParameterJdbcTemplate jdbc;
  private final TransactionTemplate writes;
  private final TransactionTemplate snapshot;
  private final Clock clock;

  @Autowired
  public DecisionLog(NamedParameterJdbcTemplate jdbc, PlatformTransactionManager transactions) {
    this(jdbc, transactions, Clock.systemUTC());
  }

  DecisionLog(
      NamedParameterJdbcTemplate jdbc, PlatformTransactionManager transactions, Clock clock) {
    this.jdbc = jdbc;
    this.writes = new TransactionTemplate(transactions);
    this.snapshot = new TransactionTemplate(transactions);
    this.snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
    this.snapshot.setReadOnly(true);
    this.clock = clock;
  }

  /**
   * Appends a decision, or returns the entry already appended under the same idempotency key
   * (appending nothing).
   *
   * @throws IllegalArgumentException when release, gate, decision or actor is blank
   * @throws ReleaseNotFoundException when the release was never recorded
   */
  public DecisionEntry append(Decision decision) {
    requireText(decision.releaseId(), "releaseId");
    requireText(decision.gate(), "gate");
    requireText(decision.decision(), "decision");
    requireText(decision.actor(), "actor");
    String evidence = CanonicalJson.of(decision.inputs() == null ? Map.of() : decision.inputs());
    return writes.execute(status -> appendHoldingHead(decision, evidence));
  }

  private DecisionEntry appendHoldingHead(Decision decision, String evidence) {
    // Every append waits here for the one before it, so sequences and links stay linear.
    Map<String, Object> head =
        jdbc.queryForMap(
            "SELECT last_sequence, last_hash FROM decision_chain_head WHERE id = 1 FOR UPDATE",
            Map.of());
    if (decision.idempotencyKey() != null) {
      Optional<DecisionEntry> earlier =
          entries("d.idempotency_key = :key", Map.of("key", decision.idempotencyKey())).stream()
              .findFirst();
      if (earlier.isPresent()) {
        return earlier.get();
      }
    }
    Integer releases =
        jdbc.queryForObject(
            "SELECT COUNT(*) FROM release WHERE id = :id",
            Map.of("id", decision.releaseId()),
            Integer.class);
    if (releases == null || releases == 0) {
      throw new ReleaseNotFoundException(decision.releaseId());
    }
    String evidenceHash = CanonicalJson.sha256(evidence);
    jdbc.update(
        "INSERT INTO evidence (hash, canonical_json) SELECT :hash, :json"
            + " WHERE NOT EXISTS (SELECT 1 FROM evidence WHERE hash = :hash)",
        Map.of("hash", evidenceHash, "json", evidence));

    long sequence = ((Number) head.get("last_sequence")).longValue() + 1;
    String previousHash = (String) head.get("last_hash");
    // The database keeps microseconds; the hash must cover what is read back.
    Instant decidedAt = clock.instant().truncatedTo(ChronoUnit.MICROS);
    String entryHash =
        entryHash(
            sequence,
            decision.releaseId(),
            decision.gate(),
            decision.decision(),
            decision.actor(),
            decision.justification(),
            evidenceHash,
            previousHash,
            decidedAt);
    jdbc.update(
        "INSERT INTO decision_log (sequence, release_id, gate, decision, actor, justification,"
            + " evidence_hash, previous_hash, entry_hash, idempotency_key, decided_at)"
            + " VALUES (:sequence, :releaseId, :gate, :decision, :actor, :justification,"
            + " :evidenceHash, :previousHash, :entryHash, :idempotencyKey, :decidedAt)",
        new MapSqlParameterSource()
            .addValue("sequence", sequence)
            .addValue("releaseId", decision.releaseId())
            .addValue("gate", decision.gate())
            .addValue("decision", decision.decision())
            .addValue("actor", decision.actor())
            .addValue("justification", decision.justification())
            .addValue("evidenceHash", evidenceHash)
            .addValue("previousHash", previousHash)
            .addValue("entryHash", entryHash)
            .addValue("idempotencyKey", decision.idempotencyKey())
            .addValue("decidedAt", OffsetDateTime.ofInstant(decidedAt, ZoneOffset.UTC)));
    jdbc.update(
        "UPDATE decision_chain_head SET last_sequence = :sequence, last_hash = :hash WHERE id = 1",
        Map.of("sequence", sequence, "hash", entryHash));
    return new DecisionEntry(
        sequence,
        decision.releaseId(),
        decision.gate(),
        decision.decision(),
        decision.actor(),
        decision.justification(),
        CanonicalJson.readObject(evidence),
        evidenceHash,
        previousHash,
        entryHash,
        decidedAt);
  }

  /** The release's decisions, oldest first; empty for an unknown release. */
  public List<DecisionEntry> forRelease(String releaseId) {
    return entries("d.release_id = :releaseId", Map.of("releaseId", releaseId));
  }

  /** The canonical JSON stored under an evidence hash, to explain a decision again. */
  public Optional<String> evidence(String evidenceHash) {
    return jdbc
        .queryForList(
            "SELECT canonical_json FROM evidence WHERE hash = :hash",
            Map.of("hash", evidenceHash),
            String.class)
        .stream()
        .findFirst();
  }

  /**
   * Recomputes every entry's evidence hash from its stored snapshot, its entry hash and its link to
   * the entry before, in sequence order, on one consistent snapshot of the log; stops at the first
   * entry that does not check out. Finally the chain head must name the last entry, so a removed
   * tail shows too.
   */
  public ChainVerification verify() {
    return snapshot.execute(status -> verifySnapshot());
  }

  private ChainVerification verifySnapshot() {
    Map<String, Object> head =
        jdbc.queryForMap(
            "SELECT last_sequence, last_hash FROM decision_chain_head WHERE id = 1", Map.of());
    long checked = 0;
    long expected = 1;
    String previous = GENESIS_HASH;
    String lastReleaseId = null;
    while (true) {
      List<StoredEntry> page =
          jdbc.query(
              "SELECT d.*, e.canonical_json FROM decision_log d"
                  + " LEFT JOIN evidence e ON e.hash = d.evidence_hash"
                  + " WHERE d.sequence >= :from ORDER BY d.sequence LIMIT "
                  + VERIFY_PAGE,
              Map.of("from", expected),
              (rs, n) -> StoredEntry.of(rs));
      for (StoredEntry entry : page) {
        checked++;
        Optional<String> fault = entry.fault(expected, previous);
        if (fault.isPresent()) {
          return ChainVerification.broken(checked, entry.sequence, entry.releaseId, fault.get());
        }
        expected++;
        previous = entry.entryHash;
        lastReleaseId = entry.releaseId;
      }
      if (page.size() < VERIFY_PAGE) {
        break;
      }
    }
    long headSequence = ((Number) head.get("last_sequence")).longValue();
    String headHash = (String) head.get("last_hash");
    if (headSequence != expected - 1) {
      boolean tailMissing = headSequence > expected - 1;
      return ChainVerification.broken(
          checked,
          tailMissing ? expected : headSequence + 1,
          null,
          "the log ends at entry "
              + (expected - 1)
              + " but its chain head records "
              + headSequence
              + (tailMissing ? ": entries were removed" : ": the head was set back"));
    }
    if (!headHash.equals(previous)) {
      return ChainVerification.broken(
          checked,
          headSequence,
          lastReleaseId,
          "the last entry's hash differs from the one its chain head records");
    }
    return ChainVerification.intact(checked);
  }

  /**
   * Checks one release's entries where they sit in the chain, on one consistent snapshot: each
   * entry's evidence hash against its stored snapshot, its entry hash against its fields, its link
   * to the entry before it (whichever release that is), and the link to it from the entry after it
   * (or from the chain head, for the last entry). Reads only this release's entries and their
   * neighbours, where {@link #verify()} reads the whole log; intact with nothing checked for a
   * release without entries.
   */
  public ChainVerification verifyRelease(String releaseId) {
    return snapshot.execute(status -> verifyReleaseSnapshot(releaseId));
  }

  private ChainVerification verifyReleaseSnapshot(String releaseId) {
    Map<String, Object> head =
        jdbc.queryForMap(
            "SELECT last_sequence, last_hash FROM decision_chain_head WHERE id = 1", Map.of());
    long headSequence = ((Number) head.get("last_sequence")).longValue();
    List<LinkedEntry> entries =
        jdbc.query(
            "SELECT d.*, e.canonical_json, b.entry_hash AS hash_before,"
                + " a.previous_hash AS link_after, a.sequence AS sequence_after"
                + " FROM decision_log d"
                + " LEFT JOIN evidence e ON e.hash = d.evidence_hash"
                + " LEFT JOIN decision_log b ON b.sequence = d.sequence - 1"
                + " LEFT JOIN decision_log a ON a.sequence = d.sequence + 1"
                + " WHERE d.release_id = :releaseId ORDER BY d.sequence",
            Map.of("releaseId", releaseId),
            (rs, n) ->
                new LinkedEntry(
                    StoredEntry.of(rs),
                    rs.getString("hash_before"),
                    rs.getObject("sequence_after") == null ? null : rs.getString("link_after")));
    long checked = 0;
    for (LinkedEntry linked : entries) {
      checked++;
      StoredEntry entry = linked.entry();
      Optional<String> fault = linked.fault(headSequence, (String) head.get("last_hash"));
      if (fault.isPresent()) {
        return ChainVerification.broken(checked, entry.sequence, entry.releaseId, fault.get());
      }
    }
    return ChainVerification.intact(checked);
  }

  /** A stored entry with the hash of the entry before it and the link from the entry after it. */
  private record LinkedEntry(StoredEntry entry, String hashBefore, String linkAfter) {

    Optional<String> fault(long headSequence, String headHash) {
      long sequence = entry.sequence;
      String before = sequence == 1 ? GENESIS_HASH : hashBefore;
      if (before == null) {
        return Optional.of("entry " + (sequence - 1) + " before it is missing");
      }
      Optional<String> own = entry.fault(sequence, before);
      if (own.isPresent()) {
        return own;
      }
      if (linkAfter != null) {
        return linkAfter.equals(entry.entryHash)
            ? Optional.empty()
            : Optional.of("the entry after it no longer links to it");
      }
      if (headSequence != sequence) {
        return Optional.of(
            "entry "
                + (sequence + 1)
                + " after it is missing: the chain head records "
                + headSequence);
      }
      return headHash.equals(entry.entryHash)
          ? Optional.empty()
          : Optional.of("its hash differs from the one its chain head records");
    }
  }

  /** Each release's gates: the latest decision per gate, in the order of first decision. */
  Map<String, List<GateVerdict>> gatesOf(Collection<String> releaseIds) {
    Map<String, Map<String, GateVerdict>> byRelease = new LinkedHashMap<>();
    if (releaseIds.isEmpty()) {
      return Map.of();
    }
    jdbc.query(
        "SELECT release_id, gate, decision, actor, justification, evidence_hash, decided_at"
            + " FROM decision_log WHERE release_id IN (:ids) ORDER BY sequence",
        Map.of("ids", releaseIds),
        rs -> {
          // re-putting a gate keeps its first position and takes the later verdict
          byRelease
              .computeIfAbsent(rs.getString("release_id"), id -> new LinkedHashMap<>())
              .put(
                  rs.getString("gate"),
                  new GateVerdict(
                      rs.getString("gate"),
                      rs.getString("decision"),
                      rs.getString("actor"),
                      rs.getString("justification"),
                      rs.getString("evidence_hash"),
                      instant(rs, "decided_at")));
        });
    Map<String, List<GateVerdict>> gates = new LinkedHashMap<>();
    byRelease.forEach((id, verdicts) -> gates.put(id, List.copyOf(verdicts.values())));
    return gates;
  }

  private List<DecisionEntry> entries(String where, Map<String, ?> parameters) {
    return jdbc.query(
        "SELECT d.*, e.canonical_json FROM decision_log d"
            + " LEFT JOIN evidence e ON e.hash = d.evidence_hash WHERE "
            + where
            + " ORDER BY d.sequence",
        parameters,
        (rs, n) -> StoredEntry.of(rs).toEntry());
  }

  static String entryHash(
      long sequence,
      String releaseId,
      String gate,
      String decision,
      String actor,
      String justification,
      String evidenceHash,
      String previousHash,
      Instant decidedAt) {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("sequence", sequence);
    fields.put("releaseId", releaseId);
    fields.put("gate", gate);
    fields.put("decision", decision);
    fields.put("actor", actor);
    fields.put("justification", justification);
    fields.put("evidenceHash", evidenceHash);
    fields.put("previousHash", previousHash);
    fields.put("decidedAt", decidedAt);
    return CanonicalJson.sha256(CanonicalJson.of(fields));
  }

  static Instant instant(ResultSet rs, String column) throws SQLException {
    OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }

  private static void requireText(String value, String name) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("a decision needs a " + name);
    }
  }

  /** A row of the log with its evidence snapshot (null when the snapshot is missing). */
  private record StoredEntry(
      long sequence,
      String releaseId,
      String gate,
      String decision,
      String actor,
      String justification,
      String evidenceHash,
      String previousHash,
      String entryHash,
      Instant decidedAt,
      String evidence) {

    static StoredEntry of(ResultSet rs) throws SQLException {
      return new StoredEntry(
          rs.getLong("sequence"),
          rs.getString("release_id"),
          rs.getString("gate"),
          rs.getString("decision"),
          rs.getString("actor"),
          rs.getString("justification"),
          rs.getString("evidence_hash"),
          rs.getString("previous_hash"),
          rs.getString("entry_hash"),
          instant(rs, "decided_at"),
          rs.getString("canonical_json"));
    }

    DecisionEntry toEntry() {
      return new DecisionEntry(
          sequence,
          releaseId,
          gate,
          decision,
          actor,
          justification,
          evidence == null ? Map.of() : CanonicalJson.readObject(evidence),
          evidenceHash,
          previousHash,
          entryHash,
          decidedAt);
    }

    Optional<String> fault(long expectedSequence, String expectedPrevious) {
      if (sequence != expectedSequence) {
        return Optional.of(
            "entry " + sequence + " follows entry " + (expectedSequence - 1) + ": entries missing");
      }
      if (!Objects.equals(previousHash, expectedPrevious)) {
        return Optional.of("its previous hash does not match the entry before it");
      }
      if (evidence == null) {
        return Optional.of("its evidence snapshot " + evidenceHash + " is missing");
      }
      if (!CanonicalJson.sha256(evidence).equals(evidenceHash)) {
        return Optional.of("its evidence snapshot no longer matches its evidence hash");
      }
      String recomputed =
          DecisionLog.entryHash(
              sequence,
              releaseId,
              gate,
              decision,
              actor,
              justification,
              evidenceHash,
              previousHash,
              decidedAt);
      if (!recomputed.equals(entryHash)) {
        return Optional.of("its fields no longer match its entry hash");
      }
      return Optional.empty();
    }
  }
}
