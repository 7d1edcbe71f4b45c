package io.rollgate.connector.launchdarkly;

/**
 * An environment of a project.
 *
 * @param approvalRequired whether flag changes there need an approved approval request ({@code
 *     approvalSettings.required})
 */
public record EnvironmentInfo(
    String projectKey, String key, String name, boolean approvalRequired) {}
