package io.rollgate.connector.launchdarkly;

import java.util.Objects;

/** One flag in one environment of one project: what every flag operation addresses. */
public record FlagRef(String projectKey, String flagKey, String environmentKey) {

  public FlagRef {
    requireKey(projectKey, "projectKey");
    requireKey(flagKey, "flagKey");
    requireKey(environmentKey, "environmentKey");
  }

  public static FlagRef of(String projectKey, String flagKey, String environmentKey) {
    return new FlagRef(projectKey, flagKey, environmentKey);
  }

  private static void requireKey(String value, String name) {
    Objects.requireNonNull(value, name);
    if (value.isBlank()) {
      throw new IllegalArgumentException(name + " must not be blank");
    }
  }

  @Override
  public String toString() {
    return projectKey + "/" + flagKey + "@" + environmentKey;
  }
}
