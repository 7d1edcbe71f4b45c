package io.rollgate.workers.change;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.VariablesAsType;
import io.rollgate.connector.NonRetryableException;
import io.rollgate.connector.servicenow.ServiceNowClient;
import io.rollgate.connector.servicenow.model.ChangeRequest;
import io.rollgate.connector.servicenow.model.ChangeType;
import io.rollgate.connector.servicenow.model.NewChange;
import io.rollgate.processes.Lifecycle;
import io.rollgate.workers.job.InvalidVariableException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Map;

/**
 * {@code servicenow-create-change}: opens the release's change request, or finds the one already
 * carrying the release id as correlation id, so a repeated job never opens a second one. Standard
 * changes are made from the configured standard change template.
 */
final class CreateChangeWorker {

  /** ServiceNow's date-time format for API writes; the instance reads them as UTC. */
  private static final DateTimeFormatter SERVICENOW_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

  record Input(
      String releaseId, String changeType, String service, String version, String windowStart) {
    Input {
      type(changeType);
      start(windowStart);
    }

    ChangeType type() {
      return type(changeType);
    }

    Instant start() {
      return start(windowStart);
    }

    private static ChangeType type(String value) {
      try {
        return ChangeType.fromValue(value);
      } catch (IllegalArgumentException e) {
        throw new InvalidVariableException(
            Lifecycle.Variables.CHANGE_TYPE,
            "is '" + value + "'; expected standard, normal or emergency");
      }
    }

    private static Instant start(String value) {
      try {
        return OffsetDateTime.parse(value).toInstant();
      } catch (DateTimeParseException e) {
        throw new InvalidVariableException(
            Lifecycle.Variables.WINDOW_START,
            "is '" + value + "'; expected an ISO-8601 date-time with offset");
      }
    }
  }

  record Output(String changeSysId, String changeNumber) {}

  private final ServiceNowClient servicenow;
  private final String standardTemplateId;

  /**
   * @param standardTemplateId the standard change template's sys_id, or null when none is set
   */
  CreateChangeWorker(ServiceNowClient servicenow, String standardTemplateId) {
    this.servicenow = servicenow;
    this.standardTemplateId = standardTemplateId;
  }

  @JobWorker(type = Lifecycle.Jobs.SERVICENOW_CREATE_CHANGE)
  public Output handle(@VariablesAsType Input input) {
    ChangeRequest change = servicenow.createChange(newChange(input));
    return new Output(change.sysId(), change.number());
  }

  private NewChange newChange(Input input) {
    String summary = "Release " + input.version() + " of " + input.service();
    String templateId = input.type() == ChangeType.STANDARD ? requireTemplate() : null;
    Map<String, String> fields =
        Map.of(
            "description",
            summary + ", Rollgate release " + input.releaseId() + ".",
            "start_date",
            SERVICENOW_TIME.format(input.start()),
            // The configuration item the conflict check compares with other scheduled changes.
            "cmdb_ci",
            input.service());
    return new NewChange(input.type(), templateId, input.releaseId(), summary, fields);
  }

  private String requireTemplate() {
    if (standardTemplateId == null) {
      throw new NonRetryableException(
          ServiceNowClient.SYSTEM,
          0,
          "a standard change needs a standard change template, and none is configured"
              + " (WorkerSettings.standardChangeTemplateId)",
          null);
    }
    return standardTemplateId;
  }
}
