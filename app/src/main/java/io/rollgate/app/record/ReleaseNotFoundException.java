package io.rollgate.app.record;

/** No release has the id asked for. */
public class ReleaseNotFoundException extends RuntimeException {

  private final String releaseId;

  public ReleaseNotFoundException(String releaseId) {
    super("no release has the id '" + releaseId + "'");
    this.releaseId = releaseId;
  }

  public String releaseId() {
    return releaseId;
  }
}
