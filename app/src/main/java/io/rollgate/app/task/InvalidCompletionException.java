package io.rollgate.app.task;

import java.util.List;
import java.util.stream.Collectors;

/** A completion that does not fit the task's form: 422 naming each field. */
final class InvalidCompletionException extends RuntimeException {

  record FieldProblem(String field, String message) {}

  private final List<FieldProblem> problems;

  InvalidCompletionException(List<FieldProblem> problems) {
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
