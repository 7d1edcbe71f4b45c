package io.rollgate.connector.servicenow;

import java.net.URI;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the {@code rel="next"} address of an RFC 8288 {@code Link} header. */
final class LinkHeader {

  private static final Pattern ENTRY = Pattern.compile("<([^>]*)>\\s*((?:;\\s*[^;,]+)*)");
  private static final Pattern NEXT = Pattern.compile("rel\\s*=\\s*\"?([^\";,]*)\"?");

  private LinkHeader() {}

  static Optional<URI> next(String header) {
    if (header == null || header.isBlank()) {
      return Optional.empty();
    }
    Matcher m = ENTRY.matcher(header);
    while (m.find()) {
      Matcher rel = NEXT.matcher(m.group(2));
      while (rel.find()) {
        for (String r : rel.group(1).trim().split("\\s+")) {
          if (r.equalsIgnoreCase("next")) {
            return Optional.of(URI.create(m.group(1).trim()));
          }
        }
      }
    }
    return Optional.empty();
  }
}
