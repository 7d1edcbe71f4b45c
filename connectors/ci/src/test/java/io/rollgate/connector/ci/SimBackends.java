package io.rollgate.connector.ci;

import io.rollgate.connector.Secret;
import io.rollgate.connector.TestResilience;
import io.rollgate.connector.ci.github.GitHubClient;
import io.rollgate.connector.ci.gitlab.GitLabClient;
import io.rollgate.connector.ci.jenkins.JenkinsAuth;
import io.rollgate.connector.ci.jenkins.JenkinsClient;
import io.rollgate.sandbox.ci.Behaviour;
import io.rollgate.sandbox.ci.CiSimulator;
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
      return sim.github().dispatches().get(sim.github().dispatches().size() - 1).inputs();
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
}
