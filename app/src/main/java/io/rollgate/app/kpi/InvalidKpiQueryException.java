package io.rollgate.app.kpi;

/** A KPI query parameter that cannot be answered: 422 naming it. */
final class InvalidKpiQueryException extends RuntimeException {

  private final String field;
  private final String problem;

  InvalidKpiQueryException(String field, String problem) {
    super(field + " " + problem);
    this.field = field;
    this.problem = problem;
  }

  String field() {
    return field;
  }

  /** What is wrong with the parameter, without its name. */
  String problem() {
    return problem;
  }
}
