package io.rollgate.app.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rollgate.app.support.OutsideWorld;
import io.rollgate.sandbox.launchdarkly.EnvironmentSeed;
import io.rollgate.sandbox.launchdarkly.LaunchDarklySimulator;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Rollout flags in the LaunchDarkly simulator as the test sees them ({@link
 * OutsideWorld#createFlag} makes one per release): the flag's version, the patches LaunchDarkly
 * accepted for it, and what it serves now, read through LaunchDarkly's REST API with a plain client
 * (no retries or circuit breaker to hide an answer).
 */
final class RolloutFlags {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private final LaunchDarklySimulator launchDarkly;
  private final EnvironmentSeed environment;

  RolloutFlags(OutsideWorld world) {
    this.launchDarkly = world.sandbox().launchdarkly();
    this.environment = world.sandbox().launchdarklyEnvironments().get(0);
  }

  /** The flag's version in the rollout environment: 1 plus every change made to it. */
  int version(String key) {
    return launchDarkly.flagVersion(environment.projectKey(), key, environment.key());
  }

  /** Patches of the flag LaunchDarkly accepted (2xx), as its request log shows them. */
  long acceptedPatches(String key) {
    String path = flagPath(key);
    return launchDarkly.requests().entries().stream()
        .filter(e -> e.method().equals("PATCH") && e.path().equals(path))
        .filter(e -> e.status() / 100 == 2)
        .count();
  }

  /** The share of contexts served {@code true}, in percent (0 when targeting is off). */
  int servedPercent(String key) throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(
                URI.create(launchDarkly.baseUri() + flagPath(key) + "?env=" + environment.key()))
            .header("Authorization", launchDarkly.apiToken())
            .timeout(Duration.ofSeconds(30))
            .build();
    JsonNode flag = JSON.readTree(HTTP.send(request, HttpResponse.BodyHandlers.ofString()).body());
    JsonNode served = flag.path("environments").path(environment.key());
    if (!served.path("on").asBoolean()) {
      return 0;
    }
    int trueIndex = indexOfTrue(flag.path("variations"));
    JsonNode fallthrough = served.path("fallthrough");
    if (!fallthrough.has("rollout")) {
      return fallthrough.path("variation").asInt() == trueIndex ? 100 : 0;
    }
    for (JsonNode share : fallthrough.path("rollout").path("variations")) {
      if (share.path("variation").asInt() == trueIndex) {
        return share.path("weight").asInt() / 1000;
      }
    }
    return 0;
  }

  private static int indexOfTrue(JsonNode variations) {
    for (int i = 0; i < variations.size(); i++) {
      if (variations.get(i).path("value").asBoolean(false)) {
        return i;
      }
    }
    throw new AssertionError("a rollout flag without a true variation: " + variations);
  }

  private String flagPath(String key) {
    return "/api/v2/flags/" + environment.projectKey() + "/" + key;
  }
}
