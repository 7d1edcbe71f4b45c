package io.rollgate.connector.launchdarkly;

import io.rollgate.sandbox.RequestLog;
import io.rollgate.sandbox.launchdarkly.LaunchDarklySimulator;
import java.util.List;

/** Reads the simulator's request log, which is written just after an answer has gone out. */
final class SimulatorLog {

  private SimulatorLog() {}

  static List<RequestLog.Entry> settledEntries(LaunchDarklySimulator sim) {
    List<RequestLog.Entry> last = sim.requests().entries();
    for (int i = 0; i < 20; i++) {
      sleep();
      List<RequestLog.Entry> now = sim.requests().entries();
      if (now.size() == last.size() && !now.isEmpty()) {
        return now;
      }
      last = now;
    }
    return last;
  }

  static List<String> settledCalls(LaunchDarklySimulator sim) {
    return settledEntries(sim).stream().map(e -> e.method() + " " + e.path()).toList();
  }

  private static void sleep() {
    try {
      Thread.sleep(25);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
