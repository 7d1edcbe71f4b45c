package io.rollgate.app.release;

import io.rollgate.app.record.GateVerdict;
import io.rollgate.app.record.ReleaseRecord;
import io.rollgate.app.record.ReleaseRecords;
import io.rollgate.connector.ConnectorException;
import io.rollgate.connector.ci.github.GitHubClient;
import io.rollgate.connector.ci.github.ProtectionRuleReview;
import io.rollgate.processes.Lifecycle;
import io.rollgate.workers.job.ReleaseMdc;
import java.net.URI;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Answers GitHub's deployment protection rule once the release started for the deployment decides:
 * the release manager's go/no-go when the release has one, otherwise how the release ended ({@code
 * RELEASED} approves, anything else rejects). The answer goes to the run's {@code
 * deployment_protection_rule} callback through {@link GitHubClient} (with its retries), with a
 * comment naming the verdict and linking the release record; a callback GitHub did not take is
 * tried again after {@code rollgate.webhooks.github.retry-interval}. Requests still unanswered when
 * the service starts are watched again.
 */
@Component
class ProtectionRuleAnswers implements DisposableBean {

  private static final Logger LOG = LoggerFactory.getLogger(ProtectionRuleAnswers.class);

  /** What Rollgate tells GitHub about one deployment. */
  record Answer(ProtectionRuleReview.Decision decision, String comment) {}

  private final ProtectionRules requests;
  private final ReleaseRecords records;
  private final GateSignals signals;
  private final GitHubClient github;
  private final GitHubWebhookProperties properties;
  private final ScheduledExecutorService executor =
      Executors.newScheduledThreadPool(
          1,
          r -> {
            Thread t = new Thread(r, "github-protection-rule");
            t.setDaemon(true);
            return t;
          });

  ProtectionRuleAnswers(
      ProtectionRules requests,
      ReleaseRecords records,
      GateSignals signals,
      GitHubClient github,
      GitHubWebhookProperties properties) {
    this.requests = requests;
    this.records = records;
    this.signals = signals;
    this.github = github;
    this.properties = properties;
  }

  /** Watches the requests a previous run of the service left unanswered. */
  @EventListener(ApplicationReadyEvent.class)
  void resume() {
    for (ProtectionRules.Request r : requests.unanswered()) {
      if (ProtectionRules.ANSWERING.equals(r.state())) {
        requests.unclaim(r.requestKey());
      }
      watch(r);
    }
  }

  /** Answers the request when its release decides: now if it has, else on the release's change. */
  void watch(ProtectionRules.Request request) {
    executor.execute(() -> check(request));
  }

  private void check(ProtectionRules.Request request) {
    try (ReleaseMdc mdc = ReleaseMdc.of(request.releaseId(), null)) {
      // listen before reading, so a change between the read and the listening is not missed
      Runnable stopListening =
          signals.onNextChange(request.releaseId(), () -> executor.execute(() -> check(request)));
      Optional<ReleaseRecord> release = records.find(request.releaseId());
      Optional<Answer> answer = release.flatMap(r -> answerFor(r, link(r.id())));
      if (answer.isEmpty()) {
        return;
      }
      stopListening.run();
      if (!requests.claim(request.requestKey())) {
        return; // answered already, or being answered
      }
      send(request, answer.get());
    } catch (RuntimeException e) {
      LOG.error(
          "github protection rule check failed request={} error=\"{}\"",
          request.requestKey(),
          e.toString());
      retryLater(request);
    }
  }

  private void send(ProtectionRules.Request request, Answer answer) {
    ProtectionRuleReview review =
        new ProtectionRuleReview(request.environment(), answer.decision(), answer.comment());
    try {
      github.reviewProtectionRule(request.owner(), request.repo(), request.runId(), review);
    } catch (ConnectorException | IllegalStateException e) {
      requests.unclaim(request.requestKey());
      LOG.warn(
          "github protection rule not answered request={} decision={} error=\"{}\"; trying again"
              + " in {}",
          request.requestKey(),
          answer.decision(),
          e.getMessage(),
          properties.retryInterval());
      retryLater(request);
      return;
    }
    requests.answered(
        request.requestKey(),
        answer.decision() == ProtectionRuleReview.Decision.APPROVED
            ? ProtectionRules.APPROVED
            : ProtectionRules.REJECTED,
        answer.comment());
    LOG.info(
        "github protection rule answered request={} decision={}",
        request.requestKey(),
        answer.decision());
  }

  private void retryLater(ProtectionRules.Request request) {
    executor.schedule(
        () -> check(request), properties.retryInterval().toMillis(), TimeUnit.MILLISECONDS);
  }

  /** The answer a release gives GitHub, once it has one: its go/no-go verdict, or how it ended. */
  static Optional<Answer> answerFor(ReleaseRecord release, String link) {
    String subject = release.service() + " " + release.version() + " (" + release.id() + ")";
    for (GateVerdict v : release.gates()) {
      if (Lifecycle.Gates.GO_NO_GO.equals(v.gate())) {
        boolean go = "GO".equals(v.verdict());
        return Optional.of(
            new Answer(
                go
                    ? ProtectionRuleReview.Decision.APPROVED
                    : ProtectionRuleReview.Decision.REJECTED,
                "Rollgate go/no-go "
                    + v.verdict()
                    + " for "
                    + subject
                    + (v.justification() == null ? "" : ": " + v.justification())
                    + ". Release record: "
                    + link));
      }
    }
    if (release.endedAt() == null) {
      return Optional.empty();
    }
    boolean released = Lifecycle.EndStates.RELEASED.equals(release.state());
    return Optional.of(
        new Answer(
            released
                ? ProtectionRuleReview.Decision.APPROVED
                : ProtectionRuleReview.Decision.REJECTED,
            "Rollgate release "
                + subject
                + " ended "
                + release.state()
                + (release.outcome() == null ? "" : ": " + release.outcome())
                + ". Release record: "
                + link));
  }

  private String link(String releaseId) {
    String path = "/api/v1/releases/" + releaseId;
    URI base = properties.publicUrl();
    if (base == null) {
      return path;
    }
    String root = base.toString();
    return (root.endsWith("/") ? root.substring(0, root.length() - 1) : root) + path;
  }

  @Override
  public void destroy() {
    executor.shutdownNow();
  }
}
