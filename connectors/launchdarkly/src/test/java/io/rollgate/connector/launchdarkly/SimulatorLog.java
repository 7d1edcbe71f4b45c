package io.rollgate.connector.launchdarkly;

import io.rollgate.sandbox.RequestLog;
import io.rollgate.sandbox.launchdarkly.LaunchDarklySimulator;
import java.util.List;

/** What the simulator's request log says the client sent. */
final class SimulatorLog {

  private SimulatorLog() {}

  static List<RequestLog.Entry> settledEntries(LaunchDarklySimulator sim) {
    return sim.requests().entries();
  }

  static List<String> settledCalls(LaunchDarklySimulator sim) {
    return settledEntries(sim).stream().map(e -> e.method() + " " + e.path()).toList();
  }
}
