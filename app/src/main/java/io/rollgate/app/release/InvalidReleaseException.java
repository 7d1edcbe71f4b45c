package io.rollgate.app.release;

import java.util.List;
import java.util.stream.Collectors;

/** A request that is well-formed but cannot run: 422, naming each field. */
final class InvalidReleaseException extends RuntimeException {

  /** One rejected field and what to change. */
  record FieldProblem(String field, String message) {}

  private final List<FieldProblem> problems;

  InvalidReleaseException(String field, String problem) {
    this(List.of(new FieldProblem(field, problem)));
  }

  InvalidReleaseException(List<FieldProblem> problems) {
    super(
        problems.stream()
            .map(p -> p.field() + " " + p.message())
            .collect(Collectors.joining("; ")));
    this.problems = List.copyOf(problems);
  }

  List<FieldProblem> problems() {
    return problems;
  }
}
