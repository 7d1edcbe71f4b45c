package io.rollgate.engine.internal.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class TopKTest {
  private static List<Integer> best(List<Integer> input, int k, Comparator<Integer> order) {
    TopK<Integer> selection = new TopK<>(order, k);
    input.forEach(selection::offer);
    return selection.best();
  }

  private static List<Integer> expected(List<Integer> input, int k, Comparator<Integer> order) {
    List<Integer> sorted = new ArrayList<>(input);
    sorted.sort(order);
    return sorted.subList(0, Math.min(k, sorted.size()));
  }

  @Test
  void keepsTheSmallestKInOrderForAnyInputOrder() {
    // given
    Random random = new Random(7);
    List<Integer> ascending = IntStream.range(0, 5_000).boxed().toList();
    List<Integer> descending = new ArrayList<>(ascending);
    Collections.reverse(descending);
    List<Integer> shuffled = new ArrayList<>(ascending);
    Collections.shuffle(shuffled, random);
    List<Integer> duplicates =
        IntStream.range(0, 5_000).map(i -> random.nextInt(50)).boxed().toList();

    List<Integer> sawtooth = IntStream.range(0, 5_000).map(i -> i % 300).boxed().toList();
    List<Integer> descendingBlocks =
        IntStream.range(0, 5_000).map(i -> -(i / 150) * 150 + i % 150).boxed().toList();
    List<Integer> descendingWithTies = IntStream.range(0, 5_000).map(i -> -i / 3).boxed().toList();
    List<Integer> organPipe =
        IntStream.range(0, 5_000).map(i -> Math.abs(2_500 - i)).boxed().toList();

    for (List<Integer> input :
        List.of(
            ascending,
            descending,
            shuffled,
            duplicates,
            sawtooth,
            descendingBlocks,
            descendingWithTies,
            organPipe)) {
      for (int k : new int[] {1, 2, 3, 10, 100, 999, 4_999, 5_000, 20_000}) {
        // when
        List<Integer> best = best(input, k, Comparator.naturalOrder());

        // then
        assertThat(best).as("k=%d", k).isEqualTo(expected(input, k, Comparator.naturalOrder()));
      }
    }
  }

  @Test
  void improvingRunThatOnlyPartlyBeatsTheKeptItemsIsNotTakenWhole() {
    // given: 200 improving items fill and sort the buffer, then a run starting 50 items back
    // refills it, so the last item trims with only half of the run better than what was kept
    List<Integer> input =
        IntStream.range(0, 300).map(i -> i < 200 ? -i : -(i - 50)).boxed().toList();

    // when
    List<Integer> best = best(input, 100, Comparator.naturalOrder());

    // then
    assertThat(best).isEqualTo(expected(input, 100, Comparator.naturalOrder()));
  }

  @Test
  void worksWithAReversedOrder() {
    // given
    List<Integer> input = new ArrayList<>(IntStream.range(0, 1_000).boxed().toList());
    Collections.shuffle(input, new Random(3));

    // when
    List<Integer> best = best(input, 5, Comparator.reverseOrder());

    // then
    assertThat(best).containsExactly(999, 998, 997, 996, 995);
  }

  @Test
  void nothingOfferedGivesNothing() {
    // given
    TopK<Integer> selection = new TopK<>(Comparator.naturalOrder(), 10);

    // when / then
    assertThat(selection.best()).isEmpty();
  }

  @Test
  void hugeKDoesNotPreallocate() {
    // given
    TopK<Integer> selection = new TopK<>(Comparator.naturalOrder(), Integer.MAX_VALUE);

    // when
    selection.offer(2);
    selection.offer(1);

    // then
    assertThat(selection.best()).containsExactly(1, 2);
  }

  @Test
  void nonPositiveKIsAProgrammingError() {
    // given / when / then
    assertThatThrownBy(() -> new TopK<Integer>(Comparator.naturalOrder(), 0))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
