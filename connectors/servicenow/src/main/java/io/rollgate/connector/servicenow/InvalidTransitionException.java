package io.rollgate.connector.servicenow;

import io.rollgate.connector.NonRetryableException;
import io.rollgate.connector.servicenow.model.ChangeState;
import java.util.List;

/**
 * The client refused to move a change because {@code nextstates} does not offer the target state
 * now (for example Authorize to Scheduled before approval). Nothing was sent to change the state.
 */
public final class InvalidTransitionException extends NonRetryableException {

  private final ChangeState from;
  private final ChangeState to;
  private final List<ChangeState> allowed;

  public InvalidTransitionException(
      String system, String number, ChangeState from, ChangeState to, List<ChangeState> allowed) {
    super(
        system,
        0,
        "change "
            + number
            + " cannot move from "
            + from.label()
            + " to "
            + to.label()
            + "; nextstates allows "
            + allowed,
        null);
    this.from = from;
    this.to = to;
    this.allowed = List.copyOf(allowed);
  }

  public ChangeState from() {
    return from;
  }

  public ChangeState to() {
    return to;
  }

  /** The states the change could move to instead. */
  public List<ChangeState> allowed() {
    return allowed;
  }
}
