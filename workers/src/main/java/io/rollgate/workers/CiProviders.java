package io.rollgate.workers;

import io.rollgate.connector.ci.CiProvider;
import io.rollgate.connector.ci.GitHubActionsProvider;
import io.rollgate.connector.ci.GitLabProvider;
import io.rollgate.connector.ci.JenkinsProvider;
import io.rollgate.connector.ci.github.GitHubClient;
import io.rollgate.connector.ci.gitlab.GitLabClient;
import io.rollgate.connector.ci.jenkins.JenkinsClient;
import java.util.Objects;

/**
 * The CI systems: how the CI workers get a {@link CiProvider} for the {@code repository} variable
 * ({@code owner/name}, on GitHub), or for a cutover step's CI job on GitHub, GitLab or Jenkins.
 * Must be thread-safe.
 */
@FunctionalInterface
public interface CiProviders {

  /**
   * @param repository {@code owner/name}, as the {@code repository} variable holds it
   * @throws IllegalArgumentException when the repository is not {@code owner/name}
   */
  CiProvider forRepository(String repository);

  /**
   * The CI system a cutover step names.
   *
   * @param system {@code github} (also when {@code null}), {@code gitlab} or {@code jenkins}
   * @param repository GitHub: {@code owner/name}; GitLab: the project ({@code group/project} or its
   *     id); Jenkins: not used
   * @throws IllegalArgumentException for another system, one not configured, or a bad repository
   */
  default CiProvider forJob(String system, String repository) {
    if (system == null || GITHUB.equals(system)) {
      return forRepository(repository);
    }
    throw new IllegalArgumentException("no " + system + " CI is configured");
  }

  String GITHUB = "github";
  String GITLAB = "gitlab";
  String JENKINS = "jenkins";

  /**
   * GitHub Actions for every repository, and GitLab and Jenkins for the cutover steps that name
   * them, each through one shared client.
   *
   * @param gitlab {@code null} when no GitLab is configured
   * @param jenkins {@code null} when no Jenkins is configured
   */
  static CiProviders of(GitHubClient github, GitLabClient gitlab, JenkinsClient jenkins) {
    CiProviders gitHub = gitHub(github);
    return new CiProviders() {
      @Override
      public CiProvider forRepository(String repository) {
        return gitHub.forRepository(repository);
      }

      @Override
      public CiProvider forJob(String system, String repository) {
        if (GITLAB.equals(system)) {
          if (gitlab == null) {
            throw new IllegalArgumentException("GitLab is not configured");
          }
          if (repository == null || repository.isBlank()) {
            throw new IllegalArgumentException("a GitLab job names its project (repository)");
          }
          return new GitLabProvider(gitlab, repository);
        }
        if (JENKINS.equals(system)) {
          if (jenkins == null) {
            throw new IllegalArgumentException("Jenkins is not configured");
          }
          return new JenkinsProvider(jenkins);
        }
        return CiProviders.super.forJob(system, repository);
      }
    };
  }

  /** GitHub Actions for every repository, through one shared client. */
  static CiProviders gitHub(GitHubClient client) {
    Objects.requireNonNull(client, "client");
    return repository -> {
      String[] parts = ownerAndName(repository);
      return new GitHubActionsProvider(client, parts[0], parts[1]);
    };
  }

  /**
   * Splits {@code owner/name}.
   *
   * @throws IllegalArgumentException for anything else
   */
  static String[] ownerAndName(String repository) {
    String[] parts = repository == null ? new String[0] : repository.split("/", -1);
    if (parts.length != 2 || parts[0].isBlank() || parts[1].isBlank()) {
      throw new IllegalArgumentException(
          "a repository is owner/name, for example acme/shop, not '" + repository + "'");
    }
    return parts;
  }
}
