package io.rollgate.app.webhook;

import io.rollgate.connector.Secret;
import java.time.Duration;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * The ServiceNow CAB approval webhook ({@code rollgate.webhooks.servicenow.*}).
 *
 * @param secret the shared secret ServiceNow signs its calls with (HMAC-SHA256, at least 16
 *     characters); required when the sandbox is off, generated at each start when it is on and
 *     unset. Never printed.
 * @param replayWindow how far a call's timestamp may be from Rollgate's clock, either way; a
 *     signature is accepted once within it
 * @param maxBodySize larger bodies are refused with 413 before anything is read into memory
 * @param messageTimeToLive how long a published decision waits for a release that is not yet
 *     waiting for it
 */
@Validated
@ConfigurationProperties("rollgate.webhooks.servicenow")
public record ServiceNowWebhookProperties(
    Secret secret,
    @DefaultValue("5m") @DurationMin(seconds = 1) Duration replayWindow,
    @DefaultValue("64KB") DataSize maxBodySize,
    @DefaultValue("30m") @DurationMin(seconds = 0) Duration messageTimeToLive) {}
