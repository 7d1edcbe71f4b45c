package io.rollgate.connector.ci;

import java.util.Objects;
import java.util.Optional;

/**
 * The CI verdict on one commit, as {@link CiProvider#pipelineStatus} sees it.
 *
 * @param state the combined state (see the provider for how several runs combine)
 * @param runId the run that decided the state, in the provider's own ids; {@code null} when no run
 *     exists for the commit yet
 * @param url where a person can look at that run; {@code null} when there is none
 */
public record PipelineStatus(PipelineState state, String runId, String url) {

  public PipelineStatus {
    Objects.requireNonNull(state, "state");
  }

  /** No run exists for the commit (yet): {@link PipelineState#PENDING} without a run. */
  public static PipelineStatus noRunYet() {
    return new PipelineStatus(PipelineState.PENDING, null, null);
  }

  public Optional<String> run() {
    return Optional.ofNullable(runId);
  }
}
