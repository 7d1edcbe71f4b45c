package io.rollgate.engine.internal.processor;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The answers of one batch: held until the batch is durable, then sent all at once, so that no
 * answer shows state a crash could take back. Processor thread only.
 */
final class Answers {
  private static final Logger LOG = LoggerFactory.getLogger(Answers.class);

  /** What work returns when it holds its request and answers it later. */
  static final Object LATER = new Object();

  private final List<Runnable> pending = new ArrayList<>();

  void complete(CompletableFuture<Object> request, Object value) {
    pending.add(() -> request.complete(value));
  }

  void fail(CompletableFuture<Object> request, Throwable failure) {
    pending.add(() -> request.completeExceptionally(failure));
  }

  /**
   * Answers with what {@code work} returns ({@link #LATER}: nothing yet, it holds the request and
   * answers it itself), or with how it failed; a fatal failure is thrown to stop the processor.
   */
  void serve(CompletableFuture<Object> request, Supplier<Object> work) {
    try {
      Object value = work.get();
      if (value != LATER) {
        complete(request, value);
      }
    } catch (RuntimeException | Error e) {
      fail(request, failedRequest(e));
    }
  }

  /** What a request gets when serving it threw: fatal errors stop the processor instead. */
  private static Throwable failedRequest(Throwable e) {
    if (ProcessorFailure.isFatal(e)) {
      throw e instanceof Error error ? error : new ProcessorFailure(e.getMessage(), e);
    }
    if (e instanceof RuntimeException) {
      return e;
    }
    LOG.error("a request failed", e);
    return new EngineException(
        EngineException.Kind.INTERNAL_ERROR, "The engine failed to serve the request: " + e);
  }

  /** The batch is durable: sends its answers. */
  void sendAll() {
    pending.forEach(Runnable::run);
  }

  /** The batch is done (answered, or failed with the processor). */
  void clear() {
    pending.clear();
  }
}
