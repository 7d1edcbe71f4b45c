package io.rollgate.workers;

import io.rollgate.connector.Secret;
import io.rollgate.connector.ci.github.GitHubClient;
import io.rollgate.connector.ci.gitlab.GitLabClient;
import io.rollgate.connector.ci.jenkins.JenkinsAuth;
import io.rollgate.connector.ci.jenkins.JenkinsClient;
import io.rollgate.sandbox.ci.CiSimulator;

/** The workers' CI systems on the CI simulator: GitHub, GitLab and Jenkins. */
public final class SimulatedCi {

  private SimulatedCi() {}

  public static CiProviders providers(CiSimulator ci) {
    return CiProviders.of(
        GitHubClient.builder(ci.github().baseUri().toString(), Secret.of("token")).build(),
        GitLabClient.builder(ci.gitlab().baseUri().toString(), Secret.of("glpat-sim")).build(),
        JenkinsClient.builder(
                ci.jenkins().baseUri().toString(),
                JenkinsAuth.apiToken(ci.jenkins().user(), Secret.of(ci.jenkins().apiToken())))
            .build());
  }
}
