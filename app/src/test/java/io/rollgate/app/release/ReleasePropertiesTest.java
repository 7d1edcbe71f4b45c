package io.rollgate.app.release;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

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
          "build.yml");

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
