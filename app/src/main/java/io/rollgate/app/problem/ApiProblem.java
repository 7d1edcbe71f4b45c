package io.rollgate.app.problem;

import java.util.List;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;

/**
 * A request the API refuses for a reason of its own (no such release, the release ended, a field to
 * change): {@link ProblemAdvice} answers it as an RFC 9457 problem with this status, title and the
 * message as its detail, and for a 422 the fields to change as {@code errors}.
 */
public abstract class ApiProblem extends RuntimeException {

  private final HttpStatus status;
  private final String title;
  private final List<FieldProblem> errors;

  protected ApiProblem(HttpStatus status, String title, String detail) {
    this(status, title, detail, List.of());
  }

  protected ApiProblem(HttpStatus status, String title, String detail, Throwable cause) {
    super(detail, cause);
    this.status = status;
    this.title = title;
    this.errors = List.of();
  }

  protected ApiProblem(HttpStatus status, String title, List<FieldProblem> errors) {
    this(status, title, joined(errors), errors);
  }

  protected ApiProblem(HttpStatus status, String title, String detail, List<FieldProblem> errors) {
    super(detail);
    this.status = status;
    this.title = title;
    this.errors = List.copyOf(errors);
  }

  public HttpStatus status() {
    return status;
  }

  public String title() {
    return title;
  }

  /** The fields to change; empty when the problem is not about fields. */
  public List<FieldProblem> errors() {
    return errors;
  }

  private static String joined(List<FieldProblem> errors) {
    return errors.stream()
        .map(p -> (p.field().isEmpty() ? "" : p.field() + " ") + p.message())
        .collect(Collectors.joining("; "));
  }
}
