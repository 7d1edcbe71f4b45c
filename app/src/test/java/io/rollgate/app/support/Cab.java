package io.rollgate.app.support;

import com.fasterxml.jackson.databind.JsonNode;
import io.rollgate.sandbox.launcher.Sandbox;
import java.time.Instant;

/** The change board as the ServiceNow simulator plays it: the change of a release, approved. */
public final class Cab {

  private Cab() {}

  /**
   * The number of the change opened for the release (its correlation id), within two minutes: a
   * loaded machine may take long over the readiness checks before it.
   */
  public static String awaitChangeOf(Sandbox sandbox, String releaseId)
      throws InterruptedException {
    Instant deadline = Instant.now().plusSeconds(120);
    while (Instant.now().isBefore(deadline)) {
      for (JsonNode change : sandbox.servicenow().changes()) {
        if (releaseId.equals(text(change.path("correlation_id")))) {
          return text(change.path("number"));
        }
      }
      Thread.sleep(100);
    }
    throw new AssertionError("no change was opened for " + releaseId);
  }

  /** Approves the change once it awaits the CAB's approval, within a minute. */
  public static void approveWhenAsked(Sandbox sandbox, String number) throws InterruptedException {
    decideWhenAsked(() -> sandbox.servicenow().approve(number, "approved by the CAB"));
  }

  /** Rejects the change with the CAB's comments once it awaits their approval, within a minute. */
  public static void rejectWhenAsked(Sandbox sandbox, String number, String comments)
      throws InterruptedException {
    decideWhenAsked(() -> sandbox.servicenow().reject(number, comments));
  }

  private static void decideWhenAsked(Runnable decision) throws InterruptedException {
    Instant deadline = Instant.now().plusSeconds(60);
    while (true) {
      try {
        decision.run();
        return;
      } catch (RuntimeException notYetAsked) {
        if (Instant.now().isAfter(deadline)) {
          throw notYetAsked;
        }
        Thread.sleep(100);
      }
    }
  }

  /** A field of the Change Management API: an object with its value, or the value itself. */
  public static String text(JsonNode field) {
    return field.isObject() ? field.path("value").asText() : field.asText();
  }
}
