package io.rollgate.connector.launchdarkly;

import io.rollgate.connector.Secret;
import io.rollgate.connector.TestResilience;
import io.rollgate.sandbox.launchdarkly.EnvironmentSeed;
import io.rollgate.sandbox.launchdarkly.FlagSeed;
import io.rollgate.sandbox.launchdarkly.LaunchDarklySimulator;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** The shared scenarios against the stateful simulator, so the demo cannot drift. */
class SimulatedLaunchDarklyScenariosIT extends LaunchDarklyScenarios {

  private LaunchDarklySimulator sim;

  private final Backend backend =
      new Backend() {
        @Override
        public LaunchDarklyClient client() {
          return clientWithToken(sim.apiToken());
        }

        @Override
        public LaunchDarklyClient clientWithToken(String token) {
          return LaunchDarklyClient.create(
              LaunchDarklySettings.of(sim.baseUri(), Secret.of(token)),
              TestResilience.fast("launchdarkly", 3),
              Clock.systemUTC());
        }

        @Override
        public void answers(Answer... answers) {
          // the simulator computes its answers from its state
        }

        @Override
        public void concurrentWriterWinsNext(int count) {
          sim.conflictOnNextPatches(count);
        }

        @Override
        public void reviewerApproves(String approvalRequestId) {
          sim.reviewApproval(approvalRequestId, "approve");
        }

        @Override
        public void reviewerDeclines(String approvalRequestId) {
          sim.reviewApproval(approvalRequestId, "decline");
        }

        @Override
        public List<String> calls() {
          return SimulatorLog.settledCalls(sim);
        }
      };

  @Override
  Backend backend() {
    return backend;
  }

  @BeforeEach
  void start() {
    sim = LaunchDarklySimulator.start();
    sim.addEnvironment(new EnvironmentSeed("rollgate", "staging", "Staging", null, false));
    sim.addEnvironment(
        new EnvironmentSeed("rollgate", "production", "Production", null, false)
            .requiringApproval());
    sim.seedFlag(
        FlagSeed.bool("rollgate", "checkout-v2")
            .withVariationIds(TRUE_ID, FALSE_ID)
            .withOn(true)
            .withFallthroughVariation(1)
            .withVersion(3));
  }

  @AfterEach
  void stop() {
    sim.close();
  }
}
