package io.rollgate.app.webhook;

import io.rollgate.app.config.ConfigurationProblem;
import io.rollgate.app.sandbox.SandboxProperties;
import io.rollgate.connector.Secret;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The webhook's secret and signature checks, from {@link ServiceNowWebhookProperties}. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ServiceNowWebhookProperties.class, SandboxProperties.class})
class ServiceNowWebhookConfiguration {

  static final String SECRET_PROPERTY = "rollgate.webhooks.servicenow.secret";
  static final int MIN_SECRET_LENGTH = 16;

  private static final Logger LOG = LoggerFactory.getLogger(ServiceNowWebhookConfiguration.class);

  @Bean
  WebhookSecret servicenowWebhookSecret(
      ServiceNowWebhookProperties properties, SandboxProperties sandbox) {
    return resolve(properties.secret(), sandbox.enabled());
  }

  @Bean
  WebhookSignatures servicenowWebhookSignatures(
      WebhookSecret secret, ServiceNowWebhookProperties properties, ObjectProvider<Clock> clock) {
    return new WebhookSignatures(
        secret, properties.replayWindow(), clock.getIfAvailable(Clock::systemUTC));
  }

  /**
   * @throws ConfigurationProblem when no secret is set and the sandbox is off, or it is too short
   */
  static WebhookSecret resolve(Secret configured, boolean sandbox) {
    if (configured != null && !configured.value().isBlank()) {
      if (configured.value().length() < MIN_SECRET_LENGTH) {
        throw new ConfigurationProblem(
            SECRET_PROPERTY, "must be at least " + MIN_SECRET_LENGTH + " characters");
      }
      return new WebhookSecret(configured, false);
    }
    if (!sandbox) {
      throw new ConfigurationProblem(
          SECRET_PROPERTY, "must be set: ServiceNow signs its approval webhook calls with it");
    }
    byte[] random = new byte[32];
    new SecureRandom().nextBytes(random);
    LOG.info("servicenow webhook secret generated for this start; the sandbox signs with it");
    return new WebhookSecret(Secret.of(HexFormat.of().formatHex(random)), true);
  }
}
