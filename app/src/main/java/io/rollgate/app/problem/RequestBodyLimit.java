package io.rollgate.app.problem;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses request bodies over {@code rollgate.http.max-body-size} with 413: at once when the
 * declared Content-Length is larger, otherwise when reading passes the limit (chunked bodies).
 */
final class RequestBodyLimit extends OncePerRequestFilter {

  private final long limit;
  private final ProblemWriter problems;

  RequestBodyLimit(long limit, ProblemWriter problems) {
    this.limit = limit;
    this.problems = problems;
  }

  static ProblemDetail tooLarge(long limit) {
    return ProblemAdvice.problem(
        HttpStatus.PAYLOAD_TOO_LARGE,
        "Request body too large",
        "the request body must be at most " + limit + " bytes (rollgate.http.max-body-size)");
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    if (request.getContentLengthLong() > limit) {
      problems.write(request, response, tooLarge(limit));
      return;
    }
    Limited limited = new Limited(request, limit);
    chain.doFilter(limited, response);
    if (limited.exceeded && !response.isCommitted()) {
      // a reader that swallowed the exception still gets the right answer
      response.reset();
      problems.write(request, response, tooLarge(limit));
    }
  }

  private static final class Limited extends HttpServletRequestWrapper {

    private final long limit;
    private ServletInputStream stream;
    private boolean exceeded;

    Limited(HttpServletRequest request, long limit) {
      super(request);
      this.limit = limit;
    }

    @Override
    public ServletInputStream getInputStream() throws IOException {
      if (stream == null) {
        stream = new Counting(super.getInputStream());
      }
      return stream;
    }

    @Override
    public BufferedReader getReader() throws IOException {
      String encoding = getCharacterEncoding();
      Charset charset = encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding);
      return new BufferedReader(new InputStreamReader(getInputStream(), charset));
    }

    private final class Counting extends ServletInputStream {

      private final ServletInputStream in;
      private long count;

      Counting(ServletInputStream in) {
        this.in = in;
      }

      @Override
      public int read() throws IOException {
        int b = in.read();
        if (b >= 0) {
          add(1);
        }
        return b;
      }

      @Override
      public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = in.read(buffer, offset, length);
        if (n > 0) {
          add(n);
        }
        return n;
      }

      private void add(int n) throws BodyTooLargeException {
        count += n;
        if (count > limit) {
          exceeded = true;
          throw new BodyTooLargeException(limit);
        }
      }

      @Override
      public boolean isFinished() {
        return in.isFinished();
      }

      @Override
      public boolean isReady() {
        return in.isReady();
      }

      @Override
      public void setReadListener(ReadListener listener) {
        in.setReadListener(listener);
      }
    }
  }
}
