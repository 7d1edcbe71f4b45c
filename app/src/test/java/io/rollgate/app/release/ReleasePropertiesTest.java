package io.rollgate.app.release;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

class ReleasePropertiesTest {

  private static final ReleaseProperties.ServiceDefaults CHECKOUT =
      new ReleaseProperties.ServiceDefaults(
          "https://wiki.example/runbooks/checkout",
          "https://wiki.example/rollback/checkout",
          "https://ci.example/checkout/tests",
          0.95,
          3,
          "standard",
          List.of(10, 100),
          Duration.ofMinutes(5),
          "gitlab",
          "build.yml",
          List.of(new CutoverStep("deploy", "ci", "jenkins", null, "deploy-checkout", null, null)),
          Duration.ofHours(1));

  private final ReleaseProperties properties =
      new ReleaseProperties(List.of("payments"), Map.of("checkout", CHECKOUT));

  @Test
  void whatTheRequestLeavesOutTheServicesDefaultsGiveAndWhatItGivesWins() {
    // when
    StartRelease filled =
        properties.withDefaults(request("checkout", null, "https://wiki.example/rollback/7"));

    // then
    assertThat(filled.runbookUrl()).isEqualTo("https://wiki.example/runbooks/checkout");
    assertThat(filled.rollbackPlanUrl()).isEqualTo("https://wiki.example/rollback/7");
    assertThat(filled.testReportUrl()).isEqualTo("https://ci.example/checkout/tests");
    assertThat(filled.testPassRatio()).isEqualTo(0.99);
  }

  @Test
  void aRequestWithoutARolloutPlanGetsTheServicesChangeModelWavesBakeTimeAndCi() {
    // given
    StartRelease bare =
        new StartRelease(
            "checkout",
            "7.1.0",
            "0123456789abcdef0123456789abcdef01234567",
            "production",
            null,
            "acme/shop",
            "deploy.yml",
            "checkout",
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null);

    // when
    StartRelease filled = properties.withDefaults(bare);

    // then
    assertThat(filled.changeModel()).isEqualTo("standard");
    assertThat(filled.waves()).containsExactly(10, 100);
    assertThat(filled.bakeTime()).isEqualTo(Duration.ofMinutes(5));
    assertThat(filled.ciProvider()).isEqualTo("gitlab");
    assertThat(filled.ciWorkflow()).isEqualTo("build.yml");
  }

  @Test
  void aRolloutPlanTheRequestGivesWinsOverTheServicesDefaults() {
    // when
    StartRelease filled = properties.withDefaults(request("checkout", null, null));

    // then
    assertThat(filled.changeModel()).isEqualTo("emergency");
    assertThat(filled.waves()).containsExactly(50, 100);
    assertThat(filled.bakeTime()).isEqualTo(Duration.ofSeconds(1));
  }

  @Test
  void aServiceWithoutDefaultsKeepsItsMissingLinksMissing() {
    // when
    StartRelease filled = properties.withDefaults(request("payments", null, null));

    // then
    assertThat(filled.runbookUrl()).isNull();
    assertThat(filled.rollbackPlanUrl()).isNull();
    assertThat(filled.testReportUrl()).isNull();
    assertThat(properties.defaultsFor("payments").minTestPassRatio()).isNull();
  }

  @Test
  void aRequestWithoutACutoverPlanGetsTheServicesAndARequestsOwnPlanWins() {
    // given
    List<CutoverStep> own =
        List.of(new CutoverStep("switch", "manual", null, null, null, "Switch the pool.", null));
    StartRelease withPlan = request("checkout", null, null);
    withPlan =
        new StartRelease(
            withPlan.service(),
            withPlan.version(),
            withPlan.commitSha(),
            withPlan.environment(),
            withPlan.changeModel(),
            withPlan.repository(),
            withPlan.deployWorkflow(),
            withPlan.flagKey(),
            withPlan.windowStart(),
            null,
            withPlan.waves(),
            withPlan.bakeTime(),
            withPlan.ciProvider(),
            withPlan.ciWorkflow(),
            withPlan.pipelineUrl(),
            withPlan.runbookUrl(),
            withPlan.rollbackPlanUrl(),
            withPlan.testReportUrl(),
            withPlan.testPassRatio(),
            own);

    // when
    StartRelease planless = properties.withDefaults(request("checkout", null, null));
    StartRelease planned = properties.withDefaults(withPlan);

    // then
    assertThat(planless.cutoverSteps())
        .extracting(CutoverStep::pipeline)
        .containsExactly("deploy-checkout");
    assertThat(planned.cutoverSteps()).isEqualTo(own);
    assertThat(properties.withDefaults(request("payments", null, null)).cutoverSteps()).isNull();
  }

  @Test
  void aServicesCutoverPlanIsConfiguredStepByStep() {
    // given
    Map<String, String> configured =
        Map.of(
            "rollgate.service-defaults.shop.cutover-steps[0].name", "migrate",
            "rollgate.service-defaults.shop.cutover-steps[0].kind", "ci",
            "rollgate.service-defaults.shop.cutover-steps[0].pipeline", "migrate.yml",
            "rollgate.service-defaults.shop.cutover-steps[0].rollback.kind", "manual",
            "rollgate.service-defaults.shop.cutover-steps[0].rollback.instructions", "Restore.",
            "rollgate.service-defaults.shop.cutover-steps[1].name", "switch",
            "rollgate.service-defaults.shop.cutover-steps[1].kind", "manual",
            "rollgate.service-defaults.shop.cutover-steps[1].instructions", "Switch the pool.");

    // when
    ReleaseProperties bound =
        new Binder(new MapConfigurationPropertySource(configured))
            .bind("rollgate", ReleaseProperties.class)
            .get();

    // then
    assertThat(bound.defaultsFor("shop").cutoverSteps())
        .containsExactly(
            new CutoverStep(
                "migrate",
                "ci",
                null,
                null,
                "migrate.yml",
                null,
                new CutoverStep.StepRollback("manual", null, null, null, "Restore.")),
            new CutoverStep("switch", "manual", null, null, null, "Switch the pool.", null));
  }

  @Test
  void aServiceWithDefaultsIsKnownAndItsQuorumIsTheGoNoGoChecks() {
    assertThat(properties.knows("checkout")).isTrue();
    assertThat(properties.knows("payments")).isTrue();
    assertThat(properties.knows("search")).isFalse();
    assertThat(properties.known()).containsExactly("checkout", "payments");
    assertThat(properties.emergencyApprovals()).isEqualTo(Map.of("checkout", 3));
  }

  private static StartRelease request(String service, String runbook, String rollbackPlan) {
    return new StartRelease(
        service,
        "7.0.0",
        "0123456789abcdef0123456789abcdef01234567",
        "production",
        "emergency",
        "acme/shop",
        "deploy.yml",
        service,
        null,
        null,
        List.of(50, 100),
        Duration.ofSeconds(1),
        null,
        null,
        null,
        runbook,
        rollbackPlan,
        null,
        0.99,
        null);
  }
}
