package io.rollgate.cli;

import picocli.CommandLine.Option;

/** {@code --output}, the same on every command that prints what the gate API answered. */
final class OutputOption {

  @Option(
      names = "--output",
      defaultValue = "human",
      description = "human or json (default: ${DEFAULT-VALUE})")
  Output output;

  /** Whether the answer is printed as JSON rather than as lines for people. */
  boolean json() {
    return output == Output.json;
  }
}
