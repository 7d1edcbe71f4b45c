package io.rollgate.app.record;

import static io.rollgate.app.record.ReleaseRecordsTest.decision;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rollgate.app.record.RecordStore.Instance;
import io.rollgate.app.record.RecordStore.Kind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcOperations;

class DecisionLogTest {

  @ParameterizedTest
  @EnumSource(Kind.class)
  void chainsEachEntryToTheOneBefore(Kind kind) throws Exception {
    try (RecordStore store = RecordStore.open(kind)) {
      // given
      Instance service = store.instance();
      String id = service.release().id();

      // when
      DecisionEntry first =
          service.log().append(decision(id, "readiness", "GO", "system", Map.of(), "k1"));
      DecisionEntry second =
          service.log().append(decision(id, "cab", "APPROVED", "system", Map.of(), "k2"));

      // then
      assertThat(first.sequence()).isEqualTo(1);
      assertThat(first.previousHash()).isEqualTo("0".repeat(64));
      assertThat(second.sequence()).isEqualTo(2);
      assertThat(second.previousHash()).isEqualTo(first.entryHash());
      assertThat(second.entryHash()).matches("[0-9a-f]{64}").isNotEqualTo(first.entryHash());
      assertThat(service.log().forRelease(id)).containsExactly(first, second);
      assertThat(service.log().verify())
          .isEqualTo(new ChainVerification(true, 2, null, null, null));
    }
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void keepsTheEvidenceAsCanonicalJsonUnderItsHash(Kind kind) throws Exception {
    try (RecordStore store = RecordStore.open(kind)) {
      // given
      Instance service = store.instance();
      String id = service.release().id();
      Map<String, Object> inputs = new LinkedHashMap<>();
      inputs.put("openIncidents", 0);
      inputs.put("ciGreen", true);
      inputs.put("readiness", Map.of("verdict", "GO", "reasons", List.of("CI green")));
      inputs.put("incidentNumbers", null);

      // when
      DecisionEntry entry =
          service.log().append(decision(id, "readiness", "GO", "system", inputs, "k1"));

      // then
      String snapshot = service.log().evidence(entry.evidenceHash()).orElseThrow();
      assertThat(snapshot)
          .isEqualTo(
              "{\"ciGreen\":true,\"incidentNumbers\":null,\"openIncidents\":0,"
                  + "\"readiness\":{\"reasons\":[\"CI green\"],\"verdict\":\"GO\"}}");
      assertThat(entry.evidenceHash()).isEqualTo(CanonicalJson.sha256(snapshot));
      assertThat(entry.inputs()).isEqualTo(inputs);
      assertThat(service.log().forRelease(id).get(0).inputs()).isEqualTo(inputs);
      assertThat(service.log().evidence("0".repeat(64))).isEmpty();
    }
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void storesTheSameEvidenceOnce(Kind kind) throws Exception {
    try (RecordStore store = RecordStore.open(kind)) {
      // given
      Instance service = store.instance();
      String id = service.release().id();
      Map<String, Object> wave = Map.of("wave", 10, "healthy", true);

      // when
      DecisionEntry first =
          service.log().append(decision(id, "health-check", "HEALTHY", "system", wave, "k1"));
      DecisionEntry second =
          service.log().append(decision(id, "health-check", "HEALTHY", "system", wave, "k2"));

      // then
      assertThat(second.evidenceHash()).isEqualTo(first.evidenceHash());
      assertThat(store.raw().queryForObject("SELECT COUNT(*) FROM evidence", Integer.class))
          .isEqualTo(1);
      assertThat(service.log().verify().intact()).isTrue();
    }
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void recordsADecisionDeliveredTwiceOnce(Kind kind) throws Exception {
    try (RecordStore store = RecordStore.open(kind)) {
      // given
      Instance service = store.instance();
      String id = service.release().id();
      DecisionEntry first =
          service
              .log()
              .append(decision(id, "cab", "APPROVED", "system", Map.of(), "element-instance:7"));

      // when
      DecisionEntry again =
          service
              .log()
              .append(decision(id, "cab", "APPROVED", "system", Map.of(), "element-instance:7"));

      // then
      assertThat(again).isEqualTo(first);
      assertThat(service.log().forRelease(id)).containsExactly(first);
      assertThat(service.log().verify().entriesChecked()).isEqualTo(1);
    }
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void refusesADecisionOnAReleaseNeverRecorded(Kind kind) throws Exception {
    try (RecordStore store = RecordStore.open(kind)) {
      // given
      DecisionLog log = store.instance().log();

      // when / then
      assertThatThrownBy(
              () -> log.append(decision("rel-unknown", "cab", "APPROVED", "system", Map.of(), "k")))
          .isInstanceOf(ReleaseNotFoundException.class)
          .hasMessageContaining("rel-unknown");
      assertThatThrownBy(() -> log.append(decision("rel-unknown", "cab", " ", "system", null, "k")))
          .isInstanceOf(IllegalArgumentException.class);
      assertThat(log.verify()).isEqualTo(new ChainVerification(true, 0, null, null, null));
    }
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void theDatabaseRefusesToChangeOrRemoveARecordedDecisionOrItsEvidence(Kind kind)
      throws Exception {
    try (RecordStore store = RecordStore.open(kind)) {
      // given
      Instance service = store.instance();
      String id = service.release().id();
      DecisionEntry first =
          service
              .log()
              .append(decision(id, "readiness", "GO", "system", Map.of("ci", "green"), "k1"));
      DecisionEntry second =
          service.log().append(decision(id, "go-no-go", "NO_GO", "rm-alice", Map.of(), "k2"));
      JdbcOperations sql = service.jdbc().getJdbcOperations();
      List<String> changes =
          new ArrayList<>(
              List.of(
                  "UPDATE decision_log SET decision = 'GO' WHERE sequence = 2",
                  "DELETE FROM decision_log WHERE sequence = 2",
                  "UPDATE evidence SET canonical_json = '{}'",
                  "DELETE FROM evidence"));
      if (kind == Kind.POSTGRESQL) {
        changes.add("TRUNCATE decision_log");
      }

      // when / then: each change is refused, naming the table
      for (String change : changes) {
        String table = change.contains("evidence") ? "evidence" : "decision_log";
        assertThatThrownBy(() -> sql.update(change))
            .as(change)
            .isInstanceOf(DataAccessException.class)
            .hasMessageContaining(table + " is append-only");
      }

      // and the log is as it was recorded, and still takes new decisions
      assertThat(service.log().forRelease(id)).containsExactly(first, second);
      service.log().append(decision(id, "cab", "APPROVED", "system", Map.of(), "k3"));
      assertThat(service.log().verify())
          .isEqualTo(new ChainVerification(true, 3, null, null, null));
    }
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void findsAChangedDecisionAndNamesItsEntry(Kind kind) throws Exception {
    try (RecordStore store = RecordStore.open(kind)) {
      // given
      Instance service = store.instance();
      String id = service.release().id();
      service.log().append(decision(id, "readiness", "GO", "system", Map.of(), "k1"));
      service.log().append(decision(id, "go-no-go", "NO_GO", "rm-alice", Map.of(), "k2"));
      service.log().append(decision(id, "cab", "APPROVED", "system", Map.of(), "k3"));

      // when
      store.tamperer().update("UPDATE decision_log SET decision = 'GO' WHERE sequence = 2");
      ChainVerification verification = service.log().verify();

      // then
      assertThat(verification.intact()).isFalse();
      assertThat(verification.firstBrokenSequence()).isEqualTo(2L);
      assertThat(verification.firstBrokenReleaseId()).isEqualTo(id);
      assertThat(verification.entriesChecked()).isEqualTo(2);
      assertThat(verification.reason()).contains("entry hash");
    }
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void findsAChangedEvidenceSnapshot(Kind kind) throws Exception {
    try (RecordStore store = RecordStore.open(kind)) {
      // given
      Instance service = store.instance();
      String id = service.release().id();
      service.log().append(decision(id, "readiness", "GO", "system", Map.of("ci", "green"), "k1"));
      DecisionEntry health =
          service
              .log()
              .append(decision(id, "health-check", "HEALTHY", "system", Map.of("new", 0), "k2"));

      // when
      store
          .tamperer()
          .update(
              "UPDATE evidence SET canonical_json = '{\"new\":3}' WHERE hash = ?",
              health.evidenceHash());
      ChainVerification verification = service.log().verify();

      // then
      assertThat(verification.intact()).isFalse();
      assertThat(verification.firstBrokenSequence()).isEqualTo(2L);
      assertThat(verification.reason()).contains("evidence");
    }
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void findsARemovedEntry(Kind kind) throws Exception {
    try (RecordStore store = RecordStore.open(kind)) {
      // given
      Instance service = store.instance();
      String id = service.release().id();
      for (int i = 1; i <= 4; i++) {
        service.log().append(decision(id, "health-check", "HEALTHY", "system", Map.of(), "k" + i));
      }

      // when
      store.tamperer().update("DELETE FROM decision_log WHERE sequence = 2");
      ChainVerification middleRemoved = service.log().verify();
      store.tamperer().update("DELETE FROM decision_log WHERE sequence > 1");
      ChainVerification tailRemoved = service.log().verify();

      // then
      assertThat(middleRemoved.intact()).isFalse();
      assertThat(middleRemoved.firstBrokenSequence()).isEqualTo(3L);
      assertThat(tailRemoved.intact()).isFalse();
      assertThat(tailRemoved.firstBrokenSequence()).isEqualTo(2L);
      assertThat(tailRemoved.reason()).contains("removed");
    }
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void checksOneReleasesEntriesAndTheirLinksWithoutTheOthers(Kind kind) throws Exception {
    try (RecordStore store = RecordStore.open(kind)) {
      // given: two releases whose entries interleave in the chain
      Instance service = store.instance();
      String first = service.release().id();
      String second = service.release().id();
      service.log().append(decision(first, "readiness", "GO", "system", Map.of(), "k1"));
      service.log().append(decision(second, "readiness", "GO", "system", Map.of(), "k2"));
      service.log().append(decision(first, "go-no-go", "GO", "rm-alice", Map.of(), "k3"));
      service.log().append(decision(second, "go-no-go", "GO", "rm-bob", Map.of(), "k4"));

      // when
      ChainVerification firstIntact = service.log().verifyRelease(first);
      store.tamperer().update("UPDATE decision_log SET actor = 'rm-mallory' WHERE sequence = 4");
      ChainVerification firstAfterChange = service.log().verifyRelease(first);
      ChainVerification secondAfterChange = service.log().verifyRelease(second);
      ChainVerification none = service.log().verifyRelease("rel-without-entries");

      // then
      assertThat(firstIntact).isEqualTo(new ChainVerification(true, 2, null, null, null));
      assertThat(firstAfterChange.intact()).isTrue();
      assertThat(secondAfterChange.intact()).isFalse();
      assertThat(secondAfterChange.firstBrokenSequence()).isEqualTo(4L);
      assertThat(secondAfterChange.reason()).contains("entry hash");
      assertThat(none).isEqualTo(new ChainVerification(true, 0, null, null, null));
    }
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void findsAnEntryRemovedBesideAReleasesEntries(Kind kind) throws Exception {
    try (RecordStore store = RecordStore.open(kind)) {
      // given
      Instance service = store.instance();
      String first = service.release().id();
      String second = service.release().id();
      service.log().append(decision(first, "readiness", "GO", "system", Map.of(), "k1"));
      service.log().append(decision(second, "readiness", "GO", "system", Map.of(), "k2"));
      service.log().append(decision(first, "go-no-go", "GO", "rm-alice", Map.of(), "k3"));

      // when: the other release's entry between them goes, then this release's last one
      store.tamperer().update("DELETE FROM decision_log WHERE sequence = 2");
      ChainVerification middleRemoved = service.log().verifyRelease(first);
      store.tamperer().update("DELETE FROM decision_log WHERE sequence = 3");
      ChainVerification tailRemoved = service.log().verifyRelease(first);

      // then
      assertThat(middleRemoved.intact()).isFalse();
      assertThat(middleRemoved.firstBrokenSequence()).isEqualTo(1L);
      assertThat(middleRemoved.reason()).contains("entry 2 after it is missing");
      assertThat(tailRemoved.intact()).isFalse();
      assertThat(tailRemoved.reason()).contains("the chain head records 3");
    }
  }
}
