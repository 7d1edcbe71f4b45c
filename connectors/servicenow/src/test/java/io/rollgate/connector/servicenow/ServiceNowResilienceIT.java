package io.rollgate.connector.servicenow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.rollgate.connector.Resilience;
import io.rollgate.connector.ResilienceSettings;
import io.rollgate.connector.RetryableException;
import io.rollgate.connector.Secret;
import io.rollgate.connector.TestResilience;
import io.rollgate.connector.servicenow.model.ChangeRequest;
import io.rollgate.connector.servicenow.model.NewChange;
import io.rollgate.sandbox.Faults;
import io.rollgate.sandbox.RequestLog;
import io.rollgate.sandbox.servicenow.ServiceNowSimulator;
import io.rollgate.sandbox.servicenow.SimulatorConfig;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Retries, rate limits, the circuit, token refresh and idempotent creation against the simulator.
 */
class ServiceNowResilienceIT {

  private ServiceNowSimulator sim;

  @AfterEach
  void stop() {
    if (sim != null) {
      sim.close();
    }
  }

  private ServiceNowClient client(SimulatorConfig simConfig, ServiceNowAuth auth, Resilience r) {
    sim = ServiceNowSimulator.start(simConfig);
    return new ServiceNowClient(ServiceNowConfig.of(sim.baseUri(), auth).withResilience(r));
  }

  private ServiceNowClient basicClient(Resilience r) {
    return client(SimulatorConfig.defaults(), ServiceNowAuth.basic("admin", Secret.of("admin")), r);
  }

  /** A client with its own circuit, so arranging a test does not count against the client's. */
  private ServiceNowClient arrangingClient() {
    return new ServiceNowClient(
        ServiceNowConfig.of(sim.baseUri(), ServiceNowAuth.basic("admin", Secret.of("admin")))
            .withResilience(TestResilience.fast(ServiceNowClient.SYSTEM, 1)));
  }

  private List<RequestLog.Entry> apiRequests() {
    return sim.server().requests().entries().stream()
        .filter(e -> e.path().startsWith("/api/"))
        .collect(Collectors.toList());
  }

  @Test
  void waitsOutA429StormAndNeverExceedsTheRateLimit() {
    // given 3 requests per second, and a client that may try 6 times per call
    ServiceNowClient client = basicClient(TestResilience.fast(ServiceNowClient.SYSTEM, 6));
    String sysId = client.createChange(NewChange.normal("rel-rate", "Rate limited")).sysId();
    sim.server().requests().clear();
    sim.server()
        .faults()
        .set(new Faults.Spec(null, new Faults.RateLimit(3, 1000), null, null, null));
    // when
    for (int i = 0; i < 7; i++) {
      assertThat(client.getChange(sysId).sysId()).isEqualTo(sysId);
    }
    // then every 429 was waited out for its Retry-After before the next request
    List<RequestLog.Entry> log = apiRequests();
    assertThat(log).extracting(RequestLog.Entry::status).contains(429);
    for (int i = 0; i + 1 < log.size(); i++) {
      if (log.get(i).status() == 429) {
        assertThat(Duration.between(log.get(i).at(), log.get(i + 1).at()))
            .isGreaterThanOrEqualTo(Duration.ofMillis(900));
      }
    }
    // and no one-second window saw more served requests than the limit
    List<RequestLog.Entry> served =
        log.stream().filter(e -> e.status() == 200).collect(Collectors.toList());
    assertThat(served).hasSize(7);
    for (int i = 0; i + 3 < served.size(); i++) {
      assertThat(Duration.between(served.get(i).at(), served.get(i + 3).at()))
          .isGreaterThanOrEqualTo(Duration.ofMillis(1000));
    }
  }

  @Test
  void retriesServerErrorsThenGivesUpWithARetryableException() {
    // given
    ServiceNowClient client = basicClient(TestResilience.fast(ServiceNowClient.SYSTEM, 3));
    sim.server()
        .faults()
        .set(new Faults.Spec(null, null, new Faults.FailNext(10, 500, null), null, null));
    // when / then
    assertThatThrownBy(() -> client.getChange("0000000000000000000000000000beef"))
        .isInstanceOf(RetryableException.class)
        .hasMessageContaining("gave up after 3 attempts")
        .hasMessageContaining("HTTP 500");
    assertThat(apiRequests()).extracting(RequestLog.Entry::status).containsExactly(500, 500, 500);
  }

