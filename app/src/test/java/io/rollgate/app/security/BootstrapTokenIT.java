package io.rollgate.app.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.rollgate.app.RollgateApplication;
import io.rollgate.app.config.ConfigurationProblemAnalyzer;
import io.rollgate.app.support.TempFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** A malformed {@code rollgate.bootstrap.token} stops the service at start, in one line. */
@ExtendWith(OutputCaptureExtension.class)
class BootstrapTokenIT {

  @Test
  void aMalformedBootstrapTokenStopsStartUpNamingThePropertyNotTheValue(CapturedOutput output)
      throws Exception {
    // given
    Path data = Files.createTempDirectory("rollgate-bootstrap-it");
    String malformed = "rg_too-short-SECRET";
    try {
      // when
      Throwable failure =
          catchThrowable(
              () ->
                  new SpringApplicationBuilder(RollgateApplication.class)
                      .properties(
                          "rollgate.data-dir=" + data,
                          "rollgate.bootstrap.token=" + malformed,
                          "server.port=0")
                      .run()
                      .close());

      // then
      assertThat(failure).isNotNull();
      FailureAnalysis analysis = new ConfigurationProblemAnalyzer().analyze(failure);
      assertThat(analysis).isNotNull();
      assertThat(analysis.getDescription())
          .doesNotContain("\n")
          .isEqualTo(
              "Invalid configuration: rollgate.bootstrap.token "
                  + ApiTokenFormat.DESCRIPTION
                  + " (environment variable ROLLGATE_BOOTSTRAP_TOKEN)");
      assertThat(output.getAll())
          .contains("Invalid configuration: rollgate.bootstrap.token")
          .doesNotContain(malformed);
    } finally {
      TempFiles.delete(data);
    }
  }
}
