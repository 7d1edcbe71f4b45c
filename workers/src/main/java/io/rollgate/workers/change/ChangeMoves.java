package io.rollgate.workers.change;

import io.rollgate.connector.NonRetryableException;
import io.rollgate.connector.servicenow.InvalidTransitionException;
import io.rollgate.connector.servicenow.ServiceNowClient;
import io.rollgate.connector.servicenow.model.ChangeRequest;
import io.rollgate.connector.servicenow.model.ChangeState;
import io.rollgate.connector.servicenow.model.NextStates;
import java.util.List;
import java.util.Map;

/**
 * Walks a change forward through the state model to a target state, one move {@code nextstates}
 * offers at a time: each move goes to the furthest state on offer that does not pass the target (so
 * an emergency change goes New to Authorize, a normal one New, Assess, Authorize). A change already
 * at or past the target is left as it is, which makes every walk safe to repeat.
 */
final class ChangeMoves {

  /** The forward order of the state model; Canceled is off the path. */
  private static final List<ChangeState> ORDER =
      List.of(
          ChangeState.NEW,
          ChangeState.ASSESS,
          ChangeState.AUTHORIZE,
          ChangeState.SCHEDULED,
          ChangeState.IMPLEMENT,
          ChangeState.REVIEW,
          ChangeState.CLOSED);

  private final ServiceNowClient servicenow;

  ChangeMoves(ServiceNowClient servicenow) {
    this.servicenow = servicenow;
  }

  /**
   * @param finalFields written with the move into {@code target}, for example close code and notes
   * @throws InvalidTransitionException when no move towards the target is on offer now
   * @throws NonRetryableException when the change is canceled or in an unknown state
   */
  ChangeRequest advance(String sysId, ChangeState target, Map<String, String> finalFields) {
    ChangeRequest change = servicenow.getChange(sysId);
    for (int moves = 0; moves < ORDER.size(); moves++) {
      ChangeState at = change.state();
      if (at == ChangeState.CANCELED || at == null) {
        throw new NonRetryableException(
            ServiceNowClient.SYSTEM,
            0,
            "change "
                + change.number()
                + " is "
                + (at == null ? "in an unknown state" : "canceled"),
            null);
      }
      if (ORDER.indexOf(at) >= ORDER.indexOf(target)) {
        return change;
      }
      ChangeState step = furthestStep(sysId, change, target);
      change = servicenow.moveTo(sysId, step, step == target ? finalFields : Map.of());
    }
    return change;
  }

  private ChangeState furthestStep(String sysId, ChangeRequest change, ChangeState target) {
    ChangeState at = change.state();
    NextStates next = servicenow.nextStates(sysId);
    for (int i = ORDER.indexOf(target); i > ORDER.indexOf(at); i--) {
      if (next.allows(at, ORDER.get(i))) {
        return ORDER.get(i);
      }
    }
    throw new InvalidTransitionException(
        ServiceNowClient.SYSTEM, change.number(), at, target, next.allowedFrom(at));
  }
}
