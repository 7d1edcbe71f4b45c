package io.rollgate.app.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The README's main job, run as a user runs it. */
class ReleaseDemoIT {

  private static String run(boolean regression, boolean[] ok) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
      ok[0] = new ReleaseDemo(out, regression).run();
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void aReleaseGoesThroughEveryGateAndIsReleased() {
    // when
    boolean[] ok = new boolean[1];
    String output = run(false, ok);

    // then
    assertThat(ok[0]).as(output).isTrue();
    assertThat(output)
        .contains("done  Readiness verdict")
        .contains("verdict\":\"GO_WITH_RISK")
        .contains("done  Open the change request")
        .contains("cabDecision=\"APPROVED\"")
        .contains("wait  Go / no-go")
        .contains("release manager decides GO")
        .contains("goDecision=\"GO\"")
        .contains("wait  Change window opens")
        .contains("done  Deploy (CI)")
        .contains("10% of users")
        .contains("100% of users")
        .contains("done  Close change: successful")
        .contains("Outcome: released");
  }

  @Test
  void aRegressionDuringTheRolloutTakesTheRollbackPath() {
    // when
    boolean[] ok = new boolean[1];
    String output = run(true, ok);

    // then
    assertThat(ok[0]).as(output).isTrue();
    assertThat(output)
        .contains("P1 incident opened")
        .contains("Regression")
        .contains("done  Flag back to 0%")
        .contains("done  Close change: unsuccessful")
        .contains("Outcome: rolledBack")
        .doesNotContain("100% of users");
  }
}
