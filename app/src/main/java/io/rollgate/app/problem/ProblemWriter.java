package io.rollgate.app.problem;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;

/**
 * Writes an RFC 9457 problem where no controller answers: servlet filters, Spring Security's entry
 * point, access-denied and firewall handlers, Tomcat's error report. The problem carries the same
 * {@link SecurityHeaders} as every other answer.
 */
@Component
public class ProblemWriter {

  private final ObjectMapper json;
  private final SecurityHeaders headers = new SecurityHeaders();

  ProblemWriter(ObjectMapper json) {
    this.json = json;
  }

  /** Writes {@code problem} as {@code application/problem+json} with its status and headers. */
  public void write(HttpServletRequest request, HttpServletResponse response, ProblemDetail problem)
      throws IOException {
    if (problem.getInstance() == null) {
      // on the error page, the request the caller sent
      Object sent = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
      problem.setInstance(instance(sent instanceof String uri ? uri : request.getRequestURI()));
    }
    response.setStatus(problem.getStatus());
    headers.writeHeaders(request, response);
    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    json.writeValue(response.getOutputStream(), problem);
  }

  /** The request's URI as a problem's instance, even one refused for its malformed escapes. */
  static URI instance(String requestUri) {
    if (requestUri == null) {
      return null;
    }
    try {
      return new URI(requestUri);
    } catch (URISyntaxException malformed) {
      try {
        return new URI(null, null, requestUri, null);
      } catch (URISyntaxException e) {
        return null;
      }
    }
  }
}
