package io.rollgate.connector.ci;

import static org.assertj.core.api.Assertions.assertThat;

import io.rollgate.connector.Secret;
import io.rollgate.connector.TestResilience;
import io.rollgate.connector.ci.github.GitHubClient;
import io.rollgate.connector.ci.gitlab.GitLabClient;
import io.rollgate.connector.ci.jenkins.JenkinsAuth;
import io.rollgate.connector.ci.jenkins.JenkinsClient;
import io.rollgate.sandbox.RequestLog;
import io.rollgate.sandbox.ci.Behaviour;
import io.rollgate.sandbox.ci.CiSimulator;
import io.rollgate.sandbox.ci.GitHubSim;
import java.util.List;
import java.util.Map;

/** The three providers pointed at one simulator, with the same pipeline set up in each. */
enum SimBackends {
  GITHUB {
    @Override
    CiProvider provider(CiSimulator sim) {
      return new GitHubActionsProvider(github(sim), OWNER, REPO);
    }

    @Override
    void pipelineBehaves(CiSimulator sim, Behaviour behaviour) {
      sim.github().workflow(OWNER, REPO, "deploy.yml", behaviour);
    }

    @Override
    String pipeline() {
      return "deploy.yml";
    }

    @Override
    void seedRun(CiSimulator sim, String sha) {
      sim.github().seedRun(OWNER, REPO, "deploy.yml", sha, "main", "push");
    }

    @Override
    Map<String, String> parametersReceived(CiSimulator sim) {
      return lastDispatch(sim).inputs();
    }

    /** GitHub named the run in its 200 dispatch answer, and no run list was read after it. */
    @Override
    void assertFollowedTheTriggeredRun(CiSimulator sim, CiRun run) {
      GitHubSim.Dispatch dispatch = lastDispatch(sim);
      assertThat(dispatch.runDetails()).as("the dispatch answer named the run").isTrue();
      assertThat(run.id()).isEqualTo(String.valueOf(dispatch.runId()));
      List<RequestLog.Entry> log = sim.github().server().requests().entries();
      String dispatches =
          "/repos/" + OWNER + "/" + REPO + "/actions/workflows/" + pipeline() + "/dispatches";
      int at = -1;
      for (int i = 0; i < log.size(); i++) {
        if (log.get(i).method().equals("POST") && log.get(i).path().equals(dispatches)) {
          at = i;
        }
      }
      assertThat(at).as("the dispatch reached the simulator").isNotNegative();
      assertThat(log.get(at).status()).isEqualTo(200);
      assertThat(log.subList(at + 1, log.size()))
          .as("after the dispatch only the named run is read")
          .isNotEmpty()
          .allSatisfy(
              e ->
                  assertThat(e.method() + " " + e.path())
                      .isEqualTo(
                          "GET /repos/"
                              + OWNER
                              + "/"
                              + REPO
                              + "/actions/runs/"
                              + dispatch.runId()));
    }

    private GitHubSim.Dispatch lastDispatch(CiSimulator sim) {
      List<GitHubSim.Dispatch> all = sim.github().dispatches();
      return all.get(all.size() - 1);
    }
  },
  GITLAB {
    @Override
    CiProvider provider(CiSimulator sim) {
      return new GitLabProvider(
          GitLabClient.builder(sim.gitlab().baseUri().toString(), Secret.of("glpat-sim"))
              .resilience(TestResilience.fast("gitlab", 3))
              .build(),
          PROJECT);
    }

    @Override
    void pipelineBehaves(CiSimulator sim, Behaviour behaviour) {
      sim.gitlab().project(PROJECT, 42, behaviour);
    }

    @Override
    String pipeline() {
      return null;
    }

    @Override
    void seedRun(CiSimulator sim, String sha) {
      sim.gitlab().seedPipeline(PROJECT, sha, "main", "push");
    }

    @Override
    Map<String, String> parametersReceived(CiSimulator sim) {
      var all = sim.gitlab().triggeredPipelines();
      return all.get(all.size() - 1).variables();
    }
  },
  JENKINS {
    @Override
    CiProvider provider(CiSimulator sim) {
      return new JenkinsProvider(
          jenkins(
              sim,
              JenkinsAuth.apiToken(sim.jenkins().user(), Secret.of(sim.jenkins().apiToken()))));
    }

    @Override
    void pipelineBehaves(CiSimulator sim, Behaviour behaviour) {
      sim.jenkins().job(JOB, HEAD, behaviour);
    }

    @Override
    String pipeline() {
      return JOB;
    }

    @Override
    void seedRun(CiSimulator sim, String sha) {
      sim.jenkins().seedBuild(JOB, sha);
    }

    @Override
    Map<String, String> parametersReceived(CiSimulator sim) {
      var all = sim.jenkins().queuedBuilds();
      return all.get(all.size() - 1).parameters();
    }
  };

  static final String OWNER = "acme";
  static final String REPO = "shop";
  static final String PROJECT = "acme/shop";
  static final String JOB = "deploy-shop";
  static final String HEAD = "5f3c2a1b0e9d8c7b6a5f4e3d2c1b0a9f8e7d6c5b";

  static GitHubClient github(CiSimulator sim) {
    return GitHubClient.builder(sim.github().baseUri().toString(), Secret.of("ghs_sim"))
        .resilience(TestResilience.fast("github", 3))
        .build();
  }

  static JenkinsClient jenkins(CiSimulator sim, JenkinsAuth auth) {
    return JenkinsClient.builder(sim.jenkins().baseUri().toString(), auth)
        .resilience(TestResilience.fast("jenkins", 3))
        .build();
  }

  abstract CiProvider provider(CiSimulator sim);

  /** Every run the pipeline starts from now on ends as {@code behaviour} says. */
  abstract void pipelineBehaves(CiSimulator sim, Behaviour behaviour);

  /** What to pass as {@link TriggerRequest#pipeline()} and to {@code pipelineStatus}. */
  abstract String pipeline();

  /** A run of the pipeline for commit {@code sha}, started now. */
  abstract void seedRun(CiSimulator sim, String sha);

  /** The parameters the last trigger delivered to the simulator. */
  abstract Map<String, String> parametersReceived(CiSimulator sim);

  /** How the provider knew which run the last trigger started; nothing to check by default. */
  void assertFollowedTheTriggeredRun(CiSimulator sim, CiRun run) {}
}
