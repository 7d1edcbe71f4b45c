package io.rollgate.app.record;

import io.rollgate.app.problem.ApiProblem;
import org.springframework.http.HttpStatus;

/** No release has the id asked for. */
public class ReleaseNotFoundException extends ApiProblem {

  private final String releaseId;

  public ReleaseNotFoundException(String releaseId) {
    super(HttpStatus.NOT_FOUND, "Release not found", "no release has the id '" + releaseId + "'");
    this.releaseId = releaseId;
  }

  public String releaseId() {
    return releaseId;
  }
}
