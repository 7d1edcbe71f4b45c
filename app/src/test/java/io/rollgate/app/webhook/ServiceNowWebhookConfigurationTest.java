package io.rollgate.app.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.rollgate.app.config.ConfigurationProblem;
import io.rollgate.app.config.ConfigurationProblemAnalyzer;
import io.rollgate.app.sandbox.SandboxProperties;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

class ServiceNowWebhookConfigurationTest {

  @Configuration(proxyBeanMethods = false)
  @EnableConfigurationProperties({ServiceNowWebhookProperties.class, SandboxProperties.class})
  static class Properties {}

  private final ApplicationContextRunner context =
      new ApplicationContextRunner()
          .withUserConfiguration(Properties.class, ServiceNowWebhookConfiguration.class);

  @Test
  void missingSecretWithTheSandboxOffStopsTheStartNamingTheProperty() {
    context
        // given
        .withPropertyValues("rollgate.sandbox.enabled=false")
        // when
        .run(
            started -> {
              // then
              assertThat(started).hasFailed();
              var analysis =
                  new ConfigurationProblemAnalyzer().analyze(started.getStartupFailure());
              assertThat(analysis.getDescription())
                  .isEqualTo(
                      "Invalid configuration: rollgate.webhooks.servicenow.secret must be set:"
                          + " ServiceNow signs its approval webhook calls with it (environment"
                          + " variable ROLLGATE_WEBHOOKS_SERVICENOW_SECRET)")
                  .doesNotContain("\n");
            });
  }

  @Test
  void refusesASecretTooShortToResistGuessing() {
    context
        // given
        .withPropertyValues(
            "rollgate.sandbox.enabled=false", "rollgate.webhooks.servicenow.secret=short")
        // when
        .run(
            started ->
                // then
                assertThat(started.getStartupFailure())
                    .rootCause()
                    .isInstanceOf(ConfigurationProblem.class)
                    .hasMessageContaining("at least 16 characters"));
  }

  @Test
  void generatesASecretForTheSandboxWhenNoneIsSet() {
    context
        // given
        .withPropertyValues("rollgate.sandbox.enabled=true")
        // when
        .run(
            started -> {
              // then
              WebhookSecret secret = started.getBean(WebhookSecret.class);
              assertThat(secret.generated()).isTrue();
              assertThat(secret.value().value()).matches("[0-9a-f]{64}");
              assertThat(secret.value().toString()).doesNotContain(secret.value().value());
            });
  }

  @Test
  void usesTheConfiguredSecretAndWindow() {
    context
        // given
        .withPropertyValues(
            "rollgate.sandbox.enabled=false",
            "rollgate.webhooks.servicenow.secret=configured-secret-0123",
            "rollgate.webhooks.servicenow.replay-window=2m")
        // when
        .run(
            started -> {
              // then
              assertThat(started.getBean(WebhookSecret.class))
                  .isEqualTo(
                      new WebhookSecret(
                          io.rollgate.connector.Secret.of("configured-secret-0123"), false));
              assertThat(started.getBean(ServiceNowWebhookProperties.class).replayWindow())
                  .hasMinutes(2);
            });
  }
}
