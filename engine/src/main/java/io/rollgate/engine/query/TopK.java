package io.rollgate.engine.query;

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
    int left = 0;
    int right = size - 1;
    int target = k - 1;
    while (left < right) {
      int pivot = partition(left, right, medianOfThree(left, (left + right) >>> 1, right));
      if (pivot == target) {
        break;
      } else if (pivot > target) {
        right = pivot - 1;
      } else {
        left = pivot + 1;
      }
    }
    Arrays.fill(buffer, k, size, null);
    size = k;
    T worst = item(0);
    for (int i = 1; i < k; i++) {
      if (order.compare(item(i), worst) > 0) {
        worst = item(i);
      }
    }
    threshold = worst;
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
