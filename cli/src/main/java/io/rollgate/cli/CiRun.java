package io.rollgate.cli;

import java.util.Map;

/**
 * The CI run the CLI runs in, from the variables GitHub Actions, GitLab CI and Jenkins set.
 *
 * @param provider {@code github}, {@code gitlab}, {@code jenkins}, or null outside CI
 * @param repository {@code owner/name} (GitLab: {@code group/sub/project}); null when unknown
 * @param url the run's page
 * @param runId identifies the run and its attempt; null outside CI
 */
record CiRun(String provider, String repository, String url, String runId) {

  static CiRun of(Map<String, String> env) {
    if ("true".equals(env.get("GITHUB_ACTIONS"))) {
      String server = env.getOrDefault("GITHUB_SERVER_URL", "https://github.com");
      String repository = env.get("GITHUB_REPOSITORY");
      String run = env.get("GITHUB_RUN_ID");
      return new CiRun(
          "github",
          repository,
          repository == null || run == null
              ? null
              : server + "/" + repository + "/actions/runs/" + run,
          run == null ? null : "github:" + run + ":" + env.getOrDefault("GITHUB_RUN_ATTEMPT", "1"));
    }
    if ("true".equals(env.get("GITLAB_CI"))) {
      String pipeline = env.get("CI_PIPELINE_ID");
      return new CiRun(
          "gitlab",
          env.get("CI_PROJECT_PATH"),
          env.get("CI_PIPELINE_URL"),
          pipeline == null ? null : "gitlab:" + pipeline + ":" + env.getOrDefault("CI_JOB_ID", ""));
    }
    if (env.get("JENKINS_URL") != null) {
      String tag = env.get("BUILD_TAG");
      return new CiRun(
          "jenkins", null, env.get("BUILD_URL"), tag == null ? null : "jenkins:" + tag);
    }
    return new CiRun(null, null, null, null);
  }
}
