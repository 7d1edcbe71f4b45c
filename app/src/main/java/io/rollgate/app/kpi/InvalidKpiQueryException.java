package io.rollgate.app.kpi;

import io.rollgate.app.problem.ApiProblem;
import io.rollgate.app.problem.FieldProblem;
import java.util.List;
import org.springframework.http.HttpStatus;

/** A KPI query parameter that cannot be answered: 422 naming it. */
final class InvalidKpiQueryException extends ApiProblem {

  InvalidKpiQueryException(String field, String problem) {
    super(
        HttpStatus.UNPROCESSABLE_ENTITY,
        "Invalid request",
        List.of(new FieldProblem(field, problem)));
  }
}
