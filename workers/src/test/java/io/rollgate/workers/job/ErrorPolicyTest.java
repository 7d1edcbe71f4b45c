package io.rollgate.workers.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.client.exception.BpmnError;
import io.camunda.client.exception.CamundaError;
import io.camunda.client.exception.JobError;
import io.camunda.client.metrics.DefaultNoopMetricsRecorder;
import io.rollgate.connector.NonRetryableException;
import io.rollgate.connector.RetryableException;
import io.rollgate.connector.servicenow.InvalidTransitionException;
import io.rollgate.connector.servicenow.model.ChangeState;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each kind of failure a worker meets, and the job command DESIGN.md's error policy asks for. */
class ErrorPolicyTest {

  private final ErrorPolicy policy =
      new ErrorPolicy(
          (command, failure) -> {},
          new DefaultNoopMetricsRecorder(),
          new RetryBackoff(Duration.ofSeconds(10), Duration.ofMinutes(1)));

  @Test
  void throwsABusinessOutcomeAsTheModelsBpmnError() {
    // given
    BpmnError regression =
        CamundaError.bpmnError("REGRESSION", "new P1", Map.of("newIncidents", List.of("INC1")));

    // when
    CamundaError decided = policy.decide(regression, 3);

    // then
    assertThat(decided).isSameAs(regression);
  }

  @Test
  void retriesATransientFailureAfterTheWaitTheSystemAskedFor() {
    // given
    RetryableException limited =
        new RetryableException("servicenow", 429, "rate limited", Duration.ofSeconds(42), null);

    // when
    JobError decided = (JobError) policy.decide(limited, 3);

    // then
    assertThat(decided.getRetries()).isEqualTo(2);
    assertThat(decided.getRetryBackoff()).isEqualTo(Duration.ofSeconds(42));
    assertThat(decided.getErrorMessage()).isEqualTo("servicenow: rate limited");
  }

  @Test
  void retriesATransientFailureWithTheConfiguredBackOffWhenNoWaitWasAsked() {
    // given
    RetryableException down = new RetryableException("launchdarkly", 503, "down", null, null);

    // when
    JobError first = (JobError) policy.decide(down, 3);
    JobError second = (JobError) policy.decide(down, 2);

    // then
    assertThat(first.getRetries()).isEqualTo(2);
    assertThat(first.getRetryBackoff()).isEqualTo(Duration.ofSeconds(10));
    assertThat(second.getRetries()).isEqualTo(1);
    assertThat(second.getRetryBackoff()).isEqualTo(Duration.ofSeconds(20));
  }

  @Test
  void raisesAnIncidentOnceTheLastRetryIsSpent() {
    // given
    RetryableException down = new RetryableException("github", 502, "bad gateway", null, null);

    // when
    JobError decided = (JobError) policy.decide(down, 1);

    // then
    assertThat(decided.getRetries()).isZero();
  }

  @Test
  void raisesAnIncidentAtOnceForAFailureRetriesCannotFix() {
    // given
    NonRetryableException forbidden =
        new NonRetryableException("servicenow", 403, "Insufficient rights", null);

    // when
    JobError decided = (JobError) policy.decide(forbidden, 3);

    // then
    assertThat(decided.getRetries()).isZero();
    assertThat(decided.getErrorMessage()).isEqualTo("servicenow: Insufficient rights");
  }

  @Test
  void raisesAnIncidentAtOnceForAConnectorsOwnNonRetryableKind() {
    // given
    InvalidTransitionException refused =
        new InvalidTransitionException(
            "servicenow", "CHG001", ChangeState.AUTHORIZE, ChangeState.IMPLEMENT, List.of());

    // when
    JobError decided = (JobError) policy.decide(refused, 3);

    // then
    assertThat(decided.getRetries()).isZero();
    assertThat(decided.getErrorMessage()).contains("CHG001");
  }

  @Test
  void raisesAnIncidentNamingAnUnusableVariable() {
    // given
    InvalidVariableException missing = new InvalidVariableException("changeSysId", "is missing");

    // when
    JobError decided = (JobError) policy.decide(missing, 3);

    // then
    assertThat(decided.getRetries()).isZero();
    assertThat(decided.getErrorMessage()).isEqualTo("variable 'changeSysId' is missing");
  }

  @Test
  void raisesAnIncidentNamingTheKindOfAnUnexpectedFailure() {
    // given
    IllegalStateException bug = new IllegalStateException("no handler");

    // when
    JobError decided = (JobError) policy.decide(bug, 3);

    // then
    assertThat(decided.getRetries()).isZero();
    assertThat(decided.getErrorMessage()).isEqualTo("IllegalStateException: no handler");
  }

  @Test
  void keepsTheRetriesAndBackOffAJobErrorNamesAndFillsInTheRest() {
    // given
    JobError named = CamundaError.jobError("try later", null, 5, Duration.ofSeconds(3));
    JobError bare = CamundaError.jobError("try again");

    // when
    JobError keptNamed = (JobError) policy.decide(named, 3);
    JobError filledIn = (JobError) policy.decide(bare, 3);

    // then
    assertThat(keptNamed.getRetries()).isEqualTo(5);
    assertThat(keptNamed.getRetryBackoff()).isEqualTo(Duration.ofSeconds(3));
    assertThat(filledIn.getRetries()).isEqualTo(2);
    assertThat(filledIn.getRetryBackoff()).isEqualTo(Duration.ofSeconds(10));
    assertThat(filledIn.getErrorMessage()).isEqualTo("try again");
  }
}
