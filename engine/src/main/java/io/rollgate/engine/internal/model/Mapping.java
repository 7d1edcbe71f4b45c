package io.rollgate.engine.internal.model;

import io.rollgate.engine.internal.feel.Expression;

/**
 * One {@code zeebe:input} or {@code zeebe:output}: the value of {@code source} is written to the
 * variable (or dotted context path) {@code target}.
 */
public record Mapping(Expression source, String target) {}
