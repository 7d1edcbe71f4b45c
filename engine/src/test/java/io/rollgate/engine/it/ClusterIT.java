package io.rollgate.engine.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.client.api.response.PartitionBrokerHealth;
import io.camunda.client.api.response.Topology;
import io.rollgate.engine.testing.RollgateEngineTest;
import io.rollgate.engine.testing.TestEngine;
import org.junit.jupiter.api.Test;

@RollgateEngineTest
class ClusterIT {
  static TestEngine ENGINE;

  @Test
  void topologyShowsOneHealthyLeaderPartitionAtTheEngineAddress() {
    // when
    Topology topology = ENGINE.client().newTopologyRequest().send().join();

    // then
    assertThat(topology.getClusterSize()).isEqualTo(1);
    assertThat(topology.getPartitionsCount()).isEqualTo(1);
    assertThat(topology.getGatewayVersion()).startsWith("8.8");
    assertThat(topology.getBrokers())
        .singleElement()
        .satisfies(
            broker -> {
              assertThat(broker.getPort()).isEqualTo(ENGINE.engine().port());
              assertThat(broker.getPartitions())
                  .singleElement()
                  .satisfies(
                      partition -> {
                        assertThat(partition.isLeader()).isTrue();
                        assertThat(partition.getHealth()).isEqualTo(PartitionBrokerHealth.HEALTHY);
                      });
            });
  }

  @Test
  void statusAnswersWhileTheEngineRuns() {
    // when / then: no exception means 2xx
    ENGINE.client().newStatusRequest().send().join();
  }
}
