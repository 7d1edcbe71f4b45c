package io.rollgate.connector.servicenow.model;

import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * One page of a Table API answer.
 *
 * @param totalCount {@code X-Total-Count}, or -1 when the answer had none
 * @param next the {@code Link} header's {@code rel="next"} address, empty on the last page
 */
public record Page<T>(List<T> items, long totalCount, Optional<URI> next) {

  public Page {
    items = List.copyOf(items);
  }

  public boolean hasNext() {
    return next.isPresent();
  }
}
