package io.rollgate.connector.metrics;

import io.rollgate.connector.ConnectorException;
import io.rollgate.connector.HttpFailures;
import io.rollgate.connector.NonRetryableException;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.OptionalDouble;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * Reads a service's metrics from its Prometheus endpoint (text exposition format 0.0.4, as served
 * by Micrometer, the Prometheus client libraries and exporters). One call, no retry: a health check
 * that cannot read its metrics says so rather than waiting.
 */
public final class MetricsClient {

  /** The system name in exceptions and logs. */
  public static final String SYSTEM = "metrics";

  private static final String ACCEPT = "text/plain;version=0.0.4;q=1,*/*;q=0.1";

  private final OkHttpClient http;

  /**
   * @param timeout the longest a call may take, connection and answer together
   */
  public MetricsClient(Duration timeout) {
    this.http = new OkHttpClient.Builder().callTimeout(timeout).build();
  }

  /**
   * The largest value of {@code metric} over all its label sets at {@code endpoint}, or empty when
   * the endpoint has no sample of it (or only {@code NaN}).
   *
   * @throws ConnectorException when the endpoint does not answer in time, answers with an error
   *     status, or answers with something other than metrics
   */
  public OptionalDouble max(URI endpoint, String metric) {
    Request request =
        new Request.Builder().url(endpoint.toString()).header("Accept", ACCEPT).get().build();
    try (Response response = http.newCall(request).execute()) {
      ResponseBody body = response.body();
      String text = body == null ? "" : body.string();
      if (!response.isSuccessful()) {
        throw HttpFailures.fromStatus(
            SYSTEM, response.code(), response::header, endpoint.toString(), Clock.systemUTC());
      }
      return PrometheusText.max(text, metric);
    } catch (IOException e) {
      throw HttpFailures.fromIo(SYSTEM, e);
    } catch (IllegalArgumentException e) {
      throw new NonRetryableException(SYSTEM, 0, endpoint + ": " + e.getMessage(), e);
    }
  }
}
