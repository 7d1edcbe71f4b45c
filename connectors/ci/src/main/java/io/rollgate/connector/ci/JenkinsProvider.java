package io.rollgate.connector.ci;

import io.rollgate.connector.ci.jenkins.Build;
import io.rollgate.connector.ci.jenkins.JenkinsClient;
import io.rollgate.connector.ci.jenkins.QueueItem;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Jenkins as a {@link CiProvider}, bound to one Jenkins server; the job is named per call.
 *
 * <p>{@link #pipelineStatus}: the newest build of the job whose git revision is the commit. {@link
 * #triggerAndWait}: queues the build, follows the queue item until it names its build (a cancelled
 * item ends as {@code CANCELLED}), then polls the build until it stops building. Results: {@code
 * SUCCESS} → succeeded; {@code FAILURE}, {@code UNSTABLE} → failed; {@code ABORTED}, {@code
 * NOT_BUILT} → cancelled. Run ids are {@code job#number}.
 */
public final class JenkinsProvider implements CiProvider {

  private static final Logger LOG = LoggerFactory.getLogger(JenkinsProvider.class);

  private final JenkinsClient client;
  private final Clock clock;

  public JenkinsProvider(JenkinsClient client) {
    this(client, Clock.systemUTC());
  }

  public JenkinsProvider(JenkinsClient client, Clock clock) {
    this.client = Objects.requireNonNull(client, "client");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  public JenkinsClient jenkins() {
    return client;
  }

  @Override
  public String system() {
    return "jenkins";
  }

  @Override
  public PipelineStatus pipelineStatus(String pipeline, String sha) {
    String job = Objects.requireNonNull(pipeline, "the Jenkins job (pipeline) is required");
    PipelineStatus status =
        client
            .buildForCommit(job, sha)
            .map(b -> new PipelineStatus(state(b), runId(b), b.url()))
            .orElse(PipelineStatus.noRunYet());
    LOG.info(
        "ci status system=jenkins job={} sha={} state={} build={}",
        job,
        sha,
        status.state(),
        status.runId());
    return status;
  }

  @Override
  public CiRun runOnceAndWait(TriggerRequest request, String key, WaitPolicy wait) {
    String job = request.requirePipeline("the Jenkins job (pipeline)");
    Optional<Build> earlier =
        client.builds(job).stream()
            .filter(b -> key.equals(b.parameters().get(KEY_PARAMETER)))
            .findFirst();
    if (earlier.isEmpty()) {
      return triggerAndWait(request.withParameter(KEY_PARAMETER, key), wait);
    }
    LOG.info(
        "ci run already started system=jenkins job={} key={} build={}",
        job,
        key,
        earlier.get().number());
    return follow(job, earlier.get().number(), new Polling(clock, wait), wait);
  }

  @Override
  public CiRun triggerAndWait(TriggerRequest request, WaitPolicy wait) {
    String job = request.requirePipeline("the Jenkins job (pipeline)");
    Polling polling = new Polling(clock, wait);
    long queueId = client.trigger(job, request.parameters());
    CiRun queued = new CiRun(job + "#queue-" + queueId, PipelineState.PENDING, null, null);
    QueueItem item =
        polling.until(
            () -> {
              QueueItem q = client.queueItem(queueId);
              return q.cancelled() || q.buildNumber() != null ? Optional.of(q) : Optional.empty();
            },
            cause -> timeout(job, "queue item " + queueId + " did not start", queued, wait, cause));
    if (item.buildNumber() == null) {
      LOG.info("ci run finished system=jenkins job={} queue_id={} state=CANCELLED", job, queueId);
      return new CiRun(queued.id(), PipelineState.CANCELLED, null, "CANCELLED");
    }
    CiRun done = follow(job, item.buildNumber(), polling, wait);
    LOG.info("ci run started system=jenkins job={} queue_id={}", job, queueId);
    return done;
  }

  private CiRun follow(String job, int number, Polling polling, WaitPolicy wait) {
    CiRun[] last = {new CiRun(job + "#" + number, PipelineState.RUNNING, null, null)};
    CiRun done =
        polling.until(
            () -> {
              Build b = client.build(job, number);
              last[0] = new CiRun(runId(b), state(b), b.url(), b.result());
              return last[0].state().isFinal() ? Optional.of(last[0]) : Optional.empty();
            },
            cause -> timeout(job, "build " + number + " is not done", last[0], wait, cause));
    LOG.info(
        "ci run finished system=jenkins job={} build={} state={} result={}",
        job,
        number,
        done.state(),
        done.conclusion());
    return done;
  }

  private RunTimeoutException timeout(
      String job, String what, CiRun last, WaitPolicy wait, Throwable cause) {
    LOG.warn(
        "ci run timed out system=jenkins job={} run_id={} timeout_ms={} detail=\"{}\"",
        job,
        last.id(),
        wait.timeout().toMillis(),
        what);
    return new RunTimeoutException(
        "jenkins", job + ": " + what + " within " + wait.timeout().toSeconds() + "s", last, cause);
  }

  private static String runId(Build b) {
    return b.job() + "#" + b.number();
  }

  static PipelineState state(Build b) {
    if (b.building()) {
      return PipelineState.RUNNING;
    }
    switch (b.result() == null ? "" : b.result()) {
      case "SUCCESS":
        return PipelineState.SUCCEEDED;
      case "FAILURE":
      case "UNSTABLE":
        return PipelineState.FAILED;
      case "ABORTED":
      case "NOT_BUILT":
        return PipelineState.CANCELLED;
      default:
        return PipelineState.RUNNING;
    }
  }
}
