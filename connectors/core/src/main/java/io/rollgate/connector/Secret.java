package io.rollgate.connector;

import java.util.Objects;

/** A credential. Its {@code toString()} never shows the value, so it cannot leak into logs. */
public record Secret(String value) {

  public Secret {
    Objects.requireNonNull(value, "secret value");
  }

  public static Secret of(String value) {
    return new Secret(value);
  }

  @Override
  public String toString() {
    return "Secret[****]";
  }
}
