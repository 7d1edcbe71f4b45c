package io.rollgate.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class EngineMainTest {
  @Test
  void optionsWinOverTheEnvironment() throws Exception {
    var options =
        EngineMain.parse(
            new String[] {"--host", "127.0.0.1", "--token", "from-option"},
            Map.of("ROLLGATE_ENGINE_TOKEN", "from-env"));
    assertThat(options.help()).isFalse();
    assertThat(options.builder()).isNotNull();
  }

  @Test
  void aUsernameWithoutPasswordIsAUsageError() {
    assertThatThrownBy(() -> EngineMain.parse(new String[] {"--client-id", "bot"}, Map.of()))
        .isInstanceOf(EngineMain.UsageException.class)
        .hasMessageContaining("needs a password");
  }

  @Test
  void credentialsComeFromTheEnvironment() throws Exception {
    var options =
        EngineMain.parse(
            new String[] {"--host", "0.0.0.0"},
            Map.of("ROLLGATE_ENGINE_USERNAME", "bot", "ROLLGATE_ENGINE_PASSWORD", "pw"));
    assertThat(options.builder()).isNotNull();
  }

  @Test
  void badValuesAreUsageErrorsThatDoNotEchoSecrets() {
    assertThatThrownBy(
            () -> EngineMain.parse(new String[] {"--max-queued-commands", "0"}, Map.of()))
        .isInstanceOf(EngineMain.UsageException.class)
        .hasMessageContaining("maxQueuedCommands");
    assertThatThrownBy(
            () -> EngineMain.parse(new String[] {"--token", " ", "--nope", "x"}, Map.of()))
        .isInstanceOf(EngineMain.UsageException.class)
        .hasMessageContaining("unknown option '--nope'");
  }

  @Test
  void historyTtlTakesIsoDurationsOrDaysAndRefusesOthers() throws Exception {
    assertThat(EngineMain.parse(new String[] {"--history-ttl", "P30D"}, Map.of()).builder())
        .isNotNull();
    assertThat(EngineMain.parse(new String[] {"--history-ttl", "7d"}, Map.of()).builder())
        .isNotNull();
    assertThatThrownBy(() -> EngineMain.parse(new String[] {"--history-ttl", "a week"}, Map.of()))
        .isInstanceOf(EngineMain.UsageException.class)
        .hasMessageContaining("--history-ttl needs a duration");
    assertThatThrownBy(() -> EngineMain.parse(new String[] {"--history-ttl", "-P1D"}, Map.of()))
        .isInstanceOf(EngineMain.UsageException.class)
        .hasMessageContaining("must not be negative");
  }

  @Test
  void limitsTakeSizesAndDurationsAndRefuseNonsense() throws Exception {
    assertThat(
            EngineMain.parse(
                    new String[] {
                      "--max-connections", "2000",
                      "--idle-timeout", "30s",
                      "--request-read-timeout", "PT10S",
                      "--max-json-size", "1MiB",
                      "--max-request-size", "8MiB",
                      "--allowed-hosts", "engine.local,proxy.local",
                      "--evaluation-timeout", "250ms",
                      "--evaluation-memory", "64MiB",
                      "--max-activations-per-command", "5000"
                    },
                    Map.of())
                .builder())
        .isNotNull();
    assertThatThrownBy(() -> EngineMain.parse(new String[] {"--max-json-size", "4 MB"}, Map.of()))
        .isInstanceOf(EngineMain.UsageException.class)
        .hasMessageContaining("--max-json-size needs a size");
    assertThatThrownBy(() -> EngineMain.parse(new String[] {"--max-connections", "0"}, Map.of()))
        .isInstanceOf(EngineMain.UsageException.class)
        .hasMessageContaining("maxConnections");
    assertThatThrownBy(() -> EngineMain.parse(new String[] {"--idle-timeout", "0s"}, Map.of()))
        .isInstanceOf(EngineMain.UsageException.class)
        .hasMessageContaining("idleTimeout");
  }

  @Test
  void theQueuedRequestBytesBoundTakesSizesBeyondTwoGibibytesAndRefusesZero() throws Exception {
    // given / when
    var options = EngineMain.parse(new String[] {"--max-queued-request-bytes", "8GiB"}, Map.of());

    // then
    assertThat(options.builder()).isNotNull();
    assertThatThrownBy(
            () -> EngineMain.parse(new String[] {"--max-queued-request-bytes", "0"}, Map.of()))
        .isInstanceOf(EngineMain.UsageException.class)
        .hasMessageContaining("--max-queued-request-bytes must be at least 1 byte");
    assertThatThrownBy(
            () -> EngineMain.parse(new String[] {"--max-queued-request-bytes", "lots"}, Map.of()))
        .isInstanceOf(EngineMain.UsageException.class)
        .hasMessageContaining("--max-queued-request-bytes needs a size");
  }
}
