package io.rollgate.app.release;

/**
 * Tells waiting pipelines that something about a release changed (a gate decided, the release
 * ended), on every service instance that shares the database. A signal carries no data: whoever
 * wakes reads the release record again, so a lost or doubled signal costs a read, never a verdict.
 */
interface GateSignals {

  /** Something about the release changed; wakes its waiters on every instance. */
  void publish(String releaseId);

  /**
   * Calls {@code listener} once, the next time the release changes. Listeners run on a signalling
   * thread and must not block.
   *
   * @return cancels the listener (for example when the wait timed out)
   */
  Runnable onNextChange(String releaseId, Runnable listener);
}
