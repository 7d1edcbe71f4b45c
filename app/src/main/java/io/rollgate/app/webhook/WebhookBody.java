package io.rollgate.app.webhook;

import io.rollgate.app.problem.ProblemAdvice;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.unit.DataSize;

/**
 * A webhook call's body: JSON, at most a limit, and never read more than one byte past it, so an
 * outside system's oversized call costs no memory.
 */
public final class WebhookBody {

  private final int maxBytes;

  /**
   * @param maxSize the largest body taken; anything above {@code Integer.MAX_VALUE - 1} bytes is
   *     taken as that
   */
  public WebhookBody(DataSize maxSize) {
    this.maxBytes = (int) Math.min(Integer.MAX_VALUE - 1, maxSize.toBytes());
  }

  /**
   * Whether the call says its body is JSON: {@code application/json} with any parameters, not a
   * wildcard. A browser can post {@code text/plain} cross-site without asking first; the systems
   * that call webhooks send JSON.
   */
  public static boolean isJson(String contentType) {
    if (contentType == null) {
      return false;
    }
    try {
      MediaType type = MediaType.parseMediaType(contentType);
      return MediaType.APPLICATION_JSON.isCompatibleWith(type) && !type.isWildcardSubtype();
    } catch (InvalidMediaTypeException e) {
      return false;
    }
  }

  /** The body, or empty when it is larger than the limit. */
  public Optional<byte[]> read(HttpServletRequest request) throws IOException {
    if (request.getContentLengthLong() > maxBytes) {
      return Optional.empty();
    }
    try (InputStream in = request.getInputStream()) {
      byte[] body = in.readNBytes(maxBytes + 1);
      return body.length > maxBytes ? Optional.empty() : Optional.of(body);
    }
  }

  /** The 413 answer to a body {@link #read} found too large. */
  public ResponseEntity<Object> tooLarge() {
    return ProblemAdvice.answer(
        HttpStatus.PAYLOAD_TOO_LARGE,
        "Webhook body too large",
        "the body must be at most " + maxBytes + " bytes");
  }
}
