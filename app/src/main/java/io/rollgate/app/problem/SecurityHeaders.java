package io.rollgate.app.problem;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import org.springframework.security.web.header.HeaderWriter;
import org.springframework.security.web.header.writers.CacheControlHeadersWriter;
import org.springframework.security.web.header.writers.HstsHeaderWriter;
import org.springframework.security.web.header.writers.XContentTypeOptionsHeaderWriter;
import org.springframework.security.web.header.writers.XXssProtectionHeaderWriter;
import org.springframework.security.web.header.writers.frameoptions.XFrameOptionsHeaderWriter;

/**
 * The security headers every answer carries: {@code X-Content-Type-Options: nosniff}, {@code
 * Cache-Control: no-store} (with {@code Pragma} and {@code Expires} for old caches), {@code
 * X-Frame-Options: DENY}, {@code X-XSS-Protection: 0} and, over HTTPS, {@code
 * Strict-Transport-Security}. Spring Security writes them on the answers of its filter chain; the
 * problems written before that chain runs, or outside it (Tomcat's refusals, the firewall's), write
 * them here. A header already set is left as it is.
 */
public final class SecurityHeaders implements HeaderWriter {

  private final List<HeaderWriter> writers =
      List.of(
          new XContentTypeOptionsHeaderWriter(),
          new XXssProtectionHeaderWriter(),
          new CacheControlHeadersWriter(),
          new HstsHeaderWriter(),
          new XFrameOptionsHeaderWriter(XFrameOptionsHeaderWriter.XFrameOptionsMode.DENY));

  @Override
  public void writeHeaders(HttpServletRequest request, HttpServletResponse response) {
    writers.forEach(writer -> writer.writeHeaders(request, response));
  }
}
