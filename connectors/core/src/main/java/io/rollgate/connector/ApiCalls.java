package io.rollgate.connector;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.time.Clock;
import okhttp3.ResponseBody;
import retrofit2.Call;
import retrofit2.Response;

/**
 * Executes one Retrofit call and turns every way it can fail into a {@link ConnectorException}.
 * Connectors call this inside {@link Resilience#call}, so each attempt is mapped the same way.
 */
public final class ApiCalls {

  private static final int MAX_ERROR_BODY = 4096;

  private final String system;
  private final ErrorBodies errorBodies;
  private final Clock clock;

  /**
   * @param system the outside system's name, used in messages and resilience configuration
   * @param errorBodies how this system's error body turns into a message and a typed failure
   */
  public ApiCalls(String system, ErrorBodies errorBodies, Clock clock) {
    this.system = system;
    this.errorBodies = errorBodies;
    this.clock = clock;
  }

  public String system() {
    return system;
  }

  /**
   * Executes the call and returns the successful response (2xx), whose body may be {@code null} for
   * an empty answer.
   *
   * @throws ConnectorException for any error status, missing answer or unreadable body
   */
  public <T> Response<T> execute(Call<T> call) {
    Response<T> response;
    try {
      response = call.execute();
    } catch (JsonProcessingException e) {
      // An answer came but its body is not what the API documents: repeating will not help.
      throw new NonRetryableException(
          system, 0, "could not read the answer: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw HttpFailures.fromIo(system, e);
    } catch (RuntimeException e) {
      throw new NonRetryableException(system, 0, "could not read the answer: " + e, e);
    }
    if (response.isSuccessful()) {
      return response;
    }
    String body = readErrorBody(response);
    ConnectorException typed =
        errorBodies.map(system, response.code(), response.headers()::get, body, clock);
    throw typed;
  }

  /** Executes the call and returns its body; an empty body is an error. */
  public <T> T body(Call<T> call) {
    Response<T> response = execute(call);
    T body = response.body();
    if (body == null) {
      throw new NonRetryableException(
          system, response.code(), "expected a body, got an empty answer", null);
    }
    return body;
  }

  private static String readErrorBody(Response<?> response) {
    try (ResponseBody errorBody = response.errorBody()) {
      if (errorBody == null) {
        return "";
      }
      String text = errorBody.source().readUtf8();
      return text.length() > MAX_ERROR_BODY ? text.substring(0, MAX_ERROR_BODY) : text;
    } catch (IOException e) {
      return "";
    }
  }
}
