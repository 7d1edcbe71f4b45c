package io.rollgate.connector.launchdarkly;

import io.rollgate.connector.Secret;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * How the server-side SDK connects.
 *
 * @param sdkKey the environment's SDK key
 * @param streamingUri base URI of the streaming service ({@code https://stream.launchdarkly.com})
 * @param pollingUri base URI of the polling service ({@code https://sdk.launchdarkly.com})
 * @param eventsUri base URI of the events service, or {@code null} to send no analytics events
 * @param startWait how long {@link FlagEvaluator#start} waits for the first flag data
 */
public record SdkSettings(
    Secret sdkKey, URI streamingUri, URI pollingUri, URI eventsUri, Duration startWait) {

  public SdkSettings {
    Objects.requireNonNull(sdkKey, "sdkKey");
    Objects.requireNonNull(streamingUri, "streamingUri");
    Objects.requireNonNull(pollingUri, "pollingUri");
    Objects.requireNonNull(startWait, "startWait");
  }

  /** LaunchDarkly's own endpoints, events off, 5 s start wait. */
  public static SdkSettings launchDarkly(Secret sdkKey) {
    return new SdkSettings(
        sdkKey,
        URI.create("https://stream.launchdarkly.com"),
        URI.create("https://sdk.launchdarkly.com"),
        null,
        Duration.ofSeconds(5));
  }

  /** Every endpoint on one host (a relay or the simulator), events off, 5 s start wait. */
  public static SdkSettings singleHost(Secret sdkKey, URI baseUri) {
    return new SdkSettings(sdkKey, baseUri, baseUri, null, Duration.ofSeconds(5));
  }

  public SdkSettings withEvents(URI newEventsUri) {
    return new SdkSettings(sdkKey, streamingUri, pollingUri, newEventsUri, startWait);
  }

  public SdkSettings withStartWait(Duration newStartWait) {
    return new SdkSettings(sdkKey, streamingUri, pollingUri, eventsUri, newStartWait);
  }
}
