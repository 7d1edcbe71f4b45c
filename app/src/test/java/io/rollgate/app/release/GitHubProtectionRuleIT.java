package io.rollgate.app.release;

import static org.assertj.core.api.Assertions.assertThat;

import io.rollgate.app.support.RunningService;
import io.rollgate.sandbox.ci.Behaviour;
import io.rollgate.sandbox.ci.GitHubSim;
import io.rollgate.sandbox.launcher.Sandbox;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * GitHub's custom deployment protection rule end to end: GitHub's signed {@code
 * deployment_protection_rule} delivery starts the release, and the release's outcome goes back to
 * the run's callback on the GitHub simulator with the state and a comment linking the release.
 */
class GitHubProtectionRuleIT extends RunningService {

  @Autowired private Sandbox sandbox;

  private GitHubSim github() {
    return sandbox.ci().github();
  }

  private Answer deliver(String body, String signature, String delivery) {
    return call(
        "POST",
        "/api/v1/webhooks/github",
        null,
        "application/json",
        body,
        signature == null
            ? Map.of("X-GitHub-Event", "deployment_protection_rule", "X-GitHub-Delivery", delivery)
            : Map.of(
                "X-GitHub-Event",
                "deployment_protection_rule",
                "X-GitHub-Delivery",
                delivery,
                "X-Hub-Signature-256",
                signature));
  }

  private static String signed(String body) {
    return GitHubSim.signature(GITHUB_WEBHOOK_SECRET, body.getBytes(StandardCharsets.UTF_8));
  }

  private static String newSha() {
    return UUID.randomUUID().toString().replace("-", "") + "89abcdef";
  }

  private List<GitHubSim.ProtectionRuleReview> reviewsOf(long runId, Duration within)
      throws InterruptedException {
    Instant deadline = Instant.now().plus(within);
    while (Instant.now().isBefore(deadline)) {
      List<GitHubSim.ProtectionRuleReview> reviews =
          github().protectionRuleReviews().stream().filter(r -> r.runId() == runId).toList();
      if (!reviews.isEmpty()) {
        return reviews;
      }
      Thread.sleep(200);
    }
    return List.of();
  }

  private long releasesOf(String sha) {
    Answer list =
        call("GET", "/api/v1/releases?service=checkout&limit=500", ADMIN_TOKEN, null, null);
    assertThat(list.status()).as(list.body()).isEqualTo(200);
    long count = 0;
    for (var item : list.json().path("items")) {
      if (sha.equals(item.path("commitSha").asText())) {
        count++;
      }
    }
    return count;
  }

  @Test
  void aSignedRequestForAGreenCommitStartsOneReleaseAndGitHubIsToldToDeployWithItsRecord()
      throws InterruptedException {
    // given: a run on a green commit waiting for Rollgate on its Production environment
    String sha = newSha();
    long runId = github().seedRun("acme", "shop", "build.yml", sha, "main", "push");
    Thread.sleep(200); // the simulated build passes after 50 ms in the queue
    String body = github().protectionRuleEvent("acme", "shop", runId, "Production");
    String delivery = UUID.randomUUID().toString();

    // when
    Answer first = deliver(body, signed(body), delivery);
    Answer redelivered = deliver(body, signed(body), delivery);

    // then: one release, found again by the redelivery
    assertThat(first.status()).as(first.body()).isEqualTo(202);
    assertThat(first.json().path("outcome").asText()).isEqualTo("started");
    String releaseId = first.json().path("release").asText();
    assertThat(redelivered.status()).as(redelivered.body()).isEqualTo(202);
    assertThat(redelivered.json().path("outcome").asText()).isEqualTo("found");
    assertThat(redelivered.json().path("release").asText()).isEqualTo(releaseId);
    Answer release = call("GET", "/api/v1/releases/" + releaseId, ADMIN_TOKEN, null, null);
    assertThat(release.json().path("service").asText()).isEqualTo("checkout");
    assertThat(release.json().path("commitSha").asText()).isEqualTo(sha);
    assertThat(release.json().path("environment").asText()).isEqualTo("production");

    // and: once the release is out, GitHub's callback approved the deployment, once
    List<GitHubSim.ProtectionRuleReview> reviews = reviewsOf(runId, Duration.ofMinutes(2));
    assertThat(reviews).hasSize(1);
    GitHubSim.ProtectionRuleReview review = reviews.get(0);
    assertThat(review.state()).isEqualTo("approved");
    assertThat(review.environmentName()).isEqualTo("Production");
    assertThat(review.owner() + "/" + review.repo()).isEqualTo("acme/shop");
    assertThat(review.comment())
        .contains("RELEASED")
        .contains("https://rollgate.example.com/api/v1/releases/" + releaseId);
    assertThat(releasesOf(sha)).isEqualTo(1);
    Answer again = deliver(body, signed(body), UUID.randomUUID().toString());
    assertThat(again.json().path("release").asText()).isEqualTo(releaseId);
    Thread.sleep(500);
    assertThat(github().protectionRuleReviews().stream().filter(r -> r.runId() == runId))
        .hasSize(1);
  }

