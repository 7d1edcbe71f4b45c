package io.rollgate.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.rollgate.app.RollgateApplication;
import io.rollgate.app.support.TempFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** A missing or malformed setting stops the service at start with one line naming it. */
class StartupConfigurationIT {

  private Path data;

  @BeforeEach
  void dataDirectory() throws Exception {
    data = Files.createTempDirectory("rollgate-config-it");
  }

  @AfterEach
  void removeDataDirectory() throws Exception {
    TempFiles.delete(data);
  }

  @Test
  void productionWithoutAServiceNowUrlDoesNotStart() {
    // given: a production deployment that forgot ROLLGATE_SERVICENOW_URL
    List<String> args = productionWithEverythingBut("rollgate.servicenow.url");

    // when
    String report = failureReport("production", args);

    // then
    assertThat(report)
        .isEqualTo(
            "Invalid configuration: rollgate.servicenow.url must be set"
                + " (environment variable ROLLGATE_SERVICENOW_URL)");
  }

  @Test
  void aThresholdOutOfRangeDoesNotStart() {
    // when
    String report = failureReport(null, List.of("--rollgate.gates.max-incident-priority=9"));

    // then
    assertThat(report)
        .doesNotContain("\n")
        .startsWith("Invalid configuration: rollgate.gates.maxIncidentPriority")
        .contains("5");
  }

  @Test
  void aDurationThatIsNotOneDoesNotStart() {
    // when
    String report = failureReport(null, List.of("--rollgate.gates.deploy-timeout=ten"));

    // then
    assertThat(report)
        .doesNotContain("\n")
        .startsWith("Invalid configuration: rollgate.gates.deploy-timeout = 'ten' cannot be read");
  }

  @Test
  void aJobTimeoutShorterThanACallToAnOutsideSystemDoesNotStart() {
    // when: a worker would give its job back while a ServiceNow call still retries (210 s)
    String report = failureReport(null, List.of("--rollgate.gates.job-timeout=2m"));

    // then
    assertThat(report)
        .doesNotContain("\n")
        .startsWith(
            "Invalid configuration: rollgate.gates.job-timeout must be longer than the longest"
                + " call to servicenow (210 s");
  }

  private List<String> productionWithEverythingBut(String missing) {
    List<String> args = new ArrayList<>();
    for (String setting :
        List.of(
            "rollgate.servicenow.url=https://acme.service-now.example",
            "rollgate.servicenow.username=rollgate",
            "rollgate.servicenow.password=not-used-here",
            "rollgate.launchdarkly.api-token=api-not-used-here",
            "rollgate.launchdarkly.sdk-key=sdk-not-used-here",
            "rollgate.launchdarkly.project=shop",
            "rollgate.launchdarkly.environment=production",
            "rollgate.github.token=ghp-not-used-here",
            "rollgate.webhooks.servicenow.secret=webhook-secret-not-used-here")) {
      if (!setting.startsWith(missing + "=")) {
        args.add("--" + setting);
      }
    }
    // nothing is reached before the check: a database in memory, a cluster nobody calls
    args.add(
        "--spring.datasource.url=jdbc:h2:mem:config-it;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE");
    args.add("--camunda.client.rest-address=http://127.0.0.1:1");
    args.add("--camunda.client.grpc-address=http://127.0.0.1:1");
    return args;
  }

  /** Starts the service, expecting it to fail; the one-line report it gives. */
  private String failureReport(String profile, List<String> settings) {
    List<String> args = new ArrayList<>(settings);
    args.add("--rollgate.data-dir=" + data);
    args.add("--server.port=0");
    SpringApplicationBuilder service = new SpringApplicationBuilder(RollgateApplication.class);
    if (profile != null) {
      service.profiles(profile);
    }
    Throwable failure = catchThrowable(() -> service.run(args.toArray(String[]::new)).close());
    assertThat(failure).as("the service started").isNotNull();
    FailureAnalysis analysis = new ConfigurationProblemAnalyzer().analyze(failure);
    assertThat(analysis).as("no report for %s", failure).isNotNull();
    return analysis.getDescription();
  }
}
