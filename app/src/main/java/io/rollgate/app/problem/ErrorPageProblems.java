package io.rollgate.app.problem;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The servlet container's error page: a request refused or failed outside Spring MVC (a status the
 * container sent, a filter that threw) is answered as an RFC 9457 problem about the request the
 * caller sent, in place of Spring Boot's error JSON. Called directly, {@code /error} is no
 * endpoint: 404. What Tomcat refuses before it reaches the service at all is {@link
 * ProblemReportValve}'s.
 */
@Hidden
@RestController
class ErrorPageProblems implements ErrorController {

  @RequestMapping("${server.error.path:${error.path:/error}}")
  ResponseEntity<Object> error(HttpServletRequest request) {
    Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
    String uri = (String) request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
    if (!(code instanceof Integer status) || uri == null) {
      return ProblemAdvice.answer(
          ProblemAdvice.noEndpoint(request.getMethod() + " " + request.getRequestURI()));
    }
    String message = (String) request.getAttribute(RequestDispatcher.ERROR_MESSAGE);
    ProblemDetail problem = refused(request.getMethod(), uri, status, message);
    problem.setInstance(ProblemWriter.instance(uri));
    return ProblemAdvice.answer(problem);
  }

  /**
   * What the server refused, as a problem: {@code status} with its reason as the title and the
   * server's {@code message} as the detail; a 500's message stays in the log.
   */
  static ProblemDetail refused(String method, String uri, int status, String message) {
    String call = uri == null || uri.isEmpty() ? "the request" : method + " " + uri;
    if (status == HttpStatus.NOT_FOUND.value()) {
      return ProblemAdvice.noEndpoint(call);
    }
    if (status == HttpStatus.INTERNAL_SERVER_ERROR.value()) {
      return ProblemAdvice.internalError();
    }
    HttpStatus known = HttpStatus.resolve(status);
    String title = known == null ? "Request refused" : known.getReasonPhrase();
    String detail =
        message == null || message.isBlank()
            ? "the server refused " + call + " (" + status + ")"
            : message;
    return ProblemAdvice.problem(HttpStatusCode.valueOf(status), title, detail);
  }
}
