package io.rollgate.app.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rollgate.app.record.RecordStore.Instance;
import io.rollgate.app.record.RecordStore.Kind;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ReleaseRecordsTest {

  private static final Instant START = Instant.parse("2026-03-02T10:00:00.123456Z");

  @ParameterizedTest
  @EnumSource(Kind.class)
  void recordsAReleaseFromItsStartToItsEnd(Kind kind) throws Exception {
    try (RecordStore store = RecordStore.open(kind)) {
      // given
      Instance service = store.instance(new TickingClock(START, Duration.ofSeconds(1)));

      // when
      ReleaseRecord started = service.release();
      service.records().attachProcess(started.id(), 2251799813685249L);
      service.records().changeOpened(started.id(), "CHG0030001");
      service.records().waveStarted(started.id(), 1);
      service.records().waveStarted(started.id(), 50);
      service.records().ended(started.id(), "RELEASED", "served to 100% and healthy");

      // then
      assertThat(started.id()).matches("rel-[0-9a-hjkmnp-tv-z]{26}");
      assertThat(started.state()).isEqualTo(ReleaseRecords.RUNNING);
      assertThat(started.endedAt()).isNull();
      assertThat(started.processInstanceKey()).isNull();
      ReleaseRecord ended = service.records().find(started.id()).orElseThrow();
      assertThat(ended.service()).isEqualTo("shop");
      assertThat(ended.version()).isEqualTo("1.4.2");
      assertThat(ended.commitSha()).isEqualTo("3f2c1a9e8b7d6c5f4e3d2c1b0a9f8e7d6c5b4a39");
      assertThat(ended.environment()).isEqualTo("production");
      assertThat(ended.changeModel()).isEqualTo("normal");
      assertThat(ended.requestedBy()).isEqualTo("pipeline-shop");
      assertThat(ended.processInstanceKey()).isEqualTo(2251799813685249L);
      assertThat(ended.changeNumber()).isEqualTo("CHG0030001");
      assertThat(ended.wavePercent()).isEqualTo(50);
      assertThat(ended.state()).isEqualTo("RELEASED");
      assertThat(ended.outcome()).isEqualTo("served to 100% and healthy");
      assertThat(ended.plan())
          .isEqualTo(Map.of("flagKey", "shop-1-4-2", "waves", List.of(1, 10, 50, 100)));
      assertThat(ended.createdAt()).isEqualTo(started.createdAt()).isAfter(START);
      assertThat(ended.endedAt()).isAfter(ended.createdAt());
      assertThat(ended.gates()).isEmpty();
    }
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void keepsTheHighestWaveWhenAnEarlierWaveIsRecordedLate(Kind kind) throws Exception {
    try (RecordStore store = RecordStore.open(kind)) {
      // given
      Instance service = store.instance();
      String id = service.release().id();
      service.records().waveStarted(id, 10);

      // when
      service.records().waveStarted(id, 1);

      // then
      assertThat(service.records().find(id).orElseThrow().wavePercent()).isEqualTo(10);
    }
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void endingAgainTheSameWayChangesNothing(Kind kind) throws Exception {
    try (RecordStore store = RecordStore.open(kind)) {
      // given
      Instance service = store.instance(new TickingClock(START, Duration.ofSeconds(1)));
      String id = service.release().id();
      service.records().ended(id, "ROLLED_BACK", "health check failed at 10%");
      ReleaseRecord first = service.records().find(id).orElseThrow();

      // when
      service.records().ended(id, "ROLLED_BACK", "delivered twice");

      // then
      assertThat(service.records().find(id).orElseThrow()).isEqualTo(first);
    }
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void refusesToEndAReleaseThatAlreadyEndedAnotherWay(Kind kind) throws Exception {
    try (RecordStore store = RecordStore.open(kind)) {
      // given
      Instance service = store.instance();
      String id = service.release().id();
      service.records().ended(id, "REJECTED", "the CAB rejected change CHG0030001");

      // when / then
      assertThatThrownBy(() -> service.records().ended(id, "RELEASED", "served"))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining(id)
          .hasMessageContaining("REJECTED");
      ReleaseRecord release = service.records().find(id).orElseThrow();
      assertThat(release.state()).isEqualTo("REJECTED");
      assertThat(release.outcome()).isEqualTo("the CAB rejected change CHG0030001");
    }
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void refusesRunningAsHowAReleaseEnded(Kind kind) throws Exception {
    try (RecordStore store = RecordStore.open(kind)) {
      // given
      Instance service = store.instance();
      String id = service.release().id();

      // when / then
      assertThatThrownBy(() -> service.records().ended(id, ReleaseRecords.RUNNING, "still going"))
          .isInstanceOf(IllegalArgumentException.class);
      assertThat(service.records().find(id).orElseThrow().endedAt()).isNull();
    }
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void namesTheUnknownReleaseAnUpdateWasFor(Kind kind) throws Exception {
    try (RecordStore store = RecordStore.open(kind)) {
      // given
      ReleaseRecords records = store.instance().records();
      String unknown = "rel-00000000000000000000000000";

      // when / then
      assertThat(records.find(unknown)).isEmpty();
      List<Runnable> updates =
          List.of(
              () -> records.attachProcess(unknown, 1L),
              () -> records.changeOpened(unknown, "CHG0030001"),
              () -> records.waveStarted(unknown, 10),
              () -> records.ended(unknown, "STOPPED", "stopped by the release manager"));
      for (Runnable update : updates) {
        assertThatThrownBy(update::run)
            .isInstanceOf(ReleaseNotFoundException.class)
            .hasMessageContaining(unknown);
      }
    }
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void listsRecentReleasesNewestFirst(Kind kind) throws Exception {
    try (RecordStore store = RecordStore.open(kind)) {
      // given
      Instance service = store.instance(new TickingClock(START, Duration.ofMinutes(1)));
      String first = service.release().id();
      String second = service.release().id();
      String third = service.release().id();

      // when
      List<ReleaseRecord> recent = service.records().recent(2);

      // then
      assertThat(recent).extracting(ReleaseRecord::id).containsExactly(third, second);
      assertThat(service.records().recent(50))
          .extracting(ReleaseRecord::id)
          .containsExactly(third, second, first);
      assertThat(List.of(first, second, third)).isSorted();
    }
  }

  @ParameterizedTest
  @EnumSource(Kind.class)
  void showsEachGatesLatestVerdictFromTheDecisionLogInTheOrderFirstDecided(Kind kind)
      throws Exception {
    try (RecordStore store = RecordStore.open(kind)) {
      // given
      Instance service = store.instance();
      String id = service.release().id();
      String other = service.release().id();
      DecisionEntry readiness =
          service
              .log()
              .append(decision(id, "readiness", "GO", "system", Map.of("ciGreen", true), "k1"));
      service.log().append(decision(id, "go-no-go", "NO_GO", "rm-alice", Map.of(), "k2"));
      service.log().append(decision(other, "readiness", "NO_GO", "system", Map.of(), "k3"));
      service.log().append(decision(id, "cab", "APPROVED", "system", Map.of(), "k4"));
      DecisionEntry goAfterAll =
          service
              .log()
              .append(decision(id, "go-no-go", "GO", "rm-bob", Map.of("risk", "accepted"), "k5"));

      // when
      ReleaseRecord release = service.records().find(id).orElseThrow();

      // then
      assertThat(release.gates())
          .extracting(GateVerdict::gate, GateVerdict::verdict, GateVerdict::actor)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple("readiness", "GO", "system"),
              org.assertj.core.groups.Tuple.tuple("go-no-go", "GO", "rm-bob"),
              org.assertj.core.groups.Tuple.tuple("cab", "APPROVED", "system"));
      assertThat(release.gates().get(0).evidenceHash()).isEqualTo(readiness.evidenceHash());
      assertThat(release.gates().get(1))
          .isEqualTo(
              new GateVerdict(
                  "go-no-go",
                  "GO",
                  "rm-bob",
                  goAfterAll.justification(),
                  goAfterAll.evidenceHash(),
                  goAfterAll.decidedAt()));
      assertThat(service.records().recent(10))
          .filteredOn(r -> r.id().equals(other))
          .singleElement()
          .satisfies(
              r -> assertThat(r.gates()).extracting(GateVerdict::verdict).containsExactly("NO_GO"));
    }
  }

  static Decision decision(
      String releaseId,
      String gate,
      String verdict,
      String actor,
      Map<String, Object> inputs,
      String key) {
    return new Decision(
        releaseId, gate, verdict, actor, "because " + gate + " said " + verdict, inputs, key);
  }
}
