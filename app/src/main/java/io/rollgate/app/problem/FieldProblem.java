package io.rollgate.app.problem;

/**
 * One rejected field of a request, as a 422 problem's {@code errors} lists it.
 *
 * @param field the body member, path or query parameter, or header
 * @param message what to change
 */
public record FieldProblem(String field, String message) {}
