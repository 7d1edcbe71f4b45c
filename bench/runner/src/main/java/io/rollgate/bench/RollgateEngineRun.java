package io.rollgate.bench;

import io.camunda.client.CamundaClient;
import io.rollgate.app.support.EngineProcess;
import io.rollgate.engine.testing.InstanceLoad;
import java.time.Duration;

/** Rollgate's engine as a cluster stand-in process, driven by the Camunda client over REST. */
final class RollgateEngineRun {

  private static final Duration ROUND_LIMIT = Duration.ofMinutes(30);

  Throughput measure(int warmUp, int instances) throws Exception {
    try (EngineProcess engine = EngineProcess.start();
        CamundaClient client = InstanceLoad.client(engine.restAddress());
        InstanceLoad load = InstanceLoad.deploy(client, 3)) {
      load.run(warmUp, ROUND_LIMIT);
      InstanceLoad.Round round = load.run(instances, ROUND_LIMIT);
      return new Throughput(round.instances(), round.seconds());
    }
  }
}
