package io.rollgate.connector;

import com.fasterxml.jackson.databind.ObjectMapper;
import okhttp3.OkHttpClient;
import retrofit2.Retrofit;
import retrofit2.converter.jackson.JacksonConverterFactory;

/** Builds a connector's Retrofit interface the one way every connector needs it. */
public final class RetrofitApi {

  private RetrofitApi() {}

  /**
   * The Retrofit interface {@code type} at {@code baseUrl} (a trailing slash is added when
   * missing), calling through {@code http} and reading and writing JSON with {@code json}.
   */
  public static <A> A create(Class<A> type, String baseUrl, OkHttpClient http, ObjectMapper json) {
    return new Retrofit.Builder()
        .baseUrl(baseUrl.endsWith("/") ? baseUrl : baseUrl + "/")
        .client(http)
        .addConverterFactory(JacksonConverterFactory.create(json))
        .build()
        .create(type);
  }
}
