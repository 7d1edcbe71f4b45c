package io.rollgate.app.release;

import io.rollgate.processes.Lifecycle.EndStates;
import io.rollgate.processes.Lifecycle.Variables;
import java.util.Map;

/** The sentence a release record carries about how the release ended. */
final class Outcomes {

  private Outcomes() {}

  static String describe(String state, Map<String, Object> v) {
    if (state == null) {
      throw new IllegalStateException("the outcome task names no end state");
    }
    return switch (state) {
      case EndStates.RELEASED ->
          "released to 100%; change " + v.get(Variables.CHANGE_NUMBER) + " closed successful";
      case EndStates.ROLLED_BACK ->
          "rolled back; change " + v.get(Variables.CHANGE_NUMBER) + " closed unsuccessful";
      case EndStates.NOT_READY ->
          "not ready: "
              + (v.get(Variables.READINESS) instanceof Map<?, ?> r
                  ? r.get("reason")
                  : "no verdict");
      case EndStates.REJECTED ->
          "change "
              + v.get(Variables.CHANGE_NUMBER)
              + " rejected by the CAB: "
              + v.get(Variables.CAB_REASON);
      case EndStates.STOPPED -> "stopped by the release manager: " + v.get(Variables.JUSTIFICATION);
      case EndStates.NO_CAB_DECISION ->
          "no CAB decision on change "
              + v.get(Variables.CHANGE_NUMBER)
              + " by "
              + v.get(Variables.CAB_DEADLINE)
              + "; change canceled";
      case EndStates.ABORTED ->
          "aborted by " + v.get(Variables.ABORTED_BY) + ": " + v.get(Variables.ABORT_REASON);
      default -> throw new IllegalStateException("unknown end state " + state);
    };
  }
}
