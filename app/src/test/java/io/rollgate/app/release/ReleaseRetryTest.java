package io.rollgate.app.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.Mockito.RETURNS_DEEP_STUBS;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.command.ClientException;
import io.camunda.client.api.command.ProblemException;
import io.camunda.client.api.search.enums.IncidentErrorType;
import io.camunda.client.api.search.response.Incident;
import io.rollgate.app.record.Decision;
import io.rollgate.app.record.DecisionEntry;
import io.rollgate.app.record.DecisionLog;
import io.rollgate.app.record.ReleaseRecord;
import io.rollgate.app.record.ReleaseRecords;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

/**
 * What a release manager's retry of a stopped step answers when the engine does not go along: the
 * incident resolved meanwhile by someone else is a conflict, an engine that does not take the retry
 * is unavailable, and an incident of no job is resolved without job retries.
 */
class ReleaseRetryTest {

  private static final long INSTANCE = 11L;
  private static final long INCIDENT = 7L;
  private static final long JOB = 9L;

  private final ReleaseRecords records = mock(ReleaseRecords.class);
  private final CamundaClient camunda = mock(CamundaClient.class, RETURNS_DEEP_STUBS);
  private final DecisionLog decisions = mock(DecisionLog.class);
  private final ReleaseIncidents incidents = mock(ReleaseIncidents.class);
  private final ReleaseService releases =
      new ReleaseService(
          records,
          camunda,
          null,
          null,
          null,
          null,
          mock(ReleaseTimeline.class),
          decisions,
          mock(GateSignals.class),
          null,
          incidents);

  @BeforeEach
  void aReleaseStoppedAtAnIncident() {
    ReleaseRecord release =
        new ReleaseRecord(
            "rel-1",
            "checkout",
            "1.4.2",
            "0123456789abcdef0123456789abcdef01234567",
            "production",
            "normal",
            "pipeline",
            null,
            INSTANCE,
            "RUNNING",
            null,
            0,
            List.of(),
            Map.of(),
            Instant.EPOCH,
            null);
    when(records.find("rel-1")).thenReturn(Optional.of(release));
    when(decisions.append(any()))
        .thenReturn(
            new DecisionEntry(
                1, "rel-1", "retry", "RETRY", "rita", "back", Map.of(), "e", "p", "h", null));
  }

  private void incident(Long jobKey) {
    Incident incident = mock(Incident.class);
    when(incident.getIncidentKey()).thenReturn(INCIDENT);
    when(incident.getJobKey()).thenReturn(jobKey);
    when(incident.getElementId()).thenReturn("ciStatus");
    when(incident.getErrorType()).thenReturn(IncidentErrorType.JOB_NO_RETRIES);
    when(incident.getErrorMessage()).thenReturn("github: 503 Service Unavailable");
    when(incidents.firstOpenIn(INSTANCE)).thenReturn(Optional.of(incident));
  }

  @Test
  void anIncidentSomeoneElseResolvedMeanwhileIsAConflict() {
    // given
    incident(JOB);
    when(camunda.newResolveIncidentCommand(INCIDENT).send().join())
        .thenThrow(new ProblemException(404, "Not Found", null));

    // when / then
    assertThatThrownBy(() -> releases.retry("rel-1", "GitHub is back", "rita"))
        .isInstanceOf(NoOpenIncidentException.class)
        .satisfies(e -> assertThat(((NoOpenIncidentException) e).status().value()).isEqualTo(409));
  }

  @Test
  void anEngineThatDoesNotTakeTheRetryIsUnavailableAfterTheDecisionIsRecordedOncePerIncident() {
    // given
    incident(JOB);
    when(camunda.newUpdateRetriesCommand(JOB).retries(ReleaseService.RETRIES).send().join())
        .thenThrow(new ClientException("connection refused"));

    // when / then
    assertThatThrownBy(() -> releases.retry("rel-1", "GitHub is back", "rita"))
        .isInstanceOf(EngineUnavailableException.class)
        .hasMessageContaining("the engine did not take the retry")
        .satisfies(
            e -> assertThat(((EngineUnavailableException) e).status().value()).isEqualTo(503));
    ArgumentCaptor<Decision> recorded = ArgumentCaptor.forClass(Decision.class);
    verify(decisions).append(recorded.capture());
    assertThat(recorded.getValue().actor()).isEqualTo("rita");
    assertThat(recorded.getValue().justification()).isEqualTo("GitHub is back");
    assertThat(recorded.getValue().inputs())
        .containsEntry("element", "ciStatus")
        .containsEntry("message", "github: 503 Service Unavailable");
    assertThat(recorded.getValue().idempotencyKey()).isEqualTo("incident:" + INCIDENT);
  }

  @Test
  void anIncidentOfNoJobIsResolvedWithoutJobRetries() {
    // given: an expression that could not be evaluated, say
    incident(null);

    // when
    ReleaseRecord release = releases.retry("rel-1", "the variable is set now", "rita");

    // then
    assertThat(release.id()).isEqualTo("rel-1");
    verify(camunda, never()).newUpdateRetriesCommand(anyLong());
    verify(camunda.newResolveIncidentCommand(INCIDENT)).send();
  }

  @Test
  void aReleaseWithoutAnOpenIncidentHasNothingToRetryAndNothingIsRecorded() {
    // given
    when(incidents.firstOpenIn(INSTANCE)).thenReturn(Optional.empty());

    // when / then
    assertThatThrownBy(() -> releases.retry("rel-1", "just in case", "rita"))
        .isInstanceOf(NoOpenIncidentException.class);
    verify(decisions, never()).append(any());
    verify(camunda, never()).newResolveIncidentCommand(anyLong());
  }
}
