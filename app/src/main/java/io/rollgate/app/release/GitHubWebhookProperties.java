package io.rollgate.app.release;

import io.rollgate.connector.Secret;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * GitHub's custom deployment protection rule ({@code rollgate.webhooks.github.*}).
 *
 * @param secret the webhook secret set on the GitHub App (at least 16 characters); without it every
 *     delivery is refused with 401. Never printed.
 * @param maxBodySize larger deliveries are refused with 413 before they are read into memory
 * @param publicUrl where people reach this service, for the release link in GitHub's comment;
 *     without it the comment names the release's API path
 * @param retryInterval how long to wait before calling GitHub back again after a failed callback
 * @param repositories {@code owner/name} of each repository whose deployments Rollgate gates, to
 *     the release it starts for them
 */
@Validated
@ConfigurationProperties("rollgate.webhooks.github")
record GitHubWebhookProperties(
    Secret secret,
    @DefaultValue("64KB") DataSize maxBodySize,
    URI publicUrl,
    @DefaultValue("30s") Duration retryInterval,
    @DefaultValue @Valid Map<String, RepositoryRelease> repositories) {

  GitHubWebhookProperties {
    repositories = repositories == null ? Map.of() : Map.copyOf(repositories);
  }

  /**
   * The release started for a deployment of one repository.
   *
   * @param service the service released
   * @param flagKey the rollout flag; the service's name when absent
   * @param changeModel {@code standard}, {@code normal} or {@code emergency}
   * @param waves rollout percentages, rising to 100
   * @param bakeTime how long each wave runs before its health check
   * @param deployWorkflow the workflow file that deploys
   * @param testPassRatio the test pass ratio the repository's required CI enforces, 0 to 1 (for
   *     example 1 when CI fails on any failing test): GitHub's protection rule reports none, so
   *     without it a release started by the webhook ends NOT_READY. Runbook, rollback plan and test
   *     report links come from the service's defaults ({@code rollgate.service-defaults.*}).
   */
  record RepositoryRelease(
      @NotBlank String service,
      String flagKey,
      @DefaultValue("normal") @Pattern(regexp = "standard|normal|emergency") String changeModel,
      @DefaultValue({"1", "10", "50", "100"}) @NotEmpty List<Integer> waves,
      @DefaultValue("10m") Duration bakeTime,
      @DefaultValue("deploy.yml") @NotBlank String deployWorkflow,
      @DecimalMin("0") @DecimalMax("1") Double testPassRatio) {

    String flag() {
      return flagKey == null || flagKey.isBlank() ? service : flagKey;
    }
  }
}
