package io.rollgate.connector.ci.github;

/**
 * A {@code deployment_protection_rule} webhook with action {@code requested}: GitHub asks whether
 * run {@link #runId()} of {@code owner/repo} may deploy to {@code environment}. Answer it with
 * {@link GitHubClient#reviewProtectionRule(ProtectionRuleEvent, ProtectionRuleReview)}.
 *
 * @param event what started the run ({@code push}, {@code workflow_dispatch}...)
 * @param callbackUrl GitHub's {@code deployment_callback_url}
 * @param installationId the GitHub App installation, {@code 0} when absent
 */
public record ProtectionRuleEvent(
    String action,
    String environment,
    String event,
    String sha,
    String ref,
    String callbackUrl,
    String owner,
    String repo,
    long runId,
    long installationId) {}
