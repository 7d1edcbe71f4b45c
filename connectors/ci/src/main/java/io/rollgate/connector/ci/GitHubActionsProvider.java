package io.rollgate.connector.ci;

import io.rollgate.connector.ci.github.GitHubClient;
import io.rollgate.connector.ci.github.WorkflowRun;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * GitHub Actions as a {@link CiProvider}, bound to one repository.
 *
 * <p>{@link #pipelineStatus}: the latest run of each workflow for the commit, combined — any failed
 * → {@code FAILED}, else any cancelled → {@code CANCELLED}, else any running → {@code RUNNING},
 * else any queued → {@code PENDING}, else {@code SUCCEEDED}.
 *
 * <p>{@link #triggerAndWait}: dispatches with {@code return_run_details: true} and follows the run
 * GitHub names in its 200 answer until it completes, so two runs of the same workflow dispatched
 * close together cannot be mixed up. Servers that predate the parameter (older GitHub Enterprise
 * Server releases) answer 204 without naming the run; for them the provider falls back to matching:
 * it lists the workflow's {@code workflow_dispatch} runs on the ref created since shortly before
 * the dispatch (newest first) until one appears that was not there before dispatching, and follows
 * that. The runs that exist before dispatching are therefore noted first on every trigger, since
 * whether the server names the run is known only from its answer.
 */
public final class GitHubActionsProvider implements CiProvider {

  /** How far back {@link #runOnceAndWait} looks for a run started with the same key. */
  static final Duration KEY_LOOKBACK = Duration.ofDays(7);

  /** Tolerated difference between our clock and GitHub's when filtering by creation time. */
  static final Duration CLOCK_SKEW = Duration.ofMinutes(1);

  private static final Logger LOG = LoggerFactory.getLogger(GitHubActionsProvider.class);

  private final GitHubClient client;
  private final String owner;
  private final String repo;
  private final Clock clock;

  public GitHubActionsProvider(GitHubClient client, String owner, String repo) {
    this(client, owner, repo, Clock.systemUTC());
  }

  public GitHubActionsProvider(GitHubClient client, String owner, String repo, Clock clock) {
    this.client = Objects.requireNonNull(client, "client");
    this.owner = Objects.requireNonNull(owner, "owner");
    this.repo = Objects.requireNonNull(repo, "repo");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** The GitHub client, for what only GitHub has (deployments, checks, protection rules). */
  public GitHubClient github() {
    return client;
  }

  @Override
  public String system() {
    return "github";
  }

  @Override
  public PipelineStatus pipelineStatus(String pipeline, String sha) {
    List<WorkflowRun> runs =
        pipeline == null
            ? client.workflowRuns(owner, repo, sha)
            : client.workflowRuns(owner, repo, pipeline, sha);
    Map<Long, WorkflowRun> latestPerWorkflow = new LinkedHashMap<>();
    for (WorkflowRun run : runs) {
      latestPerWorkflow.merge(
          run.workflowId(), run, (a, b) -> a.createdAt().isAfter(b.createdAt()) ? a : b);
    }
    PipelineStatus status =
        Combine.worst(
            new ArrayList<>(latestPerWorkflow.values()),
            GitHubActionsProvider::state,
            run -> String.valueOf(run.id()),
            WorkflowRun::htmlUrl);
    LOG.info(
        "ci status system=github repo={}/{} workflow={} sha={} state={} run_id={}",
        owner,
        repo,
        pipeline,
        sha,
        status.state(),
        status.runId());
    return status;
  }

  @Override
  public CiRun runOnceAndWait(TriggerRequest request, String key, WaitPolicy wait) {
    String workflow = request.requirePipeline("the workflow (pipeline)");
    String ref = request.requireRef();
    Optional<WorkflowRun> earlier =
        client
            .dispatchedRuns(owner, repo, workflow, branch(ref), clock.instant().minus(KEY_LOOKBACK))
            .stream()
            .filter(run -> key.equals(run.displayTitle()))
            .findFirst();
    if (earlier.isEmpty()) {
      return triggerAndWait(request.withParameter(KEY_PARAMETER, key), wait);
    }
    LOG.info(
        "ci run already started system=github repo={}/{} workflow={} key={} run_id={}",
        owner,
        repo,
        workflow,
        key,
        earlier.get().id());
    return follow(earlier.get().id(), workflow, ref, new Polling(clock, wait), wait);
  }

  private static String branch(String ref) {
    return ref.startsWith("refs/heads/") ? ref.substring("refs/heads/".length()) : ref;
  }

  @Override
  public CiRun triggerAndWait(TriggerRequest request, WaitPolicy wait) {
    String workflow = request.requirePipeline("the workflow (pipeline)");
    String ref = request.requireRef();
    String branch = branch(ref);
    Polling polling = new Polling(clock, wait);
    Instant since = clock.instant().minus(CLOCK_SKEW);
    Set<Long> before =
        client.dispatchedRuns(owner, repo, workflow, branch, since).stream()
            .map(WorkflowRun::id)
            .collect(Collectors.toSet());
    Optional<Long> named =
        client.dispatchWorkflow(owner, repo, workflow, ref, request.parameters());
    if (named.isEmpty()) {
      LOG.info(
          "ci dispatch without run details system=github repo={}/{} workflow={} ref={}:"
              + " matching the new run",
          owner,
          repo,
          workflow,
          ref);
    }
    long runId =
        named.orElseGet(
            () ->
                polling.until(
                    () -> newRun(workflow, branch, since, before),
                    cause ->
                        timeout(
                            "the run of " + workflow + " on " + ref + " did not appear",
                            null,
                            wait,
                            cause)));
    return follow(runId, workflow, ref, polling, wait);
  }

  private CiRun follow(long runId, String workflow, String ref, Polling polling, WaitPolicy wait) {
    CiRun[] last = new CiRun[1];
    CiRun done =
        polling.until(
            () -> {
              last[0] = toRun(client.workflowRun(owner, repo, runId));
              return last[0].state().isFinal() ? Optional.of(last[0]) : Optional.empty();
            },
            cause ->
                timeout("run " + runId + " of " + workflow + " is not done", last[0], wait, cause));
    LOG.info(
        "ci run finished system=github repo={}/{} workflow={} ref={} run_id={} state={}"
            + " conclusion={}",
        owner,
        repo,
        workflow,
        ref,
        runId,
        done.state(),
        done.conclusion());
    return done;
  }

  private Optional<Long> newRun(String workflow, String branch, Instant since, Set<Long> before) {
    List<WorkflowRun> fresh =
        client.dispatchedRuns(owner, repo, workflow, branch, since).stream()
            .filter(run -> !before.contains(run.id()))
            .toList();
    // Newest first: the oldest new run is the one closest to our dispatch.
    return fresh.isEmpty() ? Optional.empty() : Optional.of(fresh.get(fresh.size() - 1).id());
  }

  private RunTimeoutException timeout(String what, CiRun last, WaitPolicy wait, Throwable cause) {
    LOG.warn(
        "ci run timed out system=github repo={}/{} run_id={} timeout_ms={} detail=\"{}\"",
        owner,
        repo,
        last == null ? null : last.id(),
        wait.timeout().toMillis(),
        what);
    return new RunTimeoutException(
        "github", what + " within " + wait.timeout().toSeconds() + "s", last, cause);
  }

  static CiRun toRun(WorkflowRun run) {
    return new CiRun(String.valueOf(run.id()), state(run), run.htmlUrl(), run.conclusion());
  }

  static PipelineState state(WorkflowRun run) {
    if (!run.completed()) {
      return "in_progress".equals(run.status()) ? PipelineState.RUNNING : PipelineState.PENDING;
    }
    String conclusion = run.conclusion() == null ? "" : run.conclusion();
    switch (conclusion) {
      case "success":
      case "neutral":
      case "skipped":
        return PipelineState.SUCCEEDED;
      case "cancelled":
        return PipelineState.CANCELLED;
      default:
        return PipelineState.FAILED;
    }
  }
}
