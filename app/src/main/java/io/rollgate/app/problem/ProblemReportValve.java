package io.rollgate.app.problem;

import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ProblemDetail;

/**
 * Tomcat's report of a request it refused before the service saw it (a request line or headers over
 * the limit, a URL whose percent-encoding is malformed): an RFC 9457 problem in place of Tomcat's
 * HTML page. Errors the service answers itself are left as they are.
 */
final class ProblemReportValve extends ErrorReportValve {

  private static final Logger LOG = LoggerFactory.getLogger(ProblemReportValve.class);

  private final ProblemWriter problems;

  ProblemReportValve(ProblemWriter problems) {
    this.problems = problems;
  }

  @Override
  protected void report(Request request, Response response, Throwable throwable) {
    int status = response.getStatus();
    // as Tomcat's own report: only an error nobody answered yet, on a connection still open
    if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
      return;
    }
    AtomicBoolean ioAllowed = new AtomicBoolean();
    response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
    if (!ioAllowed.get()) {
      return;
    }
    String message = response.getMessage();
    if ((message == null || message.isBlank()) && throwable != null && status < 500) {
      message = throwable.getMessage();
    }
    ProblemDetail problem =
        ErrorPageProblems.refused(request.getMethod(), request.getRequestURI(), status, message);
    try {
      problems.write(request, response, problem);
      response.finishResponse();
    } catch (Exception e) {
      LOG.debug("problem report not sent status={}", status, e);
    }
  }
}
