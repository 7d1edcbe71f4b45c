package io.rollgate.connector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResilienceConfigTest {

  @Test
  void givesEachSystemTheDefaultsWithItsOwnOverrides() {
    // when
    ResilienceConfig config = ResilienceConfig.builtIn();
    // then
    assertThat(config.settingsFor("servicenow").readTimeout()).isEqualTo(Duration.ofSeconds(20));
    assertThat(config.settingsFor("github").readTimeout()).isEqualTo(Duration.ofSeconds(15));
    assertThat(config.settingsFor("github").maxAttempts()).isEqualTo(4);
    assertThat(config.settingsFor("unknown-system").connectTimeout())
        .isEqualTo(Duration.ofSeconds(3));
  }

  @Test
  void longestCallCountsEveryAttemptAndTheLongestWaitBetweenThem() {
    // given: 4 attempts of 30 s, waits up to 10 s computed (+20 % jitter) or 30 s asked for
    ResilienceSettings builtIn = ResilienceConfig.builtIn().settingsFor("github");
    ResilienceSettings shortRetryAfter =
        ResilienceConfig.builtIn()
            .overriddenBy("defaults:\n  max-retry-after: 1s\n")
            .settingsFor("github");
    // then: 4 x 30 s + 3 x 30 s; with Retry-After capped below the back-off, 3 x 12 s
    assertThat(builtIn.longestCall()).isEqualTo(Duration.ofSeconds(210));
    assertThat(shortRetryAfter.longestCall()).isEqualTo(Duration.ofSeconds(156));
  }

  @Test
  void layersAnOperatorFileOverTheBuiltInSettings(@TempDir Path dir) throws Exception {
    // given
    Path file = dir.resolve("resilience.yaml");
    Files.writeString(
        file,
        "defaults:\n  max-attempts: 6\nsystems:\n  jenkins:\n    call-timeout: PT2M\n"
            + "    initial-backoff: 250ms\n");
    // when
    ResilienceConfig config = ResilienceConfig.load(file);
    // then
    ResilienceSettings jenkins = config.settingsFor("jenkins");
    assertThat(jenkins.maxAttempts()).isEqualTo(6);
    assertThat(jenkins.callTimeout()).isEqualTo(Duration.ofMinutes(2));
    assertThat(jenkins.initialBackoff()).isEqualTo(Duration.ofMillis(250));
    assertThat(jenkins.readTimeout()).isEqualTo(Duration.ofSeconds(20));
  }

  @Test
  void rejectsUnknownKeysAndBadValuesNamingTheSystem() {
    ResilienceConfig typo =
        ResilienceConfig.builtIn().overriddenBy("systems:\n  github:\n    max-atempts: 3\n");
    assertThatThrownBy(() -> typo.settingsFor("github"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'github'")
        .hasMessageContaining("max-atempts");

    ResilienceConfig badDuration =
        ResilienceConfig.builtIn().overriddenBy("defaults:\n  read-timeout: soon\n");
    assertThatThrownBy(() -> badDuration.settingsFor("gitlab"))
        .hasMessageContaining("'soon' is not a duration");

    ResilienceConfig zeroAttempts =
        ResilienceConfig.builtIn().overriddenBy("defaults:\n  max-attempts: 0\n");
    assertThatThrownBy(() -> zeroAttempts.settingsFor("gitlab"))
        .hasMessageContaining("max-attempts must be at least 1");
  }
}
