package io.rollgate.connector.ci.gitlab;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.rollgate.connector.ApiCalls;
import io.rollgate.connector.ClientBuilder;
import io.rollgate.connector.ErrorBodies;
import io.rollgate.connector.Resilience;
import io.rollgate.connector.RetrofitApi;
import io.rollgate.connector.Secret;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * GitLab REST API v4 client for pipelines: by commit, create with variables, read one. Sends the
 * token as {@code PRIVATE-TOKEN}. Projects are named by numeric id or by path ({@code
 * group/project}, sent URL-encoded).
 *
 * <p>Every method goes through the {@code gitlab} {@link Resilience} instance: timeouts, 5xx and
 * 429 (honouring {@code Retry-After}) are retried, then thrown as {@link
 * io.rollgate.connector.RetryableException}; other errors at once as {@link
 * io.rollgate.connector.NonRetryableException} with GitLab's message ({@code message} as text or
 * field errors, or {@code error}). Thread-safe.
 */
public final class GitLabClient {

  static final String SYSTEM = "gitlab";
  static final ObjectMapper JSON =
      new ObjectMapper()
          .registerModule(new JavaTimeModule())
          .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
          .setSerializationInclusion(JsonInclude.Include.NON_NULL)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private static final Logger LOG = LoggerFactory.getLogger(GitLabClient.class);

  private final GitLabApi api;
  private final ApiCalls calls;
  private final Resilience resilience;

  private GitLabClient(Builder b) {
    this.resilience = b.effectiveResilience();
    this.calls =
        new ApiCalls(SYSTEM, ErrorBodies.withMessage(GitLabClient::message), b.effectiveClock());
    String token = b.token.value();
    OkHttpClient http =
        resilience
            .httpClient()
            .addInterceptor(
                chain ->
                    chain.proceed(
                        chain
                            .request()
                            .newBuilder()
                            .header("PRIVATE-TOKEN", token)
                            .header("Accept", "application/json")
                            .build()))
            .build();
    this.api = RetrofitApi.create(GitLabApi.class, b.baseUrl, http, JSON);
  }

  /**
   * @param baseUrl the GitLab instance URL, for example {@code https://gitlab.com}; the API is
   *     under {@code /api/v4} of it
   * @param token a personal, project or group access token with {@code api} scope
   */
  public static Builder builder(String baseUrl, Secret token) {
    return new Builder(baseUrl, token);
  }

  /** Pipelines of {@code project} for commit {@code sha}, newest first (up to 100). */
  public List<Pipeline> pipelines(String project, String sha) {
    return call(
        "list-pipelines",
        "project=" + project + " sha=" + sha,
        () -> calls.body(api.pipelines(project, sha, "id", "desc", 100)));
  }

  /**
   * Creates a pipeline on {@code ref} with {@code variables} (as {@code env_var} variables).
   *
   * @throws io.rollgate.connector.NonRetryableException 400 when the ref does not exist or the CI
   *     configuration is invalid
   */
  public Pipeline createPipeline(String project, String ref, Map<String, String> variables) {
    List<GitLabApi.Variable> vars = new ArrayList<>();
    variables.forEach((k, v) -> vars.add(new GitLabApi.Variable(k, v, "env_var")));
    return call(
        "create-pipeline",
        "project=" + project + " ref=" + ref,
        () ->
            calls.body(
                api.createPipeline(
                    project, new GitLabApi.NewPipeline(ref, vars.isEmpty() ? null : vars))));
  }

  /**
   * Pipelines of {@code project} created through the API on {@code ref}, newest first (up to 100).
   */
  public List<Pipeline> apiPipelines(String project, String ref) {
    return call(
        "list-api-pipelines",
        "project=" + project + " ref=" + ref,
        () -> calls.body(api.pipelinesOfRef(project, ref, "api", "id", "desc", 100)));
  }

  /** The variables a pipeline was created with, by key. */
  public Map<String, String> pipelineVariables(String project, long pipelineId) {
    List<GitLabApi.Variable> variables =
        call(
            "get-pipeline-variables",
            "project=" + project + " pipeline_id=" + pipelineId,
            () -> calls.body(api.pipelineVariables(project, pipelineId)));
    Map<String, String> byKey = new java.util.LinkedHashMap<>();
    variables.forEach(v -> byKey.put(v.key(), v.value()));
    return byKey;
  }

  /** One pipeline. */
  public Pipeline pipeline(String project, long pipelineId) {
    return call(
        "get-pipeline",
        "project=" + project + " pipeline_id=" + pipelineId,
        () -> calls.body(api.pipeline(project, pipelineId)));
  }

  /**
   * {@code {"message":"..."}}, {@code {"message":{"field":["..."]}}} or {@code {"error":"..."}}.
   */
  static String message(String body) {
    if (body == null || body.isBlank()) {
      return "";
    }
    try {
      JsonNode root = JSON.readTree(body);
      JsonNode message = root.path("message");
      if (message.isTextual()) {
        return message.asText();
      }
      if (message.isObject()) {
        List<String> parts = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> fields = message.fields();
        while (fields.hasNext()) {
          Map.Entry<String, JsonNode> f = fields.next();
          List<String> texts = new ArrayList<>();
          f.getValue().forEach(t -> texts.add(t.asText()));
          parts.add(f.getKey() + ": " + String.join(", ", texts));
        }
        return String.join("; ", parts);
      }
      if (root.path("error").isTextual()) {
        String error = root.get("error").asText();
        String description = root.path("error_description").asText("");
        return description.isEmpty() ? error : error + ": " + description;
      }
      return body.trim();
    } catch (Exception notJson) {
      return ErrorBodies.summary(body);
    }
  }

  private <T> T call(String operation, String context, Supplier<T> body) {
    return resilience.call(operation, context, body);
  }

  /** Settings of a {@link GitLabClient}. */
  public static final class Builder extends ClientBuilder<Builder> {
    private final String baseUrl;
    private final Secret token;

    private Builder(String baseUrl, Secret token) {
      super(SYSTEM);
      this.baseUrl = Objects.requireNonNull(baseUrl, "baseUrl");
      this.token = Objects.requireNonNull(token, "token");
    }

    public GitLabClient build() {
      return new GitLabClient(this);
    }
  }
}
