package io.rollgate.app.webhook;

import io.rollgate.connector.Secret;
import java.util.Objects;

/**
 * The secret ServiceNow's webhook calls are signed with: configured, or generated for this start
 * when the sandbox runs ServiceNow in-process and none is configured.
 *
 * @param generated true when made at start for the sandbox
 */
record WebhookSecret(Secret value, boolean generated) {

  WebhookSecret {
    Objects.requireNonNull(value, "value");
  }
}
