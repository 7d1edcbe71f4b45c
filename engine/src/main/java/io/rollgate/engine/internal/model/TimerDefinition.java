package io.rollgate.engine.internal.model;

import io.rollgate.engine.internal.feel.Expression;

/**
 * When a timer event is due: after a duration, at a date, or on a cycle ({@code R5/PT10S}).
 *
 * @param kind which of the three
 * @param value the ISO-8601 text, static or FEEL
 */
public record TimerDefinition(Kind kind, Expression value) {
  public enum Kind {
    DURATION,
    DATE,
    CYCLE
  }
}
