package io.rollgate.connector.launchdarkly;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.launchdarkly.sdk.ContextKind;
import com.launchdarkly.sdk.LDContext;
import com.launchdarkly.sdk.LDValue;
import com.launchdarkly.sdk.json.JsonSerialization;
import com.launchdarkly.sdk.server.Components;
import com.launchdarkly.sdk.server.FeatureFlagsState;
import com.launchdarkly.sdk.server.LDClient;
import com.launchdarkly.sdk.server.LDConfig;
import com.launchdarkly.sdk.server.interfaces.FlagTracker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.OptionalInt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Evaluates flags with LaunchDarkly's Java server SDK ({@code LDClient}) and tells which version of
 * a flag the SDK currently holds. Owns its client: {@link #close()} it.
 *
 * <p>Evaluations never throw: when the SDK has no data (not connected, unknown flag) the fallback
 * is returned, as the SDK does. Thread-safe.
 */
public final class FlagEvaluator implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(FlagEvaluator.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Context for reading flag versions; version does not depend on who asks. */
  private static final LDContext VERSION_PROBE = LDContext.create("rollgate-propagation-check");

  private final LDClient client;

  private FlagEvaluator(LDClient client) {
    this.client = client;
  }

  /**
   * Starts an SDK client and waits up to {@link SdkSettings#startWait()} for its first flag data.
   * If none arrives in time the evaluator still works, serving fallbacks until data arrives; see
   * {@link #isReady()}.
   */
  public static FlagEvaluator start(SdkSettings settings) {
    LDConfig.Builder config =
        new LDConfig.Builder()
            .serviceEndpoints(
                Components.serviceEndpoints()
                    .streaming(settings.streamingUri())
                    .polling(settings.pollingUri())
                    .events(
                        settings.eventsUri() == null
                            ? settings.streamingUri()
                            : settings.eventsUri()))
            .dataSource(Components.streamingDataSource())
            .startWait(settings.startWait())
            .diagnosticOptOut(settings.eventsUri() == null)
            .events(settings.eventsUri() == null ? Components.noEvents() : Components.sendEvents());
    LDClient client = new LDClient(settings.sdkKey().value(), config.build());
    LOG.info(
        "launchdarkly sdk started streaming={} ready={}",
        settings.streamingUri(),
        client.isInitialized());
    return new FlagEvaluator(client);
  }

  /** Whether the SDK has received flag data. */
  public boolean isReady() {
    return client.isInitialized();
  }

  /**
   * The boolean flag's value for {@code context}, for example whether a release freeze is on for
   * service {@code checkout}; {@code fallback} when the SDK cannot tell.
   */
  public boolean boolVariation(String flagKey, EvaluationContext context, boolean fallback) {
    return client.boolVariation(flagKey, toLd(context), fallback);
  }

  /** The flag's value for {@code context} as JSON text; {@code fallbackJson} when unknown. */
  public String jsonVariation(String flagKey, EvaluationContext context, String fallbackJson) {
    return client
        .jsonValueVariation(flagKey, toLd(context), LDValue.parse(fallbackJson))
        .toJsonString();
  }

  /** The version of the flag the SDK holds now; empty when it has none (unknown, not ready). */
  public OptionalInt flagVersion(String flagKey) {
    FeatureFlagsState state = client.allFlagsState(VERSION_PROBE);
    if (!state.isValid()) {
      return OptionalInt.empty();
    }
    try {
      JsonNode meta = JSON.readTree(JsonSerialization.serialize(state)).path("$flagsState");
      JsonNode version = meta.path(flagKey).path("version");
      return version.isIntegralNumber() ? OptionalInt.of(version.asInt()) : OptionalInt.empty();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the SDK's flag state", e);
    }
  }

  FlagTracker flagTracker() {
    return client.getFlagTracker();
  }

  @Override
  public void close() {
    try {
      client.close();
    } catch (IOException e) {
      LOG.warn("launchdarkly sdk did not close cleanly: {}", e.toString());
    }
  }

  private static LDContext toLd(EvaluationContext context) {
    return LDContext.create(ContextKind.of(context.kind()), context.key());
  }
}
