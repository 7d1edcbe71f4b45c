package io.rollgate.workers.change;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.VariablesAsType;
import io.rollgate.connector.RetryableException;
import io.rollgate.connector.servicenow.ServiceNowClient;
import io.rollgate.connector.servicenow.model.ChangeRequest;
import io.rollgate.connector.servicenow.model.ChangeState;
import io.rollgate.processes.Lifecycle;
import io.rollgate.workers.job.MayBeAbsent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * {@code servicenow-cancel-change}: cancels the change of a release that ends before cutover
 * (stopped at go/no-go, rejected by the CAB, no CAB decision by the deadline) or is aborted, with
 * the model's reason as close notes and as a work note. A change already canceled or closed is left
 * as it is, so a job delivered twice writes the reason once.
 *
 * <p>Without {@code changeSysId} (an abort while the change was being opened) the change is found
 * by the release id it carries as correlation id. When the release had asked for its change ({@code
 * changeRequested}), the creation may still be on its way to ServiceNow: the change is looked for
 * again until the longest a creation can take has passed, so that it is canceled once it exists
 * rather than left New. A release that opened none has nothing to cancel.
 */
final class CancelChangeWorker {

  /**
   * @param changeSysId the release's change, when its creation was answered
   * @param changeRequested true when the release went on to open its change, so that without {@code
   *     changeSysId} the creation may be on its way; absent counts as false
   */
  record Input(
      @MayBeAbsent String changeSysId,
      String cancelReason,
      String releaseId,
      @MayBeAbsent Boolean changeRequested) {}

  record Output() {}

  /** How often a change on its way is looked for. */
  static final Duration POLL_INTERVAL = Duration.ofSeconds(1);

  private final ServiceNowClient servicenow;
  private final Duration longestCreation;
  private final Duration pollInterval;
  private final Clock clock;

  /**
   * @param longestCreation the longest a change creation already sent to ServiceNow may take
   * @param pollInterval how often a change on its way is looked for
   */
  CancelChangeWorker(
      ServiceNowClient servicenow, Duration longestCreation, Duration pollInterval, Clock clock) {
    this.servicenow = servicenow;
    this.longestCreation = longestCreation;
    this.pollInterval = pollInterval;
    this.clock = clock;
  }

  @JobWorker(type = Lifecycle.Jobs.SERVICENOW_CANCEL_CHANGE)
  public Output handle(@VariablesAsType Input input) {
    Optional<ChangeRequest> found =
        input.changeSysId() != null
            ? Optional.of(servicenow.getChange(input.changeSysId()))
            : findByRelease(input);
    if (found.isEmpty()) {
      return new Output();
    }
    ChangeRequest change = found.get();
    if (change.state() == ChangeState.CANCELED || change.state() == ChangeState.CLOSED) {
      return new Output();
    }
    // One update carries the state, the notes and the journal entry: a retry after it finds the
    // change canceled and writes nothing twice.
    servicenow.moveTo(
        change.sysId(),
        ChangeState.CANCELED,
        Map.of("close_notes", input.cancelReason(), "work_notes", input.cancelReason()));
    return new Output();
  }

  private Optional<ChangeRequest> findByRelease(Input input) {
    Optional<ChangeRequest> found = servicenow.findChangeByCorrelationId(input.releaseId());
    if (!Boolean.TRUE.equals(input.changeRequested())) {
      return found;
    }
    // The creation cannot be called back: whatever it opens once it lands, this cancels.
    Instant deadline = clock.instant().plus(longestCreation);
    while (found.isEmpty() && clock.instant().isBefore(deadline)) {
      sleep();
      found = servicenow.findChangeByCorrelationId(input.releaseId());
    }
    return found;
  }

  private void sleep() {
    try {
      Thread.sleep(pollInterval.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RetryableException(
          ServiceNowClient.SYSTEM, 0, "interrupted waiting for a change being opened", null, e);
    }
  }
}
