package io.rollgate.workers.readiness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.rollgate.connector.Secret;
import io.rollgate.connector.launchdarkly.FlagChange;
import io.rollgate.connector.launchdarkly.FlagEvaluator;
import io.rollgate.connector.launchdarkly.FlagRef;
import io.rollgate.connector.launchdarkly.LaunchDarklyClient;
import io.rollgate.connector.launchdarkly.LaunchDarklySettings;
import io.rollgate.connector.launchdarkly.SdkSettings;
import io.rollgate.connector.servicenow.ServiceNowAuth;
import io.rollgate.connector.servicenow.ServiceNowClient;
import io.rollgate.connector.servicenow.ServiceNowConfig;
import io.rollgate.sandbox.ci.Behaviour;
import io.rollgate.sandbox.ci.CiSimulator;
import io.rollgate.sandbox.launchdarkly.EnvironmentSeed;
import io.rollgate.sandbox.launchdarkly.LaunchDarklySimulator;
import io.rollgate.sandbox.servicenow.ServiceNowSimulator;
import io.rollgate.workers.SimulatedCi;
import io.rollgate.workers.job.InvalidVariableException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The readiness evidence workers against the ServiceNow, LaunchDarkly and CI simulators. */
class ReadinessWorkersIT {

  private static final ServiceNowSimulator SERVICENOW_SIM = ServiceNowSimulator.start();
  private static final LaunchDarklySimulator LAUNCHDARKLY_SIM = LaunchDarklySimulator.start();
  private static final List<EnvironmentSeed> ENVIRONMENTS = LAUNCHDARKLY_SIM.seedDemo();
  private static final CiSimulator CI_SIM = CiSimulator.builder().queueTime(Duration.ZERO).start();
  private static final FlagEvaluator SDK =
      FlagEvaluator.start(
          SdkSettings.singleHost(
              Secret.of(ENVIRONMENTS.get(0).sdkKey()), LAUNCHDARKLY_SIM.baseUri()));

  private final OpenIncidentsWorker openIncidents =
      new OpenIncidentsWorker(
          new ServiceNowClient(
              ServiceNowConfig.of(
                  SERVICENOW_SIM.baseUri(), ServiceNowAuth.basic("admin", Secret.of("admin")))),
          2);
  private final FreezeFlagWorker freezeFlag = new FreezeFlagWorker(SDK, "release-freeze");
  private final PipelineStatusWorker pipelineStatus =
      new PipelineStatusWorker(SimulatedCi.providers(CI_SIM));

  @AfterAll
  static void stop() {
    SDK.close();
    CI_SIM.close();
    LAUNCHDARKLY_SIM.close();
    SERVICENOW_SIM.close();
  }

  @Test
  void countsOnlyTheServicesOpenP1AndP2Incidents() {
    // given
    String p1 = SERVICENOW_SIM.addIncident(Map.of("priority", "1", "business_service", "cart"));
    String p2 = SERVICENOW_SIM.addIncident(Map.of("priority", "2", "business_service", "cart"));
    SERVICENOW_SIM.addIncident(Map.of("priority", "3", "business_service", "cart"));
    SERVICENOW_SIM.addIncident(Map.of("priority", "1", "business_service", "billing"));
    SERVICENOW_SIM.addIncident(
        Map.of("priority", "1", "business_service", "cart", "active", "false"));

    // when
    OpenIncidentsWorker.Output out = openIncidents.handle(new OpenIncidentsWorker.Input("cart"));

    // then
    assertThat(out.openIncidents()).isEqualTo(2);
    assertThat(out.openP1()).isEqualTo(1);
    assertThat(out.openP2()).isEqualTo(1);
    assertThat(out.incidentNumbers()).containsExactlyInAnyOrder(p1, p2);
  }

