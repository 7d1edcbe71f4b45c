package io.rollgate.connector.servicenow;

import io.rollgate.connector.Secret;
import io.rollgate.connector.TestResilience;
import io.rollgate.connector.servicenow.model.ChangeRequest;
import io.rollgate.connector.servicenow.model.ChangeState;
import io.rollgate.connector.servicenow.model.NewChange;
import io.rollgate.sandbox.servicenow.ServiceNowSimulator;
import io.rollgate.sandbox.servicenow.SimulatorConfig;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** The shared scenarios against the ServiceNow simulator. */
class ChangeLifecycleScenariosIT extends ChangeLifecycleScenarios {

  private static final List<ChangeState> PATH =
      List.of(
          ChangeState.ASSESS,
          ChangeState.AUTHORIZE,
          ChangeState.SCHEDULED,
          ChangeState.IMPLEMENT,
          ChangeState.REVIEW);

  private ServiceNowSimulator sim;
  private ServiceNowClient client;

  @BeforeEach
  void start() {
    sim =
        ServiceNowSimulator.start(
            SimulatorConfig.defaults().withConflictCheckDuration(Duration.ofMillis(50)));
    client =
        new ServiceNowClient(
            ServiceNowConfig.of(sim.baseUri(), ServiceNowAuth.basic("admin", Secret.of("admin")))
                .withResilience(TestResilience.fast(ServiceNowClient.SYSTEM, 3))
                .withConflictPollInterval(Duration.ofMillis(10)));
  }

  @AfterEach
  void stop() {
    sim.close();
  }

  @Override
  protected ServiceNowClient client() {
    return client;
  }

  @Override
  protected void givenNoChangeWith(String correlationId) {
    // a fresh simulator holds no changes
  }

  @Override
  protected String givenChangeIn(ChangeState state) {
    ChangeRequest change =
        client.createChange(NewChange.normal("rel-" + System.nanoTime(), "Deploy checkout 2.4"));
    for (ChangeState next : PATH) {
      if (next == ChangeState.SCHEDULED) {
        sim.approve(change.number(), "CAB approved");
      } else {
        client.moveTo(change.sysId(), next);
      }
      if (next == state) {
        break;
      }
    }
    return change.sysId();
  }

  @Override
  protected String givenApprovedChange() {
    return givenChangeIn(ChangeState.SCHEDULED);
  }

  @Override
  protected String givenChangeWithoutConflicts() {
    return client
        .createChange(
            NewChange.normal("rel-" + System.nanoTime(), "Lonely change")
                .with("cmdb_ci", "ci-" + System.nanoTime()))
        .sysId();
  }

  @Override
  protected void givenIncidentsOnCi() {
    sim.addIncident(Map.of("short_description", "Checkout down", "priority", "1", "cmdb_ci", CI));
    sim.addIncident(Map.of("short_description", "Slow", "priority", "2", "cmdb_ci", CI));
    sim.addIncident(Map.of("short_description", "Retries", "priority", "2", "cmdb_ci", CI));
    sim.addIncident(Map.of("short_description", "Typo", "priority", "4", "cmdb_ci", CI));
    sim.addIncident(Map.of("short_description", "Elsewhere", "priority", "1", "cmdb_ci", "other"));
    sim.addIncident(
        Map.of("short_description", "Solved", "priority", "1", "cmdb_ci", CI, "active", "false"));
  }

  @Override
  protected void givenNoChange(String sysId) {
    // the simulator knows no such sys_id
  }
}
