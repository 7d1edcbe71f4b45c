package io.rollgate.workers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rollgate.connector.Secret;
import io.rollgate.connector.ci.github.GitHubClient;
import io.rollgate.connector.launchdarkly.FlagEvaluator;
import io.rollgate.connector.launchdarkly.LaunchDarklyClient;
import io.rollgate.connector.launchdarkly.LaunchDarklySettings;
import io.rollgate.connector.launchdarkly.SdkSettings;
import io.rollgate.connector.servicenow.ServiceNowAuth;
import io.rollgate.connector.servicenow.ServiceNowClient;
import io.rollgate.connector.servicenow.ServiceNowConfig;
import io.rollgate.processes.Lifecycle;
import io.rollgate.workers.change.ChangeWorkers;
import io.rollgate.workers.job.Worker;
import io.rollgate.workers.readiness.ReadinessWorkers;
import io.rollgate.workers.rollout.RolloutWorkers;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** Wiring without servers: the clients point at a closed port and are never called. */
class ReleaseWorkersTest {

  private static final URI NOWHERE = URI.create("http://127.0.0.1:1");
  private static final WorkerConnections CONNECTIONS =
      new WorkerConnections(
          new ServiceNowClient(
              ServiceNowConfig.of(NOWHERE, ServiceNowAuth.basic("u", Secret.of("p")))),
          LaunchDarklyClient.create(LaunchDarklySettings.of(NOWHERE, Secret.of("api"))),
          FlagEvaluator.start(
              SdkSettings.singleHost(Secret.of("sdk"), NOWHERE).withStartWait(Duration.ZERO)),
          CiProviders.gitHub(GitHubClient.builder(NOWHERE.toString(), Secret.of("t")).build()));
  private static final WorkerSettings SETTINGS = WorkerSettings.of("rollgate", "test");

  @AfterAll
  static void close() {
    CONNECTIONS.close();
  }

  private static List<Worker<?, ?>> allWorkers() {
    List<Worker<?, ?>> workers = new ArrayList<>();
    workers.addAll(ReadinessWorkers.create(CONNECTIONS, SETTINGS));
    workers.addAll(ChangeWorkers.create(CONNECTIONS, SETTINGS));
    workers.addAll(io.rollgate.workers.deploy.DeployWorkers.create(CONNECTIONS, SETTINGS));
    workers.addAll(RolloutWorkers.create(CONNECTIONS, SETTINGS));
    return workers;
  }

  @Test
  void servesEveryJobTypeOfTheLifecycleExactlyOnce() {
    // given
    List<Worker<?, ?>> workers = allWorkers();

    // when
    Set<String> served = ReleaseWorkers.byType(workers).keySet();

    // then
    assertThat(served).containsExactlyInAnyOrderElementsOf(Lifecycle.Jobs.ALL);
  }

  @Test
  void refusesToOpenWhenAJobTypeHasNoHandler() {
    // given
    List<Worker<?, ?>> workers = new ArrayList<>(allWorkers());
    workers.removeIf(w -> w.jobType().equals(Lifecycle.Jobs.CI_DEPLOY));

    // when / then
    assertThatThrownBy(() -> ReleaseWorkers.open(null, workers, SETTINGS))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("without a handler: [ci-deploy]");
  }

  @Test
  void readsAndWritesOnlyVariablesTheLifecycleNames() throws Exception {
    // given
    Set<String> known = lifecycleVariables();

    // when
    Set<String> used = new HashSet<>();
    for (Worker<?, ?> worker : allWorkers()) {
      used.addAll(components(worker.inputType()));
      used.addAll(
          components(worker.getClass().getMethod("handle", worker.inputType()).getReturnType()));
    }

    // then
    assertThat(known).containsAll(used);
  }

  @Test
  void holdsDeployJobsLongerThanTheDeployMayTake() {
    // given / when
    Duration deploy = ReleaseWorkers.timeout(Lifecycle.Jobs.CI_DEPLOY, SETTINGS);
    Duration incidents = ReleaseWorkers.timeout(Lifecycle.Jobs.SERVICENOW_OPEN_INCIDENTS, SETTINGS);

    // then
    assertThat(deploy).isGreaterThan(SETTINGS.deployTimeout());
    assertThat(incidents).isEqualTo(SETTINGS.jobTimeout());
  }

  private static Set<String> lifecycleVariables() throws IllegalAccessException {
    Set<String> names = new HashSet<>();
    for (Field f : Lifecycle.Variables.class.getFields()) {
      if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class) {
        names.add((String) f.get(null));
      }
    }
    return names;
  }

  private static List<String> components(Class<?> record) {
    return Arrays.stream(record.getRecordComponents()).map(RecordComponent::getName).toList();
  }
}
