package io.rollgate.engine.internal.model;

import java.util.List;
import java.util.stream.Collectors;

/** A resource was rejected at deploy time; {@link #problems()} names each offending element. */
public final class InvalidModelException extends RuntimeException {
  private final transient List<ModelProblem> problems;

  public InvalidModelException(String resourceName, List<ModelProblem> problems) {
    super(
        "'"
            + resourceName
            + "' cannot be deployed: "
            + problems.stream().map(ModelProblem::toString).collect(Collectors.joining("; ")));
    this.problems = List.copyOf(problems);
  }

  public InvalidModelException(String resourceName, String message) {
    super("'" + resourceName + "' cannot be deployed: " + message);
    this.problems = List.of();
  }

  public List<ModelProblem> problems() {
    return problems;
  }
}
