package io.rollgate.sandbox.launchdarkly;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/**
 * One variation of a seeded flag.
 *
 * @param id the variation's {@code _id}, which semantic patch instructions refer to
 * @param value any JSON value
 */
public record VariationSeed(String id, JsonNode value, String name) {

  public VariationSeed {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(value, "value");
  }
}
