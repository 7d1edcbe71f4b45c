package io.rollgate.engine.internal.query;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;

/**
 * Runs a parsed search over candidates in one pass: counts every match, and keeps only the items
 * the requested page can contain, selected with {@link TopK} rather than by sorting all matches.
 */
final class Pager<T> {
  private final Predicate<T> filter;
  private final Ordering<T> ordering;
  private final PageRequest page;

  /** The position the cursor denotes, or null for offset paging. */
  private final Object[] cursor;

  Pager(Predicate<T> filter, Ordering<T> ordering, PageRequest page, Object[] cursor) {
    this.filter = filter;
    this.ordering = ordering;
    this.page = page;
    this.cursor = cursor;
  }

  SearchResult<T> run(Iterable<? extends T> candidates) {
    // Backwards, the page is the items closest before the cursor: the best of the reversed order.
    boolean backwards = page.before() != null;
    int direction = backwards ? -1 : 1;
    Comparator<T> selectionOrder = backwards ? Collections.reverseOrder(ordering) : ordering;
    int keep =
        cursor == null
            ? (int) Math.min((long) page.from() + page.limit(), Integer.MAX_VALUE)
            : page.limit();
    TopK<T> selection = new TopK<>(selectionOrder, keep);
    long total = 0;
    T threshold = null;
    Object[] thresholdPosition = null;
    for (T candidate : candidates) {
      if (!filter.test(candidate)) {
        continue;
      }
      total++;
      if (cursor != null && direction * ordering.compareToPosition(candidate, cursor) <= 0) {
        continue;
      }
      // Most candidates lose against the selection's threshold; reading its sort values once per
      // threshold rather than once per comparison halves the getter calls of that test.
      T current = selection.threshold();
      if (current != null) {
        if (current != threshold) {
          threshold = current;
          thresholdPosition = ordering.positionOf(current);
        }
        if (direction * ordering.compareToPosition(candidate, thresholdPosition) >= 0) {
          continue;
        }
      }
      selection.offer(candidate);
    }
    List<T> kept = new ArrayList<>(selection.best());
    if (backwards) {
      Collections.reverse(kept);
    } else if (cursor == null) {
      kept = kept.subList(Math.min(page.from(), kept.size()), kept.size());
    }
    if (kept.isEmpty()) {
      return new SearchResult<>(List.of(), total, null, null);
    }
    return new SearchResult<>(
        kept,
        total,
        CursorCodec.encode(ordering, ordering.positionOf(kept.get(0))),
        CursorCodec.encode(ordering, ordering.positionOf(kept.get(kept.size() - 1))));
  }
}
