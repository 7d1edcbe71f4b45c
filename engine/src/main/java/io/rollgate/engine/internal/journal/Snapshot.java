package io.rollgate.engine.internal.journal;

import java.util.Arrays;
import java.util.Objects;

/**
 * A saved engine state and the journal position it includes: start-up restores {@code data} and
 * then replays the journal after {@code position}.
 *
 * <p>Equality and hash code compare the bytes of {@code data}. The array is not copied; treat it as
 * read-only.
 *
 * @param position position of the last journal record applied to {@code data}; 0 for none
 * @param data the serialized state, opaque to the store
 */
public record Snapshot(long position, byte[] data) {

  /**
   * @throws IllegalArgumentException when {@code position} is negative
   */
  public Snapshot {
    Objects.requireNonNull(data, "data");
    if (position < 0) {
      throw new IllegalArgumentException("position must not be negative: " + position);
    }
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Snapshot that
        && position == that.position
        && Arrays.equals(data, that.data);
  }

  @Override
  public int hashCode() {
    return 31 * Long.hashCode(position) + Arrays.hashCode(data);
  }

  @Override
  public String toString() {
    return "Snapshot[position=" + position + ", " + data.length + " bytes]";
  }
}
