package io.rollgate.sandbox.servicenow;

import static io.rollgate.sandbox.servicenow.ChangeState.ASSESS;
import static io.rollgate.sandbox.servicenow.ChangeState.AUTHORIZE;
import static io.rollgate.sandbox.servicenow.ChangeState.CANCELED;
import static io.rollgate.sandbox.servicenow.ChangeState.CLOSED;
import static io.rollgate.sandbox.servicenow.ChangeState.IMPLEMENT;
import static io.rollgate.sandbox.servicenow.ChangeState.NEW;
import static io.rollgate.sandbox.servicenow.ChangeState.REVIEW;
import static io.rollgate.sandbox.servicenow.ChangeState.SCHEDULED;

import java.util.List;
import java.util.Map;

/**
 * Which state may follow which, per change type. Authorize to Scheduled is never a manual move: an
 * approval makes it (a rejection sends the change back to New).
 */
final class StateModel {

  private static final Map<String, Map<ChangeState, List<ChangeState>>> BY_TYPE =
      Map.of(
          "normal",
          Map.of(
              NEW, List.of(ASSESS, CANCELED),
              ASSESS, List.of(NEW, AUTHORIZE, CANCELED),
              AUTHORIZE, List.of(SCHEDULED, CANCELED),
              SCHEDULED, List.of(IMPLEMENT, CANCELED),
              IMPLEMENT, List.of(REVIEW, CANCELED),
              REVIEW, List.of(CLOSED)),
          "emergency",
          Map.of(
              NEW, List.of(AUTHORIZE, CANCELED),
              AUTHORIZE, List.of(SCHEDULED, CANCELED),
              SCHEDULED, List.of(IMPLEMENT, CANCELED),
              IMPLEMENT, List.of(REVIEW, CANCELED),
              REVIEW, List.of(CLOSED)),
          "standard",
          Map.of(
              NEW, List.of(SCHEDULED, CANCELED),
              SCHEDULED, List.of(IMPLEMENT, CANCELED),
              IMPLEMENT, List.of(REVIEW, CANCELED),
              REVIEW, List.of(CLOSED)));

  private StateModel() {}

  /** The states the model lists after {@code from}, whether or not their conditions hold. */
  static List<ChangeState> next(String type, ChangeState from) {
    return BY_TYPE.getOrDefault(type, BY_TYPE.get("normal")).getOrDefault(from, List.of());
  }
}
