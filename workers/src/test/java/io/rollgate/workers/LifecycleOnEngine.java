package io.rollgate.workers;

import static org.awaitility.Awaitility.await;

import io.camunda.client.api.search.enums.UserTaskState;
import io.camunda.client.api.search.response.UserTask;
import io.camunda.client.api.worker.JobWorker;
import io.rollgate.connector.ci.PipelineState;
import io.rollgate.connector.launchdarkly.FlagRef;
import io.rollgate.connector.launchdarkly.FlagState;
import io.rollgate.connector.servicenow.model.ChangeRequest;
import io.rollgate.connector.servicenow.model.ChangeState;
import io.rollgate.processes.Lifecycle;
import io.rollgate.processes.Lifecycle.Variables;
import io.rollgate.sandbox.ci.Behaviour;
import io.rollgate.sandbox.launchdarkly.FlagSeed;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;

/**
 * The shipped release model (release, CAB approval, readiness, forms) deployed on the shared
 * embedded engine and run by the lifecycle's workers against the simulators, for tests that follow
 * a release end to end and look at the outside world. The service's own record jobs are completed
 * here, as the service would.
 */
public abstract class LifecycleOnEngine extends WorkersOnEngine {

  private static final AtomicInteger RELEASES = new AtomicInteger();
  private static final List<JobWorker> RECORDERS = new ArrayList<>();

  protected String releaseId;
  protected String service;
  protected String version;

  @BeforeEach
  void deployTheLifecycleAndRecordLikeTheService() {
    var deploy =
        client.newDeployResourceCommand().addResourceFromClasspath(Lifecycle.RESOURCES.get(0));
    for (String resource : Lifecycle.RESOURCES.subList(1, Lifecycle.RESOURCES.size())) {
      deploy = deploy.addResourceFromClasspath(resource);
    }
    deploy.send().join();
    synchronized (RECORDERS) {
      if (RECORDERS.isEmpty()) {
        for (String type : Lifecycle.Jobs.RECORDING) {
          RECORDERS.add(
              client
                  .newWorker()
                  .jobType(type)
                  .handler((jobs, job) -> jobs.newCompleteCommand(job).send().join())
                  .pollInterval(Duration.ofMillis(100))
                  .open());
        }
      }
    }
    int n = RELEASES.incrementAndGet();
    releaseId = "R-LIFE-" + n;
    service = "life-svc-" + n;
    version = "7.0." + n;
  }

  @AfterAll
  static void stopRecording() {
    synchronized (RECORDERS) {
      RECORDERS.forEach(JobWorker::close);
      RECORDERS.clear();
    }
  }

  /** A release of a service with green CI, a flag and a deploy; an open P2 makes it risky. */
  protected long startRiskyRelease(String changeType, boolean withP2) {
    return startRelease(changeType, withP2, Behaviour.succeedsAfter(Duration.ZERO), Map.of());
  }

