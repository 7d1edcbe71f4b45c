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
 * The servlet container's error page: what is refused before any endpoint runs (a malformed URL or
 * percent-encoding, a request line or header too large, TRACE, a filter that failed) is answered as
 * an RFC 9457 problem about the request the caller sent, in place of Spring Boot's error JSON.
 * Called directly, {@code /error} is no endpoint: 404.
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
    ProblemDetail problem = problem(request, status, uri);
    problem.setInstance(ProblemWriter.instance(uri));
    return ProblemAdvice.answer(problem);
  }

  private static ProblemDetail problem(HttpServletRequest request, int status, String uri) {
    if (status == HttpStatus.NOT_FOUND.value()) {
      return ProblemAdvice.noEndpoint(request.getMethod() + " " + uri);
    }
    if (status == HttpStatus.INTERNAL_SERVER_ERROR.value()) {
      // the message is the exception's: the log has it, the caller does not need it
      return ProblemAdvice.internalError();
    }
    HttpStatus known = HttpStatus.resolve(status);
    String title = known == null ? "Request refused" : known.getReasonPhrase();
    String message = (String) request.getAttribute(RequestDispatcher.ERROR_MESSAGE);
    String detail =
        message == null || message.isBlank()
            ? "the server refused " + request.getMethod() + " " + uri + " (" + status + ")"
            : message;
    return ProblemAdvice.problem(HttpStatusCode.valueOf(status), title, detail);
  }
}