  @Test
  void readsNoFreezeWhileTheFreezeFlagIsOffThenAFreezeOnceItIsOn() {
    // given
    boolean before = freezeFlag.handle(new FreezeFlagWorker.Input("shop")).freeze();

    // when
    LaunchDarklyClient.create(
            LaunchDarklySettings.of(
                LAUNCHDARKLY_SIM.baseUri(), Secret.of(LAUNCHDARKLY_SIM.apiToken())))
        .apply(FlagRef.of("rollgate", "release-freeze", "test"), FlagChange.turnOn(), "freeze");

    // then
    assertThat(before).isFalse();
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> freezeFlag.handle(new FreezeFlagWorker.Input("shop")).freeze());
  }

  @Test
  void findsCiGreenWhenTheCommitsRunsSucceeded() {
    // given
    CI_SIM.github().workflow("acme", "green", "build.yml", Behaviour.succeedsAfter(Duration.ZERO));
    CI_SIM.github().seedRun("acme", "green", "build.yml", sha('a'), "main", "push");

    // when
    PipelineStatusWorker.Output out =
        awaitStatus(
            new PipelineStatusWorker.Input("acme/green", sha('a'), "build.yml", null),
            PipelineStatusWorker.Output::ciGreen);

    // then
    assertThat(out.ciUrl()).contains("/acme/green/actions/runs/");
  }

  @Test
  void findsCiNotGreenWhenARunFailedOrNoneExists() {
    // given
    CI_SIM.github().workflow("acme", "red", "build.yml", Behaviour.failsAfter(Duration.ZERO));
    CI_SIM.github().seedRun("acme", "red", "build.yml", sha('b'), "main", "push");

    // when
    PipelineStatusWorker.Output failed =
        pipelineStatus.handle(
            new PipelineStatusWorker.Input("acme/red", sha('b'), "build.yml", null));
    PipelineStatusWorker.Output none =
        pipelineStatus.handle(
            new PipelineStatusWorker.Input("acme/red", sha('c'), "build.yml", null));

    // then
    assertThat(failed.ciGreen()).isFalse();
    assertThat(none).isEqualTo(new PipelineStatusWorker.Output(false, "PENDING", null));
  }

  @Test
  void anotherWorkflowsGreenRunOnTheCommitDoesNotPassTheReleasesWorkflow() {
    // given: the commit's lint passed; its build has not run yet
    CI_SIM.github().workflow("acme", "mixed", "lint.yml", Behaviour.succeedsAfter(Duration.ZERO));
    CI_SIM.github().workflow("acme", "mixed", "build.yml", Behaviour.succeedsAfter(Duration.ZERO));
    CI_SIM.github().seedRun("acme", "mixed", "lint.yml", sha('d'), "main", "push");
    awaitStatus(
        new PipelineStatusWorker.Input("acme/mixed", sha('d'), "lint.yml", null),
        PipelineStatusWorker.Output::ciGreen);

    // when
    PipelineStatusWorker.Output beforeBuild =
        pipelineStatus.handle(
            new PipelineStatusWorker.Input("acme/mixed", sha('d'), "build.yml", null));
    CI_SIM.github().seedRun("acme", "mixed", "build.yml", sha('d'), "main", "push");
    PipelineStatusWorker.Output afterBuild =
        awaitStatus(
            new PipelineStatusWorker.Input("acme/mixed", sha('d'), "build.yml", null),
            PipelineStatusWorker.Output::ciGreen);

    // then: only the build's own run decided
    assertThat(beforeBuild).isEqualTo(new PipelineStatusWorker.Output(false, "PENDING", null));
    assertThat(afterBuild.ciUrl()).contains("/acme/mixed/actions/runs/");
  }

  @Test
  void withoutACiWorkflowEveryWorkflowsLatestRunOnTheCommitMustHavePassed() {
    // given: the commit's build passed, a second workflow's run on it failed
    CI_SIM.github().workflow("acme", "both", "build.yml", Behaviour.succeedsAfter(Duration.ZERO));
    CI_SIM.github().workflow("acme", "both", "e2e.yml", Behaviour.failsAfter(Duration.ZERO));
    CI_SIM.github().seedRun("acme", "both", "build.yml", sha('e'), "main", "push");
    CI_SIM.github().seedRun("acme", "both", "e2e.yml", sha('e'), "main", "push");

    // when
    PipelineStatusWorker.Output every =
        awaitStatus(
            new PipelineStatusWorker.Input("acme/both", sha('e'), null, null),
            out -> "FAILED".equals(out.ciState()));

    // then
    assertThat(every.ciGreen()).isFalse();
  }

  @Test
  void asksTheReleasesOwnCiSystemAGitLabPipelineInASubgroupDecides() {
    // given: the service builds on GitLab, in a subgroup; GitHub knows nothing of the commit
    CI_SIM.gitlab().project("acme/platform/router", 4711, Behaviour.succeedsAfter(Duration.ZERO));
    CI_SIM.gitlab().seedPipeline("acme/platform/router", sha('f'), "main", "push");

    // when
    PipelineStatusWorker.Output out =
        awaitStatus(
            new PipelineStatusWorker.Input("acme/platform/router", sha('f'), null, "gitlab"),
            PipelineStatusWorker.Output::ciGreen);

    // then: the pipeline that decided is GitLab's
    assertThat(out.ciState()).isEqualTo("SUCCEEDED");
    assertThat(out.ciUrl()).contains("/acme/platform/router/-/pipelines/");
  }

  @Test
  void aJenkinsReleaseWithoutTheJobToAskIsRefusedNamingTheVariable() {
    assertThatThrownBy(() -> new PipelineStatusWorker.Input("", sha('f'), null, "jenkins"))
        .isInstanceOf(InvalidVariableException.class)
        .hasMessageContaining("ciWorkflow");
  }

  /** What the pipeline status worker answers for {@code input} once the answer is {@code done}. */
  private PipelineStatusWorker.Output awaitStatus(
      PipelineStatusWorker.Input input, Predicate<PipelineStatusWorker.Output> done) {
    return await().atMost(Duration.ofSeconds(5)).until(() -> pipelineStatus.handle(input), done);
  }

  private static String sha(char c) {
    return String.valueOf(c).repeat(40);
  }
}
