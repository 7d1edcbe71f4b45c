package io.rollgate.connector.ci.jenkins;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * A Jenkins build.
 *
 * @param result {@code SUCCESS}, {@code UNSTABLE}, {@code FAILURE}, {@code NOT_BUILT} or {@code
 *     ABORTED}; {@code null} while {@code building}
 * @param startedAt when it started ({@code timestamp})
 * @param duration how long it ran; zero while building
 * @param revision the commit it built (git plugin's {@code lastBuiltRevision.SHA1}), {@code null}
 *     when the job does not use git
 * @param parameters the build's parameters by name, empty when it took none
 */
public record Build(
    String job,
    int number,
    String url,
    boolean building,
    String result,
    Instant startedAt,
    Duration duration,
    String revision,
    Map<String, String> parameters) {

  public Build {
    parameters = parameters == null ? Map.of() : Map.copyOf(parameters);
  }

  public Optional<String> commit() {
    return Optional.ofNullable(revision);
  }
}
