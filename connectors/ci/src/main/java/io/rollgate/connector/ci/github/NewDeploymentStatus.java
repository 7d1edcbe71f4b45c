package io.rollgate.connector.ci.github;

import java.util.Objects;

/**
 * A deployment status to create. {@code null} fields are left out.
 *
 * @param state {@code error}, {@code failure}, {@code inactive}, {@code in_progress}, {@code
 *     queued}, {@code pending} or {@code success}
 * @param description at most 140 characters
 */
public record NewDeploymentStatus(
    String state, String description, String environment, String logUrl, String environmentUrl) {

  public NewDeploymentStatus {
    Objects.requireNonNull(state, "state");
  }

  public static NewDeploymentStatus of(String state, String description, String logUrl) {
    return new NewDeploymentStatus(state, description, null, logUrl, null);
  }
}
