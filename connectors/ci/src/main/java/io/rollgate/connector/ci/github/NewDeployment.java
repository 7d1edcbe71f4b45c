package io.rollgate.connector.ci.github;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A deployment to create ({@code POST /repos/{owner}/{repo}/deployments}). {@code null} fields are
 * left out, so GitHub's defaults apply.
 *
 * @param ref branch, tag or SHA to deploy; required
 * @param requiredContexts status contexts GitHub checks first; {@code null} checks all, an empty
 *     list checks none
 * @param autoMerge whether GitHub merges the default branch into {@code ref} first (GitHub's
 *     default is {@code true}; Rollgate deploys exactly what was approved, so {@link #of} sets
 *     {@code false})
 */
public record NewDeployment(
    String ref,
    String task,
    String environment,
    String description,
    List<String> requiredContexts,
    Boolean autoMerge,
    Map<String, Object> payload) {

  public NewDeployment {
    Objects.requireNonNull(ref, "ref");
  }

  /** Deploys {@code ref} to {@code environment} without merging and with every status check. */
  public static NewDeployment of(String ref, String environment, String description) {
    return new NewDeployment(ref, "deploy", environment, description, null, false, null);
  }
}