  @Test
  void opensTheCircuitFailsFastWithoutCallingAndRecoversAfterTheWait() throws Exception {
    // given a circuit of 4 calls at 50 %, open for 300 ms, and 4 failing answers
    Resilience resilience = TestResilience.fast(ServiceNowClient.SYSTEM, 1);
    ServiceNowClient client = basicClient(resilience);
    String sysId = arrangingClient().createChange(NewChange.normal("rel-cb", "Circuit")).sysId();
    sim.server()
        .faults()
        .set(new Faults.Spec(null, null, new Faults.FailNext(4, 503, null), null, null));
    for (int i = 0; i < 4; i++) {
      assertThatThrownBy(() -> client.getChange(sysId)).isInstanceOf(RetryableException.class);
    }
    int requestsWhenOpened = apiRequests().size();
    // when
    Throwable fastFailure =
        org.assertj.core.api.Assertions.catchThrowable(() -> client.getChange(sysId));
    // then
    assertThat(resilience.circuitState()).isEqualTo(CircuitBreaker.State.OPEN);
    assertThat(fastFailure)
        .isInstanceOf(RetryableException.class)
        .hasMessageContaining("circuit open");
    assertThat(apiRequests()).hasSize(requestsWhenOpened);
    Thread.sleep(350);
    assertThat(client.getChange(sysId).sysId()).isEqualTo(sysId);
    assertThat(resilience.circuitState()).isEqualTo(CircuitBreaker.State.CLOSED);
  }

  @Test
  void refreshesTheOAuthTokenBeforeItExpires() {
    // given tokens for 60 s, replaced 10 s early, and a clock the test moves
    MutableClock clock = new MutableClock();
    sim =
        ServiceNowSimulator.start(
            SimulatorConfig.defaults()
                .withOAuthClient("rollgate", "sim-secret", Duration.ofSeconds(60)));
    ServiceNowClient client =
        new ServiceNowClient(
            ServiceNowConfig.of(
                    sim.baseUri(),
                    ServiceNowAuth.clientCredentials("rollgate", Secret.of("sim-secret")))
                .withResilience(TestResilience.fast(ServiceNowClient.SYSTEM, 3))
                .withClock(clock)
                .withTokenRefreshSkew(Duration.ofSeconds(10)));
    String sysId = client.createChange(NewChange.normal("rel-oauth", "OAuth")).sysId();
    assertThat(sim.tokensIssued()).isEqualTo(1);
    // when
    clock.advance(Duration.ofSeconds(51));
    client.getChange(sysId);
    // then
    assertThat(sim.tokensIssued()).isEqualTo(2);
    assertThat(apiRequests()).extracting(RequestLog.Entry::status).doesNotContain(401);
  }

  @Test
  void refreshesTheOAuthTokenOnceWhenTheInstanceRefusesIt() {
    // given
    ServiceNowClient client =
        client(
            SimulatorConfig.defaults(),
            ServiceNowAuth.clientCredentials("rollgate", Secret.of("rollgate-secret")),
            TestResilience.fast(ServiceNowClient.SYSTEM, 3));
    String sysId = client.createChange(NewChange.normal("rel-401", "OAuth")).sysId();
    sim.expireTokens();
    sim.server().requests().clear();
    // when
    ChangeRequest change = client.getChange(sysId);
    // then
    assertThat(change.sysId()).isEqualTo(sysId);
    assertThat(sim.tokensIssued()).isEqualTo(2);
    assertThat(sim.server().requests().entries())
        .extracting(e -> e.method() + " " + e.path().replace(sysId, "{id}") + " " + e.status())
        .containsExactly(
            "GET /api/sn_chg_rest/v1/change/{id} 401",
            "POST /oauth_token.do 200",
            "GET /api/sn_chg_rest/v1/change/{id} 200");
  }

  @Test
  void createsExactlyOneChangeWhenTheCreateAnswerTimedOutAfterTheServerCreatedIt() {
    // given a 400 ms read timeout and a create answered only after 1.5 s
    ResilienceSettings fast = TestResilience.fast(3);
    ResilienceSettings shortRead =
        fast.withReadAndCallTimeouts(Duration.ofMillis(400), Duration.ofSeconds(3));
    ServiceNowClient client = basicClient(Resilience.of(ServiceNowClient.SYSTEM, shortRead));
    sim.slowCreates(Duration.ofMillis(1500), 1);
    // when
    ChangeRequest change = client.createChange(NewChange.normal("rel-timeout", "Slow create"));
    // then
    assertThat(sim.changesWithCorrelationId("rel-timeout")).isEqualTo(1);
    assertThat(change.number()).matches("CHG\\d{7}");
    assertThat(sim.change(change.number())).isPresent();
    // the simulator logs the slow create once it has answered it
    await()
        .atMost(Duration.ofSeconds(3))
        .until(() -> apiRequests().stream().anyMatch(e -> e.method().equals("POST")));
    assertThat(apiRequests()).filteredOn(e -> e.method().equals("POST")).hasSize(1);
    assertThat(sim.changesWithCorrelationId("rel-timeout")).isEqualTo(1);
  }
}