  /**
   * Starts the release model for this test's release, service and version, requested by {@code
   * pat}, its window already open.
   *
   * @param deploy how the service's deploy workflow behaves
   * @param more variables that replace or add to the defaults
   */
  protected long startRelease(
      String changeType, boolean withP2, Behaviour deploy, Map<String, Object> more) {
    if (withP2) {
      WORLD.servicenow.addIncident(
          Map.of("priority", "2", "business_service", service, "short_description", "slow"));
    }
    String repo = service;
    String sha = String.format("%040x", RELEASES.get() * 7919L);
    WORLD.ci.github().workflow("acme", repo, "build.yml", Behaviour.succeedsAfter(Duration.ZERO));
    WORLD.ci.github().seedRun("acme", repo, "build.yml", sha, "main", "push");
    // The build has passed before the release is asked for (a running one is not green yet).
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                WORLD.connections.ciFor("acme/" + repo).pipelineStatus(null, sha).state()
                    == PipelineState.SUCCEEDED);
    WORLD.ci.github().workflow("acme", repo, "deploy.yml", deploy);
    WORLD.launchDarkly.seedFlag(FlagSeed.bool("rollgate", service + "-flag"));
    Map<String, Object> v = new HashMap<>();
    v.put(Variables.RELEASE_ID, releaseId);
    v.put(Variables.SERVICE, service);
    v.put(Variables.VERSION, version);
    v.put(Variables.COMMIT_SHA, sha);
    v.put(Variables.REPOSITORY, "acme/" + repo);
    v.put(Variables.DEPLOY_WORKFLOW, "deploy.yml");
    v.put(Variables.FLAG_KEY, service + "-flag");
    v.put(Variables.CHANGE_TYPE, changeType);
    v.put(Variables.WINDOW_START, Instant.now().minusSeconds(60).toString());
    v.put(Variables.WAVES, List.of(100));
    v.put(Variables.BAKE_TIME, "PT1S");
    v.put(Variables.APPROVAL_POLL_INTERVAL, "PT1S");
    v.put(Variables.REQUESTED_BY, "pat");
    v.put(Variables.RUNBOOK_URL, "https://wiki.example/runbooks/" + service);
    v.put(Variables.ROLLBACK_PLAN_URL, "https://wiki.example/rollback/" + service);
    v.put(Variables.TEST_REPORT_URL, "https://ci.example/reports/" + version);
    v.put(Variables.TEST_PASS_RATIO, 0.995);
    v.put(Variables.MIN_TEST_PASS_RATIO, 0.99);
    v.putAll(more);
    return start(Lifecycle.Processes.RELEASE, v);
  }

  /** The release's open go/no-go task, once it waits there. */
  protected UserTask openGoNoGo(long instance) {
    return awaitTask(instance, Lifecycle.UserTasks.GO_NO_GO);
  }

  /** The open user task {@code elementId} of the process instance, once there is one. */
  protected UserTask awaitTask(long instance, String elementId) {
    try {
      return await()
          .atMost(Duration.ofSeconds(90))
          .until(
              () ->
                  client
                      .newUserTaskSearchRequest()
                      .filter(
                          f ->
                              f.processInstanceKey(instance)
                                  .elementId(elementId)
                                  .state(UserTaskState.CREATED))
                      .send()
                      .join()
                      .items(),
              tasks -> tasks.size() == 1)
          .get(0);
    } catch (ConditionTimeoutException e) {
      throw new AssertionError("no open " + elementId + "; the release: " + describe(instance), e);
    }
  }

  /** Where the release is: its elements and their states, and its incidents. */
  protected String describe(long instance) {
    String elements =
        client
            .newElementInstanceSearchRequest()
            .filter(f -> f.processInstanceKey(instance))
            .send()
            .join()
            .items()
            .stream()
            .map(e -> e.getElementId() + "=" + e.getState())
            .toList()
            .toString();
    String incidents =
        client
            .newIncidentSearchRequest()
            .filter(f -> f.processInstanceKey(instance))
            .send()
            .join()
            .items()
            .stream()
            .map(i -> i.getElementId() + ": " + i.getErrorMessage())
            .toList()
            .toString();
    String variables =
        client
            .newVariableSearchRequest()
            .filter(f -> f.processInstanceKey(instance))
            .send()
            .join()
            .items()
            .stream()
            .filter(v -> !v.getName().equals(Variables.WAVES))
            .map(v -> v.getName() + "=" + v.getValue())
            .toList()
            .toString();
    return elements + " incidents " + incidents + " variables " + variables;
  }

  protected void complete(UserTask task, Map<String, Object> variables) {
    client.newCompleteUserTaskCommand(task.getUserTaskKey()).variables(variables).send().join();
  }

  /** Stops this test's release as the service does: the abort message, with who and why. */
  protected void abort(String by, String reason) {
    client
        .newPublishMessageCommand()
        .messageName(Lifecycle.Messages.RELEASE_ABORT)
        .correlationKey(releaseId)
        .timeToLive(Duration.ofMinutes(1))
        .variables(Map.of(Variables.ABORTED_BY, by, Variables.ABORT_REASON, reason))
        .send()
        .join();
  }

  /** This release's change once it is in {@code state}; a release that never gets it fails. */
  protected ChangeRequest awaitChange(long instance, ChangeState state) {
    try {
      await().atMost(Duration.ofSeconds(90)).until(() -> changeIs(c -> c.state() == state));
    } catch (ConditionTimeoutException e) {
      throw new AssertionError("change not " + state + "; the release: " + describe(instance), e);
    }
    return change();
  }

  /** Waits until this release's change asks the CAB for approval. */
  protected void awaitApprovalRequested() {
    await()
        .atMost(Duration.ofSeconds(90))
        .until(() -> changeIs(c -> "requested".equals(c.approval())));
  }

  private boolean changeIs(Predicate<ChangeRequest> condition) {
    return WORLD
        .connections
        .servicenow()
        .findChangeByCorrelationId(releaseId)
        .map(condition::test)
        .orElse(false);
  }

  /** The one instance of {@code processId} that {@code parent} called, once it runs. */
  protected long calledInstance(long parent, String processId) {
    return await()
        .atMost(Duration.ofSeconds(90))
        .until(
            () ->
                client
                    .newProcessInstanceSearchRequest()
                    .filter(f -> f.parentProcessInstanceKey(parent).processDefinitionId(processId))
                    .send()
                    .join()
                    .items(),
            items -> items.size() == 1)
        .get(0)
        .getProcessInstanceKey();
  }

  /** This release's flag in the environment the rollout serves. */
  protected FlagState flag() {
    return WORLD
        .connections
        .launchDarkly()
        .getFlag(FlagRef.of("rollgate", service + "-flag", rolloutEnvironment()));
  }

  /** The flag's version in the rollout environment: 1 plus every change made to it. */
  protected int flagVersion() {
    return WORLD.launchDarkly.flagVersion("rollgate", service + "-flag", rolloutEnvironment());
  }

  private static String rolloutEnvironment() {
    return WORLD.environments.get(0).key();
  }

  protected ChangeRequest change() {
    return WORLD.connections.servicenow().findChangeByCorrelationId(releaseId).orElseThrow();
  }

  protected boolean deployed() {
    return WORLD.ci.github().dispatches().stream()
        .anyMatch(d -> version.equals(d.inputs().get("version")));
  }

  /** Waits until the release has passed {@code elementId}; a release that never does fails. */
  protected void awaitVisited(long instance, String elementId) {
    try {
      await().atMost(Duration.ofSeconds(60)).until(() -> visited(instance, elementId));
    } catch (ConditionTimeoutException e) {
      throw new AssertionError("never at " + elementId + "; the release: " + describe(instance), e);
    }
  }

  protected boolean visited(long instance, String elementId) {
    return !client
        .newElementInstanceSearchRequest()
        .filter(f -> f.processInstanceKey(instance).elementId(elementId))
        .send()
        .join()
        .items()
        .isEmpty();
  }
}
