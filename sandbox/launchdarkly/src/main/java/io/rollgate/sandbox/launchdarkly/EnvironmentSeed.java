package io.rollgate.sandbox.launchdarkly;

import java.util.Objects;

/**
 * An environment of a project in the simulator. The SDK key authenticates the server-side SDK's
 * streaming, polling and event requests for this environment.
 *
 * @param approvalRequired whether flag changes in this environment need an approved approval
 *     request ({@code approvalSettings.required} in LaunchDarkly)
 */
public record EnvironmentSeed(
    String projectKey, String key, String name, String sdkKey, boolean approvalRequired) {

  public EnvironmentSeed {
    Objects.requireNonNull(projectKey, "projectKey");
    Objects.requireNonNull(key, "key");
    name = name == null ? key : name;
    sdkKey = sdkKey == null ? "sdk-" + projectKey + "-" + key : sdkKey;
  }

  /** An environment named after its key, with SDK key {@code sdk-<project>-<key>}, no approvals. */
  public static EnvironmentSeed of(String projectKey, String key) {
    return new EnvironmentSeed(projectKey, key, null, null, false);
  }

  public EnvironmentSeed requiringApproval() {
    return new EnvironmentSeed(projectKey, key, name, sdkKey, true);
  }

  public EnvironmentSeed withSdkKey(String newSdkKey) {
    return new EnvironmentSeed(projectKey, key, name, newSdkKey, approvalRequired);
  }
}
