package io.rollgate.sandbox.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

class SandboxIT {

  private final HttpClient http = HttpClient.newHttpClient();

  private int status(URI base, String path) throws Exception {
    return http.send(
            HttpRequest.newBuilder(URI.create(base + path)).build(),
            HttpResponse.BodyHandlers.discarding())
        .statusCode();
  }

  @Test
  void startsEverySimulatorWithDemoDataAndStopsThemAll() throws Exception {
    // given
    Sandbox sandbox = Sandbox.start(SandboxOptions.freePorts());
    List<URI> bases =
        List.of(
            sandbox.servicenow().baseUri(),
            sandbox.launchdarkly().baseUri(),
            sandbox.ci().github().baseUri(),
            sandbox.ci().gitlab().baseUri(),
            sandbox.ci().jenkins().baseUri());
    try {
      // then every simulator answers, with the demo data seeded
      for (URI base : bases) {
        assertThat(status(base, "/_sandbox/health")).isEqualTo(200);
      }
      assertThat(sandbox.launchdarklyEnvironments())
          .extracting(e -> e.key())
          .containsExactly("test", "production");
      assertThat(sandbox.describe())
          .contains(sandbox.servicenow().baseUri().toString())
          .contains("sdk-rollgate-production")
          .contains(sandbox.ci().jenkins().baseUri().toString());
    } finally {
      // when
      sandbox.close();
    }
    // then nothing listens any more
    for (URI base : bases) {
      assertThatThrownBy(() -> status(base, "/_sandbox/health"))
          .isInstanceOf(java.io.IOException.class);
    }
  }

  @Test
  void refusesATakenPortNamingTheSimulator() throws Exception {
    // given
    try (Sandbox first = Sandbox.start(SandboxOptions.freePorts())) {
      int taken = first.launchdarkly().port();
      // when / then
      assertThatThrownBy(() -> Sandbox.start(new SandboxOptions(0, taken, 0, null, null, null)))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("launchdarkly");
    }
  }
}
