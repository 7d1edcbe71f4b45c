package io.rollgate.engine.internal.processor;

import io.rollgate.engine.internal.state.EngineState;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/** A request waiting in the processor's queue, with the future its answer completes. */
sealed interface ProcessorTask {
  CompletableFuture<Object> result();

  /** A command to apply and journal. */
  record Apply(Command command, CompletableFuture<Object> result) implements ProcessorTask {}

  /** A read of the state, in order with the commands. */
  record Read(Function<EngineState, Object> read, CompletableFuture<Object> result)
      implements ProcessorTask {}

  /** A job activation that may wait for jobs; dropped once {@code gone} completes. */
  record Poll(
      Command.ActivateJobs command,
      long waitMillis,
      CompletableFuture<Void> gone,
      CompletableFuture<Object> result)
      implements ProcessorTask {}

  /** An instance creation answered once the instance completed. */
  record Await(
      Command.CreateInstance command,
      List<String> fetchVariables,
      long waitMillis,
      CompletableFuture<Object> result)
      implements ProcessorTask {}
}
