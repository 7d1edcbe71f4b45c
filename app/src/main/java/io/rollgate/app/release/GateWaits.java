package io.rollgate.app.release;

import io.rollgate.app.record.ReleaseNotFoundException;
import io.rollgate.app.record.ReleaseRecord;
import io.rollgate.app.record.ReleaseRecords;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.async.DeferredResult;

/**
 * Long polls on a gate: answered as soon as the gate has a verdict, or the release ended without
 * reaching it, or stands at an incident (when the poll starts, when the release changes and at the
 * timeout), or at the timeout with the current state. A waiting pipeline holds no thread; it is
 * woken by {@link GateSignals}, whichever service instance recorded the decision.
 */
@Component
class GateWaits {

  /** The longest a single poll may wait; a pipeline waiting longer polls again. */
  static final Duration MAX_WAIT = Duration.ofMinutes(10);

  private final ReleaseRecords records;
  private final GateSignals signals;
  private final ReleaseIncidents incidents;

  GateWaits(ReleaseRecords records, GateSignals signals, ReleaseIncidents incidents) {
    this.records = records;
    this.signals = signals;
    this.incidents = incidents;
  }

  /**
   * @throws ReleaseNotFoundException for an unknown release
   */
  DeferredResult<GateStatus> await(String releaseId, String gate, Duration wait) {
    GateStatus now = current(releaseId, gate);
    DeferredResult<GateStatus> result = new DeferredResult<>(Math.max(1, wait.toMillis()));
    if (now.settled() || wait.isZero()) {
      result.setResult(now);
      return result;
    }
    AtomicReference<Runnable> cancel = new AtomicReference<>(() -> {});
    Runnable check =
        new Runnable() {
          @Override
          public void run() {
            if (result.isSetOrExpired()) {
              return;
            }
            GateStatus status = current(releaseId, gate);
            if (status.settled()) {
              result.setResult(status);
            } else {
              cancel.set(signals.onNextChange(releaseId, this));
            }
          }
        };
    cancel.set(signals.onNextChange(releaseId, check));
    // A decision recorded between the first read and the subscription is not missed.
    check.run();
    result.onTimeout(() -> result.setResult(current(releaseId, gate)));
    result.onCompletion(() -> cancel.get().run());
    return result;
  }

  private GateStatus current(String releaseId, String gate) {
    ReleaseRecord release =
        records.find(releaseId).orElseThrow(() -> new ReleaseNotFoundException(releaseId));
    return GateStatus.of(release, gate, () -> incidents.of(release));
  }
}
