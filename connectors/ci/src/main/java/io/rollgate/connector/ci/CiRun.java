package io.rollgate.connector.ci;

import java.util.Objects;

/**
 * One run a provider started: a GitHub workflow run, a GitLab pipeline, a Jenkins build.
 *
 * @param id the provider's id of the run (GitHub run id, GitLab pipeline id, Jenkins {@code
 *     job#number})
 * @param state where it stands
 * @param url where a person can look at it
 * @param conclusion the provider's own word for the outcome ({@code success}, {@code failed},
 *     {@code FAILURE}...), {@code null} while it runs
 */
public record CiRun(String id, PipelineState state, String url, String conclusion) {

  public CiRun {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(state, "state");
  }
}
