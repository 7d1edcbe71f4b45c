package io.rollgate.workers.change;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.VariablesAsType;
import io.rollgate.connector.servicenow.model.ChangeState;
import io.rollgate.connector.servicenow.model.CloseCode;
import io.rollgate.processes.Lifecycle;
import io.rollgate.workers.job.InvalidVariableException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code servicenow-close-change}: moves the change to Review and closes it with the close code and
 * close notes the model sets. A change already closed is left as it is.
 */
final class CloseChangeWorker {

  record Input(String changeSysId, String closeCode, String closeNotes, String releaseId) {
    Input {
      code(closeCode);
    }

    CloseCode code() {
      return code(closeCode);
    }

    private static CloseCode code(String value) {
      return Arrays.stream(CloseCode.values())
          .filter(c -> c.value().equals(value))
          .findFirst()
          .orElseThrow(
              () ->
                  new InvalidVariableException(
                      Lifecycle.Variables.CLOSE_CODE,
                      "is '"
                          + value
                          + "'; expected successful, successful_issues or unsuccessful"));
    }
  }

  record Output() {}

  private final ChangeMoves moves;

  CloseChangeWorker(ChangeMoves moves) {
    this.moves = moves;
  }

  @JobWorker(type = Lifecycle.Jobs.SERVICENOW_CLOSE_CHANGE)
  public Output handle(@VariablesAsType Input input) {
    Map<String, String> closing = new LinkedHashMap<>();
    closing.put("close_code", input.code().value());
    closing.put("close_notes", input.closeNotes());
    moves.advance(input.changeSysId(), ChangeState.CLOSED, closing);
    return new Output();
  }
}
