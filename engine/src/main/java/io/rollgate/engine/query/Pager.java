package io.rollgate.engine.query;

import java.util.ArrayList;
import java.util.Collections;
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
    boolean backwards = page.before() != null;
    // Backwards, the page is the items closest before the cursor: the best of the reversed order.
    TopK<T> selection =
        new TopK<>(
            backwards ? Collections.reverseOrder(ordering) : ordering,
            cursor == null
                ? (int) Math.min((long) page.from() + page.limit(), Integer.MAX_VALUE)
                : page.limit());
    long total = 0;
    for (T candidate : candidates) {
      if (!filter.test(candidate)) {
        continue;
      }
      total++;
      if (cursor != null) {
        int side = ordering.compareToPosition(candidate, cursor);
        if (backwards ? side > 0 : side < 0) {
          continue;
        }
      }
      selection.offer(candidate);
    }
    List<T> items = new ArrayList<>(selection.best());
    if (backwards) {
      Collections.reverse(items);
    } else if (cursor == null) {
      items = new ArrayList<>(items.subList(Math.min(page.from(), items.size()), items.size()));
    }
    if (items.isEmpty()) {
      return new SearchResult<>(items, total, null, null);
    }
    return new SearchResult<>(
        items,
        total,
        CursorCodec.encode(ordering, items.get(0)),
        CursorCodec.encode(ordering, items.get(items.size() - 1)));
  }
}
