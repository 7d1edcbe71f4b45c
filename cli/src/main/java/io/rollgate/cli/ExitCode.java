package io.rollgate.cli;

/** The exit codes pipelines branch on; documented in {@code rollgate --help}. */
final class ExitCode {

  /** The release was released, or the gate said GO. */
  static final int GO = 0;

  /** NO-GO, rejected, rolled back, aborted, or evidence that does not verify. */
  static final int NO_GO = 1;

  /** An error: network, authentication, bad input; one line on stderr says which. */
  static final int ERROR = 2;

  /** Still undecided when {@code --timeout} ran out. */
  static final int TIMED_OUT = 3;

  private ExitCode() {}
}
