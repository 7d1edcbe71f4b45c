package io.rollgate.engine.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.camunda.client.CamundaClient;
import io.camunda.client.CredentialsProvider;
import io.camunda.client.api.command.ProblemException;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.rollgate.engine.RollgateEngine;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Credentials on the REST API, sent by the real client the ways a worker application sends them.
 */
class AuthenticationIT {
  private static final String USER = "release-bot";
  private static final String PASSWORD = "s3cret-pass";
  private static final String TOKEN = "rollgate-static-token-42";

  @TempDir Path data;
  private RollgateEngine engine;

  @AfterEach
  void stop() {
    if (engine != null) {
      engine.close();
    }
  }

  private RollgateEngine startWithCredentials() {
    engine =
        RollgateEngine.builder()
            .dataDirectory(data)
            .basicAuth(USER, PASSWORD)
            .bearerToken(TOKEN)
            .build()
            .start();
    return engine;
  }

  private static CamundaClient client(URI rest, CredentialsProvider credentials) {
    var builder =
        CamundaClient.newClientBuilder()
            .restAddress(rest)
            .grpcAddress(URI.create("http://127.0.0.1:1"))
            .preferRestOverGrpc(true)
            .defaultJobWorkerStreamEnabled(false)
            .defaultRequestTimeout(Duration.ofSeconds(10));
    if (credentials != null) {
      builder.credentialsProvider(credentials);
    }
    return builder.build();
  }

  private static CredentialsProvider basic(String username, String password) {
    return CredentialsProvider.newBasicAuthCredentialsProviderBuilder()
        .username(username)
        .password(password)
        .build();
  }

  private static CredentialsProvider bearer(String token) {
    return new CredentialsProvider() {
      @Override
      public void applyCredentials(CredentialsApplier applier) {
        applier.put("Authorization", "Bearer " + token);
      }

      @Override
      public boolean shouldRetryRequest(StatusCode statusCode) {
        return false;
      }
    };
  }

  private static void runOneInstance(CamundaClient client) {
    client
        .newDeployResourceCommand()
        .addProcessModel(
            Bpmn.createExecutableProcess("guarded").startEvent().endEvent().done(), "guarded.bpmn")
        .send()
        .join();
    var result =
        client
            .newCreateInstanceCommand()
            .bpmnProcessId("guarded")
            .latestVersion()
            .withResult()
            .send()
            .join();
    assertThat(result.getProcessInstanceKey()).isPositive();
  }

  @Test
  void withoutCredentialsTheClientGets401Problem() {
    startWithCredentials();
    try (CamundaClient anonymous = client(engine.restAddress(), null)) {
      assertThatThrownBy(() -> anonymous.newTopologyRequest().send().join())
          .isInstanceOfSatisfying(
              ProblemException.class,
              problem -> {
                assertThat(problem.code()).isEqualTo(401);
                assertThat(problem.details().getTitle()).isEqualTo("UNAUTHORIZED");
              });
      assertThatThrownBy(() -> anonymous.newUserTaskVariableSearchRequest(1L).send().join())
          .isInstanceOfSatisfying(
              ProblemException.class, problem -> assertThat(problem.code()).isEqualTo(401));
    }
  }

  @Test
  void wrongCredentialsGet401() {
    startWithCredentials();
    try (CamundaClient wrongPassword = client(engine.restAddress(), basic(USER, "guess"));
        CamundaClient wrongToken = client(engine.restAddress(), bearer("guess"))) {
      for (CamundaClient client : List.of(wrongPassword, wrongToken)) {
        assertThatThrownBy(() -> client.newTopologyRequest().send().join())
            .isInstanceOfSatisfying(
                ProblemException.class, problem -> assertThat(problem.code()).isEqualTo(401));
      }
    }
  }

  @Test
  void basicCredentialsWork() {
    startWithCredentials();
    try (CamundaClient client = client(engine.restAddress(), basic(USER, PASSWORD))) {
      runOneInstance(client);
    }
  }

  @Test
  void bearerTokenWorks() {
    startWithCredentials();
    try (CamundaClient client = client(engine.restAddress(), bearer(TOKEN))) {
      runOneInstance(client);
    }
  }

  @Test
  void healthIsOpenWhileClockAndPurgeNeedCredentials() throws Exception {
    startWithCredentials();
    HttpClient http = HttpClient.newHttpClient();
    assertThat(send(http, "GET", "/actuator/health", null).statusCode()).isEqualTo(200);
    assertThat(send(http, "GET", "/v2/status", null).statusCode()).isEqualTo(204);
    HttpResponse<String> clock = send(http, "GET", "/actuator/clock", null);
    assertThat(clock.statusCode()).isEqualTo(401);
    assertThat(clock.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    assertThat(clock.headers().firstValue("WWW-Authenticate")).isPresent();
    assertThat(send(http, "POST", "/actuator/cluster/purge", null).statusCode()).isEqualTo(401);
    String basic =
        "Basic "
            + java.util.Base64.getEncoder()
                .encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
    assertThat(send(http, "GET", "/actuator/clock", basic).statusCode()).isEqualTo(200);
    assertThat(send(http, "POST", "/actuator/cluster/purge", "Bearer " + TOKEN).statusCode())
        .isEqualTo(200);
  }

  private HttpResponse<String> send(HttpClient http, String method, String path, String auth)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(engine.restAddress() + path))
            .method(method, HttpRequest.BodyPublishers.noBody());
    if (auth != null) {
      request.header("Authorization", auth);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void withoutCredentialsTheEngineRefusesAnAddressOtherThanLoopback() {
    assertThatThrownBy(
            () -> RollgateEngine.builder().dataDirectory(data).host("0.0.0.0").build().start())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("refusing to listen on 0.0.0.0 without credentials");
  }

  @Test
  void withCredentialsTheEngineListensOnEveryAddress() {
    engine =
        RollgateEngine.builder()
            .dataDirectory(data)
            .host("0.0.0.0")
            .basicAuth(USER, PASSWORD)
            .build()
            .start();
    try (CamundaClient client =
        client(URI.create("http://127.0.0.1:" + engine.port()), basic(USER, PASSWORD))) {
      assertThat(client.newTopologyRequest().send().join().getBrokers()).hasSize(1);
    }
  }

  @Test
  void theCommandLineRefusesAnAddressOtherThanLoopbackWithoutCredentials() throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder builder =
        new ProcessBuilder(
                java,
                "-cp",
                System.getProperty("java.class.path"),
                "io.rollgate.engine.EngineMain",
                "--host",
                "0.0.0.0",
                "--port",
                "0",
                "--data-dir",
                data.toString())
            .redirectErrorStream(true);
    builder.environment().keySet().removeIf(name -> name.startsWith("ROLLGATE_ENGINE_"));
    Process process = builder.start();
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.exitValue()).isEqualTo(2);
    assertThat(output.lines().filter(line -> line.startsWith("rollgate-engine:")))
        .singleElement()
        .asString()
        .contains("refusing to listen on 0.0.0.0 without credentials");
  }
}
