package io.rollgate.connector.ci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rollgate.connector.NonRetryableException;
import io.rollgate.connector.RetryableException;
import io.rollgate.connector.Secret;
import io.rollgate.connector.TestResilience;
import io.rollgate.connector.ci.github.GitHubClient;
import io.rollgate.connector.ci.gitlab.GitLabClient;
import io.rollgate.connector.ci.jenkins.JenkinsAuth;
import io.rollgate.connector.ci.jenkins.JenkinsClient;
import io.rollgate.sandbox.Faults;
import io.rollgate.sandbox.RequestLog;
import io.rollgate.sandbox.ci.Behaviour;
import io.rollgate.sandbox.ci.CiSimulator;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Rate limits, server errors and Jenkins crumbs, with the simulator's fault knobs. */
class ResilienceIT {

  private static final String SHA = "9fceb02d0ae598e95dc970b74767f19372d61af8";
  private static CiSimulator sim;

  @BeforeAll
  static void startSimulator() {
    sim = CiSimulator.builder().queueTime(Duration.ofMillis(20)).start();
  }

  @AfterAll
  static void stopSimulator() {
    sim.close();
  }

  @BeforeEach
  void reset() {
    sim.reset();
    sim.github().workflow("acme", "shop", "deploy.yml", Behaviour.succeedsAfter(Duration.ZERO));
    sim.gitlab().project("acme/shop", 42, Behaviour.succeedsAfter(Duration.ZERO));
    sim.jenkins().job("deploy-shop", SHA, Behaviour.succeedsAfter(Duration.ZERO));
  }

  /** The statuses answered, once {@code expected} requests are logged (logged after answering). */
  private static List<Integer> statuses(RequestLog log, int expected) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(2).toNanos();
    while (log.entries().size() < expected && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    return log.entries().stream().map(RequestLog.Entry::status).toList();
  }

  @Test
  void waitsOutGitHubsPrimaryRateLimitUntilItsReset() throws Exception {
    // given a spent rate limit that resets in a second
    GitHubClient client = SimBackends.github(sim);
    sim.github().exhaustRateLimit(Duration.ofMillis(900));
    long started = System.nanoTime();
    // when
    var runs = client.workflowRuns("acme", "shop", SHA);
    // then
    assertThat(runs).isEmpty();
    assertThat(statuses(sim.github().server().requests(), 2)).containsExactly(403, 200);
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThan(Duration.ofMillis(800));
  }

  @Test
  void waitsOutA429WithRetryAfter() throws Exception {
    // given
    GitHubClient client = SimBackends.github(sim);
    sim.github()
        .server()
        .faults()
        .set(new Faults.Spec(null, null, new Faults.FailNext(1, 429, 1), null, null));
    // when
    var runs = client.workflowRuns("acme", "shop", SHA);
    // then
    assertThat(runs).isEmpty();
    assertThat(statuses(sim.github().server().requests(), 2)).containsExactly(429, 200);
  }

  @Test
  void retriesServerErrorsThenSurfacesThemAsRetryableWithGitHubsMessage() throws Exception {
    // given more 503s than attempts
    GitHubClient client = SimBackends.github(sim);
    sim.github()
        .server()
        .faults()
        .set(new Faults.Spec(null, null, new Faults.FailNext(5, 503, null), null, null));
    // when / then
    assertThatThrownBy(() -> client.workflowRuns("acme", "shop", SHA))
        .isInstanceOf(RetryableException.class)
        .hasMessageContaining("gave up after 3 attempts")
        .hasMessageContaining("Simulated failure (HTTP 503)");
    assertThat(statuses(sim.github().server().requests(), 3)).containsExactly(503, 503, 503);
  }

  @Test
  void recoversFromGitLabBadGatewaysAndDroppedConnections() throws Exception {
    // given a dropped connection, then a 502
    GitLabClient client =
        GitLabClient.builder(sim.gitlab().baseUri().toString(), Secret.of("glpat-sim"))
            .resilience(TestResilience.fast("gitlab", 4))
            .build();
    sim.gitlab()
        .server()
        .faults()
        .set(new Faults.Spec(null, null, new Faults.FailNext(1, 502, null), 1, null));
    // when
    var pipelines = client.pipelines("acme/shop", SHA);
    // then
    assertThat(pipelines).isEmpty();
    assertThat(statuses(sim.gitlab().server().requests(), 3)).containsExactly(0, 502, 200);
  }

  @Test
  void refreshesAnExpiredJenkinsCrumbOnceAndTheBuildIsQueued() throws Exception {
    // given a client signed in with a password, whose crumb then expires
    JenkinsClient client =
        SimBackends.jenkins(
            sim, JenkinsAuth.crumb(sim.jenkins().user(), Secret.of(sim.jenkins().password())));
    client.trigger("deploy-shop", Map.of("ENV", "staging"));
    sim.jenkins().expireCrumbs();
    // when
    long queueId = client.trigger("deploy-shop", Map.of("ENV", "prod"));
    // then
    assertThat(queueId).isPositive();
    assertThat(sim.jenkins().crumbsIssued()).isEqualTo(2);
    assertThat(sim.jenkins().queuedBuilds())
        .extracting(q -> q.parameters().get("ENV"))
        .containsExactly("staging", "prod");
    assertThat(statuses(sim.jenkins().server().requests(), 5))
        .containsExactly(200, 201, 403, 200, 201);
  }

  @Test
  void needsNoCrumbWithAnApiToken() throws Exception {
    // given
    JenkinsClient client =
        SimBackends.jenkins(
            sim, JenkinsAuth.apiToken(sim.jenkins().user(), Secret.of(sim.jenkins().apiToken())));
    // when
    client.trigger("deploy-shop", Map.of());
    // then
    assertThat(sim.jenkins().crumbsIssued()).isZero();
    assertThat(statuses(sim.jenkins().server().requests(), 1)).containsExactly(201);
  }

  @Test
  void refusesAWrongJenkinsPasswordAtOnce() throws Exception {
    // given
    JenkinsClient client =
        SimBackends.jenkins(sim, JenkinsAuth.apiToken("rollgate", Secret.of("wrong")));
    // when / then
    assertThatThrownBy(() -> client.lastBuild("deploy-shop"))
        .isInstanceOf(NonRetryableException.class)
        .hasMessageContaining("HTTP 401: Error 401 Invalid password/token for user: rollgate");
    assertThat(statuses(sim.jenkins().server().requests(), 1)).containsExactly(401);
  }
}
