package io.rollgate.app.release;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rollgate.app.config.ConfigurationProblem;
import io.rollgate.app.problem.ProblemAdvice;
import io.rollgate.app.record.ReleaseRecord;
import io.rollgate.app.webhook.WebhookBody;
import io.rollgate.connector.Secret;
import io.rollgate.connector.ci.github.InvalidWebhookException;
import io.rollgate.connector.ci.github.ProtectionRuleEvent;
import io.rollgate.connector.ci.github.ProtectionRuleWebhook;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/v1/webhooks/github}: GitHub's custom deployment protection rule. When a workflow
 * job deploys to an environment protected by Rollgate's GitHub App, GitHub sends a {@code
 * deployment_protection_rule} event; Rollgate starts the release for that deployment (or finds the
 * one it started for it before) and, once the release decides, approves or rejects the deployment
 * through the run's callback (see {@link ProtectionRuleAnswers}).
 *
 * <h2>Request</h2>
 *
 * {@code Content-Type: application/json} (set the App's webhook content type to JSON), at most
 * {@code rollgate.webhooks.github.max-body-size} (64 KB), signed by GitHub in {@code
 * X-Hub-Signature-256} with the App's webhook secret ({@code rollgate.webhooks.github.secret}),
 * checked in constant time before the body is read. {@code X-GitHub-Event} names the event and
 * {@code X-GitHub-Delivery} the delivery.
 *
 * <p>The release: the service and plan configured for the repository ({@code
 * rollgate.webhooks.github.repositories.<owner/name>}), the deployment's commit ({@code sha}), the
 * environment (lower-cased), the tag as version when a tag is deployed, else the commit's first 12
 * characters, CI provider {@code github} and the run as the pipeline link. A redelivery, or another
 * request for the same run and environment, finds the release started before; nothing starts twice.
 *
 * <h2>Answers</h2>
 *
 * <ul>
 *   <li>202 {@code {"outcome":"started"|"found","release","releaseUrl"}} for a request; 202 {@code
 *       {"outcome":"ignored"}} for other events and actions, {@code ping} included;
 *   <li>400: the body is not a deployment protection rule request;
 *   <li>401: no or a wrong signature, or no secret configured; nothing is started;
 *   <li>413: the body is too large; 415: not JSON;
 *   <li>422: the repository has no release configured, or the release cannot start (each field).
 * </ul>
 */
@RestController
class GitHubProtectionRuleWebhook {

  static final String PATH = "/api/v1/webhooks/github";
  static final int MIN_SECRET_LENGTH = 16;

  private static final Logger LOG = LoggerFactory.getLogger(GitHubProtectionRuleWebhook.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String EVENT = "deployment_protection_rule";

  private final Optional<ProtectionRuleWebhook> webhook;
  private final GitHubWebhookProperties properties;
  private final ReleaseService releases;
  private final ProtectionRules requests;
  private final ProtectionRuleAnswers answers;
  private final WebhookBody bodies;

  GitHubProtectionRuleWebhook(
      GitHubWebhookProperties properties,
      ReleaseService releases,
      ProtectionRules requests,
      ProtectionRuleAnswers answers) {
    this.properties = properties;
    this.releases = releases;
    this.requests = requests;
    this.answers = answers;
    this.webhook = webhookFor(properties.secret());
    this.bodies = new WebhookBody(properties.maxBodySize());
  }

  /**
   * @throws ConfigurationProblem when a secret is set but too short
   */
  static Optional<ProtectionRuleWebhook> webhookFor(Secret secret) {
    if (secret == null || secret.value().isBlank()) {
      return Optional.empty();
    }
    if (secret.value().length() < MIN_SECRET_LENGTH) {
      throw new ConfigurationProblem(
          "rollgate.webhooks.github.secret",
          "must be at least " + MIN_SECRET_LENGTH + " characters");
    }
    return Optional.of(new ProtectionRuleWebhook(secret));
  }

  @PostMapping(PATH)
  ResponseEntity<?> receive(HttpServletRequest request) throws IOException {
    Optional<byte[]> body = bodies.read(request);
    if (body.isEmpty()) {
      return bodies.tooLarge();
    }
    if (!WebhookBody.isJson(request.getContentType())) {
      return ProblemAdvice.answer(
          HttpStatus.UNSUPPORTED_MEDIA_TYPE,
          "Webhook body not JSON",
          "set the webhook's content type to application/json");
    }
    if (webhook.isEmpty()) {
      LOG.warn(
          "github webhook refused reason=no-secret-configured remote={}", request.getRemoteAddr());
      return ProblemAdvice.answer(
          HttpStatus.UNAUTHORIZED,
          "Webhook signature refused",
          "no webhook secret is configured (rollgate.webhooks.github.secret)");
    }
    String event = request.getHeader("X-GitHub-Event");
    String delivery = request.getHeader("X-GitHub-Delivery");
    ProtectionRuleEvent parsed;
    try {
      parsed = webhook.get().parse(body.get(), request.getHeader("X-Hub-Signature-256"));
    } catch (InvalidWebhookException e) {
      if (e.signatureProblem()) {
        LOG.warn(
            "github webhook refused delivery={} reason=\"{}\" remote={}",
            delivery,
            e.getMessage(),
            request.getRemoteAddr());
        return ProblemAdvice.answer(
            HttpStatus.UNAUTHORIZED, "Webhook signature refused", e.getMessage());
      }
      if (!EVENT.equals(event)) {
        return ignored(delivery, "event '" + event + "' is not " + EVENT);
      }
      return ProblemAdvice.answer(
          HttpStatus.BAD_REQUEST, "Webhook body unreadable", e.getMessage());
    }
    if (!EVENT.equals(event)) {
      return ignored(delivery, "event '" + event + "' is not " + EVENT);
    }
    if (!"requested".equals(parsed.action())) {
      return ignored(delivery, "action '" + parsed.action() + "' is not requested");
    }
    if (parsed.environment().isBlank() || !parsed.sha().matches("[0-9a-f]{40}")) {
      return ProblemAdvice.answer(
          HttpStatus.BAD_REQUEST,
          "Webhook body incomplete",
          "'environment' and a 40-character 'sha' are required");
    }
    return startOrFind(parsed, delivery, JSON.readTree(body.get()));
  }

  private ResponseEntity<?> startOrFind(ProtectionRuleEvent event, String delivery, JsonNode body) {
    String key =
        ProtectionRules.key(event.owner(), event.repo(), event.runId(), event.environment());
    Optional<ProtectionRules.Request> earlier =
        requests.byDelivery(delivery).or(() -> requests.byKey(key));
    if (earlier.isPresent()) {
      LOG.info(
          "github protection rule request={} delivery={} outcome=found release_id={}",
          key,
          delivery,
          earlier.get().releaseId());
      return receipt("found", earlier.get().releaseId());
    }
    String repository = event.owner() + "/" + event.repo();
    GitHubWebhookProperties.RepositoryRelease plan = planFor(repository);
    if (plan == null) {
      LOG.warn("github protection rule request={} refused reason=repository-not-configured", key);
      throw new InvalidReleaseException(
          "repository",
          "no release is configured for "
              + repository
              + " (rollgate.webhooks.github.repositories)");
    }
    StartRelease start =
        new StartRelease(
            plan.service(),
            version(event),
            event.sha(),
            environment(event.environment()),
            plan.changeModel(),
            repository,
            plan.deployWorkflow(),
            plan.flag(),
            null,
            null,
            plan.waves(),
            plan.bakeTime(),
            "github",
            null,
            runUrl(body, event),
            null,
            null,
            null,
            plan.testPassRatio(),
            null);
    ReleaseService.Started started =
        releases.start(start, "github:" + repository, "github-protection-rule:" + key);
    ReleaseRecord release = started.release();
    ProtectionRules.Request added =
        new ProtectionRules.Request(
            key,
            delivery == null || delivery.isBlank() ? null : delivery,
            release.id(),
            event.owner(),
            event.repo(),
            event.runId(),
            event.environment(),
            ProtectionRules.PENDING,
            null);
    if (requests.add(added)) {
      answers.watch(added);
    }
    LOG.info(
        "github protection rule request={} delivery={} outcome=started release_id={}",
        key,
        delivery,
        release.id());
    return receipt(started.created() ? "started" : "found", release.id());
  }

  private GitHubWebhookProperties.RepositoryRelease planFor(String repository) {
    for (Map.Entry<String, GitHubWebhookProperties.RepositoryRelease> e :
        properties.repositories().entrySet()) {
      if (e.getKey().equalsIgnoreCase(repository)) {
        return e.getValue();
      }
    }
    return null;
  }

  /** The tag deployed, or the commit's first 12 characters. */
  static String version(ProtectionRuleEvent event) {
    String tagPrefix = "refs/tags/";
    if (event.ref().startsWith(tagPrefix)) {
      String tag = event.ref().substring(tagPrefix.length());
      if (tag.matches("[A-Za-z0-9][A-Za-z0-9.+_-]{0,63}")) {
        return tag;
      }
    }
    return event.sha().substring(0, 12);
  }

  /**
   * GitHub's environment name as Rollgate spells environments: {@code Production EU} is {@code
   * production-eu}.
   */
  static String environment(String githubName) {
    String name =
        githubName
            .toLowerCase(Locale.ROOT)
            .replaceAll("[^a-z0-9-]+", "-")
            .replaceAll("^-+|-+$", "");
    if (name.isEmpty()) {
      return "default";
    }
    return name.length() > 40 ? name.substring(0, 40) : name;
  }

  private static String runUrl(JsonNode body, ProtectionRuleEvent event) {
    String html = body.path("repository").path("html_url").asText("");
    if (!html.matches("https?://\\S+")) {
      return null;
    }
    return html + "/actions/runs/" + event.runId();
  }

  private ResponseEntity<Map<String, String>> receipt(String outcome, String releaseId) {
    Map<String, String> receipt = new LinkedHashMap<>();
    receipt.put("outcome", outcome);
    receipt.put("release", releaseId);
    receipt.put("releaseUrl", "/api/v1/releases/" + releaseId);
    return ResponseEntity.accepted().body(receipt);
  }

  private static ResponseEntity<Map<String, String>> ignored(String delivery, String detail) {
    LOG.info("github webhook delivery={} outcome=ignored detail=\"{}\"", delivery, detail);
    return ResponseEntity.accepted().body(Map.of("outcome", "ignored", "detail", detail));
  }

  @ExceptionHandler(InvalidReleaseException.class)
  ResponseEntity<Object> invalid(InvalidReleaseException e) {
    ProblemDetail problem =
        ProblemAdvice.problem(e.status(), "Release cannot start", e.getMessage());
    problem.setProperty("errors", e.errors());
    return ProblemAdvice.answer(problem);
  }

  @ExceptionHandler({IdempotencyConflictException.class, IdempotencyInProgressException.class})
  ResponseEntity<Object> conflict(RuntimeException e) {
    return ProblemAdvice.answer(
        HttpStatus.CONFLICT,
        "Deployment already being answered",
        "a release for this deployment is starting or was started differently: " + e.getMessage());
  }
}
