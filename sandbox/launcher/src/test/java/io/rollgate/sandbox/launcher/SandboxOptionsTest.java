package io.rollgate.sandbox.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SandboxOptionsTest {

  @Test
  void startsOnTheDocumentedPortsWhenNothingIsGiven() {
    assertThat(SandboxOptions.parse())
        .isEqualTo(new SandboxOptions(8081, 8765, 8480, null, null, null));
  }

  @Test
  void readsEveryOption() {
    // when
    SandboxOptions o =
        SandboxOptions.parse(
            "--servicenow-port", "9001",
            "--launchdarkly-port", "9002",
            "--ci-port", "9100",
            "--approval-webhook", "http://127.0.0.1:8080/webhooks/servicenow",
            "--webhook-secret", "whsec-0123456789abcdef",
            "--auto-approve-ms", "1500");
    // then
    assertThat(o)
        .isEqualTo(
            new SandboxOptions(
                9001,
                9002,
                9100,
                URI.create("http://127.0.0.1:8080/webhooks/servicenow"),
                Duration.ofMillis(1500),
                "whsec-0123456789abcdef"));
  }

  @Test
  void refusesBadOptionsWithAMessageNamingThem() {
    assertThatThrownBy(() -> SandboxOptions.parse("--servicenow-port", "eighty"))
        .hasMessage("--servicenow-port needs a number, not 'eighty'");
    assertThatThrownBy(() -> SandboxOptions.parse("--ci-port", "70000"))
        .hasMessage("port 70000 is not a usable port (0-65533)");
    assertThatThrownBy(() -> SandboxOptions.parse("--port", "1"))
        .hasMessage("unknown option --port");
    assertThatThrownBy(() -> SandboxOptions.parse("--launchdarkly-port"))
        .hasMessage("--launchdarkly-port needs a value");
    assertThatThrownBy(() -> SandboxOptions.parse("--approval-webhook", "ftp://x"))
        .hasMessage("--approval-webhook needs an http(s) URL, not 'ftp://x'");
    assertThatThrownBy(() -> SandboxOptions.parse("--auto-approve-ms", "-1"))
        .hasMessage("--auto-approve-ms must not be negative");
  }
}
