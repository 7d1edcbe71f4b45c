package io.rollgate.engine.internal.query;

import java.util.List;

/**
 * One page of a search: the items in the requested order and what the response's {@code page}
 * object reports.
 *
 * @param items the page, at most {@code limit} items, in the requested order (also for {@code
 *     before}); unmodifiable
 * @param totalItems how many candidates match the filter, regardless of paging
 * @param startCursor the cursor of the first item, for a {@code before} request; null when {@code
 *     items} is empty
 * @param endCursor the cursor of the last item, for an {@code after} request; null when {@code
 *     items} is empty
 * @param <T> the entity type
 */
public record SearchResult<T>(
    List<T> items, long totalItems, String startCursor, String endCursor) {
  /** Copies {@code items} so the result cannot change under its reader. */
  public SearchResult {
    items = List.copyOf(items);
  }
}
