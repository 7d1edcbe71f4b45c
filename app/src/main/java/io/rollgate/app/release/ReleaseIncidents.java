package io.rollgate.app.release;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.command.ClientException;
import io.camunda.client.api.search.enums.IncidentState;
import io.camunda.client.api.search.response.Incident;
import io.rollgate.app.record.ReleaseRecord;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Where a running release stands still: the open incident of its process instance in the engine, or
 * of a process it called, for example a job whose retries ran out or a decision that could not be
 * evaluated. Nothing moves such a release on until someone resolves the incident, so the release
 * view and the gate answer say so instead of waiting in silence.
 */
@Component
class ReleaseIncidents {

  private static final Logger LOG = LoggerFactory.getLogger(ReleaseIncidents.class);
  private static final Duration ASK_FOR = Duration.ofSeconds(5);

  private final CamundaClient camunda;
  private final ProcessTree tree;

  ReleaseIncidents(CamundaClient camunda, ProcessTree tree) {
    this.camunda = camunda;
    this.tree = tree;
  }

  /**
   * The release's open incident, if it is running and has one, in its own process or in one it
   * called (the CAB approval, the cutover); empty as well when the engine cannot be asked now, as
   * the release's record still answers.
   */
  Optional<StoppedAt> of(ReleaseRecord release) {
    Long instance = release.processInstanceKey();
    if (release.endedAt() != null || instance == null) {
      return Optional.empty();
    }
    try {
      return openIn(instance);
    } catch (ClientException e) {
      LOG.warn(
          "release_id={} process_instance={} incidents unknown: {}",
          release.id(),
          instance,
          e.getMessage());
      return Optional.empty();
    }
  }

  /**
   * The first open incident of {@code instance} or of a process it called.
   *
   * @throws ClientException when the engine cannot be asked
   */
  Optional<StoppedAt> openIn(long instance) {
    return firstOpenIn(instance).map(StoppedAt::of);
  }

  /**
   * The first open incident of {@code instance} or of a process it called, as the engine keeps it:
   * with its key and, when a job failed, the job's.
   *
   * @throws ClientException when the engine cannot be asked
   */
  Optional<Incident> firstOpenIn(long instance) {
    for (long key : tree.activeFrom(instance)) {
      Optional<Incident> incident =
          camunda
              .newIncidentSearchRequest()
              .filter(f -> f.processInstanceKey(key).state(IncidentState.ACTIVE))
              .requestTimeout(ASK_FOR)
              .send()
              .join()
              .items()
              .stream()
              .findFirst();
      if (incident.isPresent()) {
        return incident;
      }
    }
    return Optional.empty();
  }

  /**
   * An open incident as a pipeline or a person sees it.
   *
   * @param element the model element the release stopped at, for example {@code freezeFlag}
   * @param errorType the engine's kind of incident, for example {@code JOB_NO_RETRIES}
   * @param message what went wrong, as the worker or the engine stated it
   */
  record StoppedAt(String element, String errorType, String message) {
    static StoppedAt of(Incident incident) {
      return new StoppedAt(
          incident.getElementId(),
          incident.getErrorType() == null ? null : incident.getErrorType().name(),
          incident.getErrorMessage());
    }
  }
}
