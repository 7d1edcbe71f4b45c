package io.rollgate.engine.internal.processor;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.zeebe.model.bpmn.Bpmn;
import io.rollgate.engine.internal.feel.Feel;
import io.rollgate.engine.internal.journal.Journal;
import io.rollgate.engine.internal.journal.Snapshot;
import io.rollgate.engine.internal.journal.SnapshotStore;
import io.rollgate.engine.internal.model.ModelTransformer;
import io.rollgate.engine.internal.state.EngineState;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Snapshots are written off the processor thread: a slow snapshot does not hold up requests, and
 * the snapshot holds exactly the state at its journal position.
 */
class BackgroundSnapshotTest {
  private static final int HISTORY = 3_000;

  @TempDir Path dir;

  private CommandProcessor open() {
    return new CommandProcessor(
        Journal.open(dir.resolve("journal")),
        SnapshotStore.open(dir.resolve("snapshots")),
        HISTORY,
        new EngineClock(Clock.systemUTC()));
  }

  private static Command deploy() {
    String xml =
        Bpmn.convertToString(
            Bpmn.createExecutableProcess("release").startEvent().endEvent().done());
    return new Command.Deploy(
        List.of(new Command.Resource("release.bpmn", xml.getBytes(StandardCharsets.UTF_8))), null);
  }

  private static Command create(int n) {
    return new Command.CreateInstance("release", null, null, Map.of("n", n));
  }

  private static int instances(CommandProcessor processor) throws Exception {
    return processor.read(state -> state.processInstances.size()).get(10, TimeUnit.SECONDS);
  }

  @Test
  void requestsAreAnsweredWhileASlowSnapshotIsWrittenAndItHoldsTheStateAtItsPosition()
      throws Exception {
    // given a history large enough to be due for a snapshot, whose writer is held back
    CountDownLatch release = new CountDownLatch(1);
    CompletableFuture<Long> handedOff = new CompletableFuture<>();
    CommandProcessor processor = open();
    processor.beforeSnapshotWrite(
        position -> {
          handedOff.complete(position);
          try {
            release.await(30, TimeUnit.SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        });
    processor.submit(deploy()).get(10, TimeUnit.SECONDS);
    List<CompletableFuture<Object>> history = new ArrayList<>();
    for (int i = 0; i < HISTORY; i++) {
      history.add(processor.submit(create(i)));
    }
    CompletableFuture.allOf(history.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
    long position = handedOff.get(30, TimeUnit.SECONDS);

    // when more requests come while the snapshot writer is still held
    List<CompletableFuture<Object>> later = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      later.add(processor.submit(create(HISTORY + i)));
    }

    // then they are all answered before the snapshot is written
    CompletableFuture.allOf(later.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
    assertThat(instances(processor)).isEqualTo(HISTORY + 200);
    assertThat(release.getCount()).isEqualTo(1);
    assertThat(processor.lastSnapshotPauseMicros()).isGreaterThanOrEqualTo(0);

    // and once released, the snapshot holds exactly the state at its position
    release.countDown();
    // (the directory is watched without opening a store: opening one clears unfinished files,
    // the one being written included)
    Path written = dir.resolve("snapshots").resolve(String.format("snapshot-%020d.snap", position));
    org.awaitility.Awaitility.await()
        .atMost(java.time.Duration.ofSeconds(30))
        .until(() -> Files.exists(written));
    Snapshot snapshot = SnapshotStore.open(dir.resolve("snapshots")).latest().orElseThrow();
    assertThat(snapshot.position()).isEqualTo(position);
    EngineState restored = new EngineState();
    StateSnapshot.restore(
        snapshot.data(),
        restored,
        new ModelTransformer(new Feel(() -> 0L)),
        new EngineClock(Clock.systemUTC()));
    // one record for the deployment, one per instance
    assertThat(restored.processInstances).hasSize((int) position - 1);

    // and a graceful stop leaves a snapshot of everything, from which a restart has every instance
    processor.close();
    assertThat(SnapshotStore.open(dir.resolve("snapshots")).latest().orElseThrow().position())
        .isEqualTo(1L + HISTORY + 200);
    CommandProcessor reopened = open();
    try {
      assertThat(instances(reopened)).isEqualTo(HISTORY + 200);
    } finally {
      reopened.close();
    }
  }
}
