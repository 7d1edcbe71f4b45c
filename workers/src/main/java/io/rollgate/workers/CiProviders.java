package io.rollgate.workers;

import io.rollgate.connector.ci.CiProvider;
import io.rollgate.connector.ci.GitHubActionsProvider;
import io.rollgate.connector.ci.github.GitHubClient;
import java.util.Objects;

/**
 * The CI system of a repository: how the CI workers get a {@link CiProvider} for the {@code
 * repository} variable ({@code owner/name}). Must be thread-safe.
 */
@FunctionalInterface
public interface CiProviders {

  /**
   * @param repository {@code owner/name}, as the {@code repository} variable holds it
   * @throws IllegalArgumentException when the repository is not {@code owner/name}
   */
  CiProvider forRepository(String repository);

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
