package io.rollgate.engine.internal.query;

import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;

/**
 * Keeps the k smallest of a stream of items in O(n + k log k) time and O(k) space, so a page of 100
 * out of 100,000 matches costs one comparison for most items instead of a full sort.
 *
 * <p>Items are appended to a buffer of 2k; when it fills, a quickselect keeps the best k and the
 * worst of those becomes the threshold every later item must beat to be appended at all.
 */
final class TopK<T> {
  private static final int MAX_BUFFER = Integer.MAX_VALUE - 8;
  private static final int INITIAL_BUFFER = 64;

  private final Comparator<? super T> order;
  private final int k;
  private final int trimAt;
  private Object[] buffer;
  private int size;

  /** The worst item kept so far; anything not better cannot be among the k best once size >= k. */
  private T threshold;

  /** Whether buffer[0, k) is sorted best first, as it is after a trim of sorted input. */
  private boolean prefixSorted;

  TopK(Comparator<? super T> order, int k) {
    if (k < 1) {
      throw new IllegalArgumentException("k must be positive: " + k);
    }
    this.order = order;
    this.k = k;
    this.trimAt = (int) Math.min(2L * k, MAX_BUFFER);
    this.buffer = new Object[Math.min(trimAt, INITIAL_BUFFER)];
  }

  void offer(T item) {
    if (size < k) {
      append(item);
      if (threshold == null || order.compare(item, threshold) > 0) {
        threshold = item;
      }
      return;
    }
    if (order.compare(item, threshold) >= 0) {
      return;
    }
    append(item);
    if (size == trimAt) {
      trim();
    }
  }

  /**
   * The item an offer must beat to be kept, or null while fewer than k were offered. Lets a caller
   * test candidates against it in a cheaper way than the comparator.
   */
  T threshold() {
    return size < k ? null : threshold;
  }

  /** The k best items offered (fewer if fewer were offered), best first. */
  @SuppressWarnings("unchecked")
  List<T> best() {
    Arrays.sort((T[]) buffer, 0, size, order);
    int count = Math.min(size, k);
    return count == 0 ? Collections.emptyList() : (List<T>) Arrays.asList(buffer).subList(0, count);
  }

  private void append(T item) {
    if (size == buffer.length) {
      buffer = Arrays.copyOf(buffer, (int) Math.min(Math.max(2L * size, 1), trimAt));
    }
    buffer[size++] = item;
  }

  /** Moves the k best items to the front, drops the rest and recomputes the threshold. */
  private void trim() {
    if (prefixSorted && newItemsOutrankPrefix()) {
      mergeImprovingRun();
    } else if (isRun()) {
      prefixSorted = true;
    } else {
      select(k - 1);
      prefixSorted = false;
    }
    Arrays.fill(buffer, k, size, null);
    size = k;
    // Every path leaves the k-th best at k - 1, with only better or equal items before it.
    threshold = item(k - 1);
  }

  /**
   * Whether the items appended since the last trim arrived each at least as good as the one before,
   * the first of them no worse than the best kept item. That is the shape of candidates that come
   * in key (hence creation) order for a page sorted newest first, where every item beats the
   * threshold; it is then handled in linear time instead of by a quickselect.
   */
  private boolean newItemsOutrankPrefix() {
    if (order.compare(item(k), item(0)) > 0) {
      return false;
    }
    for (int i = k + 1; i < size; i++) {
      if (order.compare(item(i), item(i - 1)) > 0) {
        return false;
      }
    }
    return true;
  }

  /** The new items, best first, then the best of the old ones: the k best, in order. */
  private void mergeImprovingRun() {
    int fresh = Math.min(size - k, k);
    System.arraycopy(buffer, 0, buffer, fresh, k - fresh);
    for (int i = 0; i < fresh; i++) {
      buffer[i] = buffer[size - 1 - i];
    }
  }

  /**
   * Whether the whole buffer is one run, sorted either way; a reversed run is turned best first.
   * Random input leaves after a few comparisons.
   */
  private boolean isRun() {
    boolean ascending = true;
    boolean descending = true;
    for (int i = 1; i < size && (ascending || descending); i++) {
      int comparison = order.compare(item(i - 1), item(i));
      ascending &= comparison <= 0;
      descending &= comparison >= 0;
    }
    if (descending && !ascending) {
      for (int i = 0, j = size - 1; i < j; i++, j--) {
        swap(i, j);
      }
    }
    return ascending || descending;
  }

  /** Quickselect: puts the item of rank {@code target} there, better ones before, worse after. */
  private void select(int target) {
    int left = 0;
    int right = size - 1;
    while (left < right) {
      int pivot = partition(left, right, medianOfThree(left, (left + right) >>> 1, right));
      if (pivot == target) {
        return;
      } else if (pivot > target) {
        right = pivot - 1;
      } else {
        left = pivot + 1;
      }
    }
  }

  private int partition(int left, int right, int pivotIndex) {
    T pivot = item(pivotIndex);
    swap(pivotIndex, right);
    int store = left;
    for (int i = left; i < right; i++) {
      if (order.compare(item(i), pivot) < 0) {
        swap(store++, i);
      }
    }
    swap(store, right);
    return store;
  }

  private int medianOfThree(int a, int b, int c) {
    boolean ab = order.compare(item(a), item(b)) < 0;
    boolean bc = order.compare(item(b), item(c)) < 0;
    boolean ac = order.compare(item(a), item(c)) < 0;
    if (ab == bc) {
      return b;
    }
    return ab == ac ? c : a;
  }

  @SuppressWarnings("unchecked")
  private T item(int index) {
    return (T) buffer[index];
  }

  private void swap(int i, int j) {
    Object tmp = buffer[i];
    buffer[i] = buffer[j];
    buffer[j] = tmp;
  }
}