  @Test
  void aRequestForACommitWhoseCiFailedIsRejectedWithTheReleasesOutcome()
      throws InterruptedException {
    // given: the commit's latest CI run failed
    String sha = newSha();
    github()
        .workflow("acme", "shop", "protected-red.yml", Behaviour.failsAfter(Duration.ofMillis(1)));
    long runId = github().seedRun("acme", "shop", "protected-red.yml", sha, "main", "push");
    Thread.sleep(200);
    String body = github().protectionRuleEvent("acme", "shop", runId, "production");

    // when
    Answer answer = deliver(body, signed(body), UUID.randomUUID().toString());

    // then
    assertThat(answer.status()).as(answer.body()).isEqualTo(202);
    String releaseId = answer.json().path("release").asText();
    List<GitHubSim.ProtectionRuleReview> reviews = reviewsOf(runId, Duration.ofMinutes(2));
    assertThat(reviews).hasSize(1);
    assertThat(reviews.get(0).state()).isEqualTo("rejected");
    assertThat(reviews.get(0).comment())
        .contains("NOT_READY")
        .contains("https://rollgate.example.com/api/v1/releases/" + releaseId);
  }

  @Test
  void aDeliveryWithABadOrNoSignatureIs401AndStartsNothing() throws InterruptedException {
    // given
    String sha = newSha();
    long runId = github().seedRun("acme", "shop", "build.yml", sha, "main", "push");
    String body = github().protectionRuleEvent("acme", "shop", runId, "production");
    String forged =
        GitHubSim.signature("not-the-secret-0123456789", body.getBytes(StandardCharsets.UTF_8));

    // when
    Answer wrong = deliver(body, forged, UUID.randomUUID().toString());
    Answer missing = deliver(body, null, UUID.randomUUID().toString());
    Answer tampered =
        deliver(
            body.replace("\"production\"", "\"staging\""),
            signed(body),
            UUID.randomUUID().toString());

    // then
    for (Answer a : List.of(wrong, missing, tampered)) {
      assertThat(a.status()).as(a.body()).isEqualTo(401);
      assertThat(a.header("Content-Type")).startsWith("application/problem+json");
      assertThat(a.refusedBySecurity()).isFalse();
    }
    assertThat(releasesOf(sha)).isZero();
    Thread.sleep(300);
    assertThat(github().protectionRuleReviews().stream().filter(r -> r.runId() == runId)).isEmpty();
  }

  @Test
  void onlyJsonIsTakenAndOtherEventsAreIgnored() {
    // given
    String ping = "{\"zen\":\"Keep it logically awesome.\",\"hook_id\":1}";

    // when
    Answer form =
        call(
            "POST",
            "/api/v1/webhooks/github",
            null,
            "application/x-www-form-urlencoded",
            "payload=" + ping,
            Map.of("X-GitHub-Event", "ping", "X-Hub-Signature-256", signed("payload=" + ping)));
    Answer pinged =
        call(
            "POST",
            "/api/v1/webhooks/github",
            null,
            "application/json",
            ping,
            Map.of("X-GitHub-Event", "ping", "X-Hub-Signature-256", signed(ping)));

    // then
    assertThat(form.status()).isEqualTo(415);
    assertThat(pinged.status()).as(pinged.body()).isEqualTo(202);
    assertThat(pinged.json().path("outcome").asText()).isEqualTo("ignored");
  }
}
