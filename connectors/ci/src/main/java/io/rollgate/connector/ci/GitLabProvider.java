package io.rollgate.connector.ci;

import io.rollgate.connector.ci.gitlab.GitLabClient;
import io.rollgate.connector.ci.gitlab.Pipeline;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * GitLab CI as a {@link CiProvider}, bound to one project (numeric id or {@code group/project}).
 *
 * <p>{@link #pipelineStatus}: the newest pipeline of the commit decides (a newer pipeline
 * supersedes older ones, as GitLab's own commit status does). {@link #triggerAndWait}: creates a
 * pipeline on the ref with the parameters as variables and polls it until it is final; {@code
 * manual} counts as pending (it waits for a person).
 */
public final class GitLabProvider implements CiProvider {

  private static final Logger LOG = LoggerFactory.getLogger(GitLabProvider.class);

  private final GitLabClient client;
  private final String project;
  private final Clock clock;

  public GitLabProvider(GitLabClient client, String project) {
    this(client, project, Clock.systemUTC());
  }

  public GitLabProvider(GitLabClient client, String project, Clock clock) {
    this.client = Objects.requireNonNull(client, "client");
    this.project = Objects.requireNonNull(project, "project");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  public GitLabClient gitlab() {
    return client;
  }

  @Override
  public String system() {
    return "gitlab";
  }

  @Override
  public PipelineStatus pipelineStatus(String pipeline, String sha) {
    List<Pipeline> pipelines = client.pipelines(project, sha);
    PipelineStatus status =
        pipelines.isEmpty()
            ? PipelineStatus.noRunYet()
            : new PipelineStatus(
                state(pipelines.get(0)),
                String.valueOf(pipelines.get(0).id()),
                pipelines.get(0).webUrl());
    LOG.info(
        "ci status system=gitlab project={} sha={} state={} pipeline_id={}",
        project,
        sha,
        status.state(),
        status.runId());
    return status;
  }

  @Override
  public CiRun runOnceAndWait(TriggerRequest request, String key, WaitPolicy wait) {
    String ref = request.requireRef();
    Optional<Pipeline> earlier =
        client.apiPipelines(project, ref).stream()
            .filter(p -> key.equals(client.pipelineVariables(project, p.id()).get(KEY_PARAMETER)))
            .findFirst();
    if (earlier.isEmpty()) {
      return triggerAndWait(request.withParameter(KEY_PARAMETER, key), wait);
    }
    LOG.info(
        "ci run already started system=gitlab project={} key={} pipeline_id={}",
        project,
        key,
        earlier.get().id());
    return follow(earlier.get(), ref, new Polling(clock, wait), wait);
  }

  @Override
  public CiRun triggerAndWait(TriggerRequest request, WaitPolicy wait) {
    String ref = request.requireRef();
    Pipeline created = client.createPipeline(project, ref, request.parameters());
    return follow(created, ref, new Polling(clock, wait), wait);
  }

  private CiRun follow(Pipeline created, String ref, Polling polling, WaitPolicy wait) {
    CiRun[] last = {toRun(created)};
    CiRun done =
        last[0].state().isFinal()
            ? last[0]
            : polling.until(
                () -> {
                  last[0] = toRun(client.pipeline(project, created.id()));
                  return last[0].state().isFinal() ? Optional.of(last[0]) : Optional.empty();
                },
                cause -> {
                  LOG.warn(
                      "ci run timed out system=gitlab project={} ref={} pipeline_id={}"
                          + " timeout_ms={}",
                      project,
                      ref,
                      created.id(),
                      wait.timeout().toMillis());
                  return new RunTimeoutException(
                      "gitlab",
                      "pipeline "
                          + created.id()
                          + " of "
                          + project
                          + " is not done within "
                          + wait.timeout().toSeconds()
                          + "s",
                      last[0],
                      cause);
                });
    LOG.info(
        "ci run finished system=gitlab project={} ref={} sha={} pipeline_id={} state={}",
        project,
        ref,
        created.sha(),
        created.id(),
        done.state());
    return done;
  }

  static CiRun toRun(Pipeline p) {
    PipelineState state = state(p);
    return new CiRun(
        String.valueOf(p.id()), state, p.webUrl(), state.isFinal() ? p.status() : null);
  }

  static PipelineState state(Pipeline p) {
    switch (p.status() == null ? "" : p.status()) {
      case "running":
        return PipelineState.RUNNING;
      case "success":
        return PipelineState.SUCCEEDED;
      case "failed":
        return PipelineState.FAILED;
      case "canceled":
      case "canceling":
      case "skipped":
        return PipelineState.CANCELLED;
      default:
        return PipelineState.PENDING;
    }
  }
}
