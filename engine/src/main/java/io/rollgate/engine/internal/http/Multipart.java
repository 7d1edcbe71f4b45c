package io.rollgate.engine.internal.http;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A minimal {@code multipart/form-data} reader (RFC 7578), enough for deployments. */
final class Multipart {
  private static final Pattern BOUNDARY = Pattern.compile("boundary=\"?([^\";]+)\"?");
  private static final Pattern NAME = Pattern.compile("\\bname=\"([^\"]*)\"");
  private static final Pattern FILENAME = Pattern.compile("\\bfilename=\"([^\"]*)\"");

  /**
   * @param name the form field name
   * @param filename the file name, or {@code null} for a plain field
   */
  record Part(String name, String filename, byte[] content) {
    String text() {
      return new String(content, StandardCharsets.UTF_8);
    }
  }

  private Multipart() {}

  /**
   * @throws HttpError 400 when the body is not multipart/form-data or is malformed
   */
  static List<Part> parse(String contentType, byte[] body) {
    if (contentType == null
        || !contentType.toLowerCase(Locale.ROOT).startsWith("multipart/form-data")) {
      throw new HttpError(
          415,
          "UNSUPPORTED_MEDIA_TYPE",
          "A deployment must be sent as multipart/form-data with one 'resources' part per file.");
    }
    Matcher boundaryMatcher = BOUNDARY.matcher(contentType);
    if (!boundaryMatcher.find()) {
      throw HttpError.badRequest("The multipart Content-Type has no boundary.");
    }
    byte[] delimiter = ("--" + boundaryMatcher.group(1)).getBytes(StandardCharsets.ISO_8859_1);
    List<Part> parts = new ArrayList<>();
    int position = indexOf(body, delimiter, 0);
    if (position < 0) {
      throw HttpError.badRequest("The multipart body does not contain its boundary.");
    }
    while (true) {
      int afterDelimiter = position + delimiter.length;
      if (startsWith(body, afterDelimiter, "--")) {
        return parts;
      }
      int headersStart = afterDelimiter + 2;
      int headersEnd =
          indexOf(body, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), headersStart);
      if (headersEnd < 0) {
        throw HttpError.badRequest("A multipart part has no end of headers.");
      }
      String headers =
          new String(body, headersStart, headersEnd - headersStart, StandardCharsets.UTF_8);
      int contentStart = headersEnd + 4;
      int next = indexOf(body, delimiter, contentStart);
      if (next < 0) {
        throw HttpError.badRequest("The multipart body is not terminated by its boundary.");
      }
      int contentEnd = next - 2;
      parts.add(
          part(
              headers, Arrays.copyOfRange(body, contentStart, Math.max(contentStart, contentEnd))));
      position = next;
    }
  }

  private static Part part(String headers, byte[] content) {
    String disposition =
        headers
            .lines()
            .filter(line -> line.toLowerCase(Locale.ROOT).startsWith("content-disposition"))
            .findFirst()
            .orElseThrow(
                () -> HttpError.badRequest("A multipart part has no Content-Disposition."));
    Matcher name = NAME.matcher(disposition);
    if (!name.find()) {
      throw HttpError.badRequest("A multipart part has no name.");
    }
    Matcher filename = FILENAME.matcher(disposition);
    return new Part(name.group(1), filename.find() ? filename.group(1) : null, content);
  }

  private static boolean startsWith(byte[] body, int from, String text) {
    byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
    if (from + bytes.length > body.length) {
      return false;
    }
    for (int i = 0; i < bytes.length; i++) {
      if (body[from + i] != bytes[i]) {
        return false;
      }
    }
    return true;
  }

  private static int indexOf(byte[] haystack, byte[] needle, int from) {
    outer:
    for (int i = from; i <= haystack.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
