package io.rollgate.connector.ci;

import java.util.List;
import java.util.function.Function;

/** Several runs of one commit to one verdict: the worst state wins. */
final class Combine {

  private static final List<PipelineState> WORST_FIRST =
      List.of(
          PipelineState.FAILED,
          PipelineState.CANCELLED,
          PipelineState.RUNNING,
          PipelineState.PENDING,
          PipelineState.SUCCEEDED);

  private Combine() {}

  static <R> PipelineStatus worst(
      List<R> runs,
      Function<R, PipelineState> state,
      Function<R, String> id,
      Function<R, String> url) {
    for (PipelineState candidate : WORST_FIRST) {
      for (R run : runs) {
        if (state.apply(run) == candidate) {
          return new PipelineStatus(candidate, id.apply(run), url.apply(run));
        }
      }
    }
    return PipelineStatus.noRunYet();
  }
}
