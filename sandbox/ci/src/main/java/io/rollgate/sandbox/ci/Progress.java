package io.rollgate.sandbox.ci;

import java.time.Duration;
import java.time.Instant;

/**
 * Where a simulated run is at a given instant: queued until {@code startsAt}, running until {@code
 * endsAt}, then finished with the behaviour's outcome. Computed from the clock on every read, so no
 * background thread moves runs along.
 */
record Progress(Instant createdAt, Instant startsAt, Instant endsAt, Behaviour behaviour) {

  enum Phase {
    QUEUED,
    RUNNING,
    FINISHED
  }

  static Progress of(Instant createdAt, Duration queueTime, Behaviour behaviour) {
    Instant startsAt = createdAt.plus(queueTime);
    return new Progress(createdAt, startsAt, startsAt.plus(behaviour.duration()), behaviour);
  }

  /** A run that was already over when the simulator learnt of it (seeded history). */
  static Progress finished(Instant at, Behaviour behaviour) {
    return new Progress(at, at, at, behaviour);
  }

  Phase phase(Instant now) {
    if (now.isBefore(startsAt)) {
      return Phase.QUEUED;
    }
    return now.isBefore(endsAt) ? Phase.RUNNING : Phase.FINISHED;
  }

  Instant updatedAt(Instant now) {
    switch (phase(now)) {
      case QUEUED:
        return createdAt;
      case RUNNING:
        return startsAt;
      default:
        return endsAt;
    }
  }
}
