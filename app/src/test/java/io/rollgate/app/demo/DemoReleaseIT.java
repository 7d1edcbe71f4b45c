package io.rollgate.app.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The README's first command: the service in its default profile and a release driven through the
 * gate API, its record printed at the end.
 */
class DemoReleaseIT {

  @Test
  void theDemoReleaseIsReleasedAndItsRecordShowsEveryGate() {
    // given
    ByteArrayOutputStream printed = new ByteArrayOutputStream();

    // when
    boolean asExpected =
        new DemoRelease(new PrintStream(printed, true, StandardCharsets.UTF_8), false).run();

    // then
    String out = printed.toString(StandardCharsets.UTF_8);
    assertThat(asExpected).as(out).isTrue();
    assertThat(out)
        .containsPattern(
            "Health UP: .*camundaClient=UP.*db=UP.*outsideSystems=UP"
                + " \\(github=UP launchdarkly=UP servicenow=UP\\)");
    assertThat(out).containsPattern("ended RELEASED: ");
    assertThat(out)
        .containsPattern("(?m)^ +readiness +GO_WITH_RISK +by system +evidence sha256:[0-9a-f]{12}")
        .containsPattern("(?m)^ +cab +APPROVED +by system +evidence sha256:[0-9a-f]{12}")
        .containsPattern(
            "(?m)^ +go-no-go +GO +by rita-release-manager +evidence sha256:[0-9a-f]{12}")
        .containsPattern("(?m)^ +rollout +SERVED +by system")
        .containsPattern("(?m)^ +health-check +HEALTHY +by system")
        .contains("chain intact");
  }

  @Test
  void withARegressionTheDemoReleaseRollsBack() {
    // given
    ByteArrayOutputStream printed = new ByteArrayOutputStream();

    // when
    boolean asExpected =
        new DemoRelease(new PrintStream(printed, true, StandardCharsets.UTF_8), true).run();

    // then
    String out = printed.toString(StandardCharsets.UTF_8);
    assertThat(asExpected).as(out).isTrue();
    assertThat(out).contains("P1 incident").containsPattern("ended ROLLED_BACK: ");
    assertThat(out)
        .containsPattern("(?m)^ +health-check +UNHEALTHY +by system")
        .contains("chain intact");
  }
}
