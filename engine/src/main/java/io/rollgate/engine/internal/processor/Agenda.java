package io.rollgate.engine.internal.processor;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The work one command causes, run to quiescence in the order it was planned: an element that
 * completes plans its outgoing flows, a flow plans its target's activation, and so on until every
 * token waits or has ended.
 */
final class Agenda {
  private final Deque<Runnable> work = new ArrayDeque<>();

  /** Plans work to run once the work in progress is done. */
  void add(Runnable step) {
    work.add(step);
  }

  /** Runs planned work, and the work it plans, until none is left. */
  void run() {
    Runnable next;
    while ((next = work.poll()) != null) {
      next.run();
    }
  }
}
