package io.rollgate.engine.internal.processor;

/**
 * The processor cannot go on: the journal could not be written, or an error the JVM cannot recover
 * from. Nothing catches it below the processor loop.
 */
final class ProcessorFailure extends Error {
  ProcessorFailure(String message, Throwable cause) {
    super(message, cause);
  }

  /**
   * Errors after which the JVM's state is in doubt; any other failure of a command (a stack
   * overflow included) fails that command only.
   */
  static boolean isFatal(Throwable e) {
    return e instanceof ProcessorFailure
        || (e instanceof VirtualMachineError && !(e instanceof StackOverflowError));
  }
}
