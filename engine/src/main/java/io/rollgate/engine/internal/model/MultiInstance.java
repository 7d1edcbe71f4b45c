package io.rollgate.engine.internal.model;

import io.rollgate.engine.internal.feel.Expression;

/**
 * Multi-instance characteristics of an activity: one inner instance per item of the input
 * collection, in parallel or one after another.
 *
 * @param sequential one inner instance at a time
 * @param inputCollection FEEL giving the list of items
 * @param inputElement variable name each inner instance gets its item in, or null
 * @param outputCollection variable collecting each inner instance's output element, or null
 * @param outputElement FEEL evaluated in each inner instance when it completes, or null
 * @param completionCondition FEEL that ends the activity early when true, or null
 */
public record MultiInstance(
    boolean sequential,
    Expression inputCollection,
    String inputElement,
    String outputCollection,
    Expression outputElement,
    Expression completionCondition) {}
