package io.rollgate.app.release;

/** Signals within one service instance: the embedded default, with its file database. */
final class InProcessGateSignals implements GateSignals {

  private final LocalWaiters waiters = new LocalWaiters();

  @Override
  public void publish(String releaseId) {
    waiters.wake(releaseId);
  }

  @Override
  public Runnable onNextChange(String releaseId, Runnable listener) {
    return waiters.add(releaseId, listener);
  }

  /** Listeners waiting for a change, on every release. */
  int waiting() {
    return waiters.waiting();
  }
}
