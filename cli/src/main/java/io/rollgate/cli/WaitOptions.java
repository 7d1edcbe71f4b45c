package io.rollgate.cli;

import java.time.Duration;
import picocli.CommandLine.Option;

/** {@code --wait} and {@code --timeout} of the release commands that can follow a release. */
final class WaitOptions {

  @Option(names = "--wait", description = "follow the release until it ends")
  boolean wait;

  @Option(
      names = "--timeout",
      defaultValue = "2h",
      converter = Durations.class,
      description = "with --wait, the longest wait (default: ${DEFAULT-VALUE}); exit 3 after")
  Duration timeout;
}
