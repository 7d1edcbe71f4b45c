package io.rollgate.app.kpi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.rollgate.app.support.ReleaseRequests;
import io.rollgate.app.support.RunningService;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code GET /api/v1/kpis} and the KPI gauges against the running service. */
class KpiApiIT extends RunningService {

  @Test
  void aReleaseThatEndedNotReadyCountsAgainstTheReadinessPassRateOfItsServiceAndDay()
      throws Exception {
    // given: a release of a service of its own without the links readiness needs
    String pipeline = token("kpi-pipeline", "pipeline");
    Map<String, Object> request = ReleaseRequests.request("kpi-report", "1.0.0");
    request.remove("runbookUrl");
    String id = startRelease(pipeline, request);
    awaitEnd(pipeline, id, Duration.ofSeconds(60));
    LocalDate today = LocalDate.now(ZoneOffset.UTC);

    // when
    Answer answer =
        call(
            "GET",
            "/api/v1/kpis?from=" + today.minusDays(6) + "&to=" + today + "&service=kpi-report",
            token("kpi-viewer", "viewer"),
            null,
            null);

    // then
    assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    JsonNode report = answer.json();
    assertThat(report.path("period").path("from").asText())
        .isEqualTo(today.minusDays(6).toString());
    assertThat(report.path("service").asText()).isEqualTo("kpi-report");
    assertThat(report.path("figures").findValuesAsText("key"))
        .containsExactly(
            "readiness-pass-rate-first-time",
            "readiness-pass-rate-eventually",
            "change-success-rate",
            "rollback-rate",
            "lead-time-to-full-rollout",
            "post-release-incident-rate",
            "deployment-frequency",
            "lead-time-for-changes",
            "change-failure-rate",
            "time-to-restore");
    JsonNode firstTime = report.path("figures").get(0);
    assertThat(firstTime.path("value").asDouble()).isEqualTo(0.0);
    assertThat(firstTime.path("numerator").asLong()).isZero();
    assertThat(firstTime.path("denominator").asLong()).isEqualTo(1);
    assertThat(firstTime.path("releaseIds").get(0).asText()).isEqualTo(id);
    assertThat(report.path("figures").get(2).path("value").isNull()).isTrue();
    JsonNode readiness = report.path("decisionLatency").get(0);
    assertThat(readiness.path("gate").asText()).isEqualTo("readiness");
    assertThat(readiness.path("approver").asText()).isEqualTo("system");
    assertThat(readiness.path("count").asLong()).isEqualTo(1);
    assertThat(report.path("daily")).hasSize(7);
    JsonNode day = report.path("daily").get(6);
    assertThat(day.path("date").asText()).isEqualTo(today.toString());
    assertThat(day.path("started").asLong()).isEqualTo(1);
    assertThat(day.path("failed").asLong()).isEqualTo(1);
  }

  @Test
  void aPeriodThatEndsBeforeItStartsOrABadDateIsUnprocessable() {
    // given
    String viewer = token("kpi-viewer-2", "viewer");

    // when
    Answer backwards =
        call("GET", "/api/v1/kpis?from=2026-11-10&to=2026-11-01", viewer, null, null);
    Answer notADate = call("GET", "/api/v1/kpis?from=last-week", viewer, null, null);

    // then
    assertThat(backwards.status()).isEqualTo(422);
    assertThat(backwards.header("Content-Type")).startsWith("application/problem+json");
    assertThat(backwards.json().path("errors").get(0).path("field").asText()).isEqualTo("from");
    assertThat(notADate.status()).isEqualTo(422);
    assertThat(notADate.json().path("detail").asText()).contains("ISO date");
  }

  @Test
  void needsACredential() {
    // when
    Answer anonymous = call("GET", "/api/v1/kpis", null, null, null);

    // then
    assertThat(anonymous.status()).isEqualTo(401);
  }

  @Test
  void theLastThirtyDaysAreGaugesOnPrometheus() {
    // when
    Answer scrape = call("GET", "/actuator/prometheus", token("kpi-scraper", "viewer"), null, null);

    // then
    assertThat(scrape.status()).isEqualTo(200);
    assertThat(scrape.body())
        .contains("key=\"change-success-rate\",service=\"all\"}")
        .contains("key=\"deployment-frequency\",service=\"all\"}");
  }
}
