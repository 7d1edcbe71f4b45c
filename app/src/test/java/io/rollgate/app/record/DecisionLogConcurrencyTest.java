package io.rollgate.app.record;

import static io.rollgate.app.record.ReleaseRecordsTest.decision;
import static org.assertj.core.api.Assertions.assertThat;

import io.rollgate.app.record.RecordStore.Instance;
import io.rollgate.app.record.RecordStore.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Two service instances, each with its own connection pool, appending to one database at once. */
class DecisionLogConcurrencyTest {

  private static final int APPENDS_PER_INSTANCE = 30;

  @ParameterizedTest
  @EnumSource(Kind.class)
  void twoInstancesAppendingAtOnceExtendOneUnbrokenChain(Kind kind) throws Exception {
    try (RecordStore store = RecordStore.open(kind)) {
      // given
      Instance east = store.instance();
      Instance west = store.instance();
      String releaseA = east.release().id();
      String releaseB = west.release().id();
      CountDownLatch start = new CountDownLatch(1);
      ExecutorService threads = Executors.newFixedThreadPool(2);

      // when: each appends its own decisions, and both deliver the same shared ones
      List<Future<List<DecisionEntry>>> results = new ArrayList<>();
      try {
        results.add(threads.submit(appends(east, releaseA, "east", start)));
        results.add(threads.submit(appends(west, releaseB, "west", start)));
        start.countDown();
        for (Future<List<DecisionEntry>> result : results) {
          result.get(2, TimeUnit.MINUTES);
        }
      } finally {
        threads.shutdownNow();
      }

      // then
      long expected = 3L * APPENDS_PER_INSTANCE;
      assertThat(east.log().verify())
          .isEqualTo(new ChainVerification(true, expected, null, null, null));
      List<Long> sequences =
          store
              .raw()
              .queryForList("SELECT sequence FROM decision_log ORDER BY sequence", Long.class);
      assertThat(sequences)
          .containsExactlyElementsOf(LongStream.rangeClosed(1, expected).boxed().toList());
      List<DecisionEntry> all = new ArrayList<>(east.log().forRelease(releaseA));
      all.addAll(west.log().forRelease(releaseB));
      assertThat(all).hasSize((int) expected);
      assertThat(all).extracting(DecisionEntry::entryHash).doesNotHaveDuplicates();
      assertThat(
              store
                  .raw()
                  .queryForObject(
                      "SELECT COUNT(DISTINCT idempotency_key) FROM decision_log", Integer.class))
          .isEqualTo((int) expected);
    }
  }

  private static Callable<List<DecisionEntry>> appends(
      Instance instance, String releaseId, String name, CountDownLatch start) {
    return () -> {
      start.await();
      List<DecisionEntry> entries = new ArrayList<>();
      for (int i = 0; i < APPENDS_PER_INSTANCE; i++) {
        entries.add(
            instance
                .log()
                .append(
                    decision(
                        releaseId, "health-check", "HEALTHY", "system", Map.of("i", i), name + i)));
        entries.add(
            instance
                .log()
                .append(
                    decision(
                        releaseId, "rollout", "SERVED", "system", Map.of("i", i), "shared-" + i)));
      }
      return entries;
    };
  }
}
