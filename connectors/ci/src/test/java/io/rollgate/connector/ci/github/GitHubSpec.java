package io.rollgate.connector.ci.github;

import static org.assertj.core.api.Assertions.assertThat;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import okhttp3.HttpUrl;
import okhttp3.mockwebserver.RecordedRequest;

/** github-ci-subset.json: validates what the client sends and supplies the documented examples. */
public final class GitHubSpec {

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Path SPEC =
      Path.of(System.getProperty("rollgate.specs.dir", "../../specs"))
          .resolve("github-ci-subset.json");
  private static JsonNode spec;
  private static OpenApiInteractionValidator validator;

  private GitHubSpec() {}

  static synchronized OpenApiInteractionValidator validator() {
    if (validator == null) {
      validator =
          OpenApiInteractionValidator.createForSpecificationUrl(SPEC.toUri().toString()).build();
    }
    return validator;
  }

  static synchronized JsonNode spec() {
    if (spec == null) {
      try {
        spec = MAPPER.readTree(SPEC.toFile());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return spec;
  }

  /** A copy of {@code components.examples.<name>.value}, to edit into a fixture. */
  public static JsonNode example(String name) {
    JsonNode value = spec().path("components").path("examples").path(name).path("value");
    assertThat(value.isMissingNode()).as("example %s in the spec", name).isFalse();
    return value.deepCopy();
  }

  public static ObjectNode exampleObject(String name) {
    return (ObjectNode) example(name);
  }

  /** Validates one recorded request against the spec. */
  public static ValidationReport validate(RecordedRequest recorded) {
    HttpUrl url = recorded.getRequestUrl();
    SimpleRequest.Builder b =
        new SimpleRequest.Builder(Request.Method.valueOf(recorded.getMethod()), url.encodedPath());
    for (String name : url.queryParameterNames()) {
      b.withQueryParam(name, url.queryParameterValues(name));
    }
    recorded.getHeaders().forEach(h -> b.withHeader(h.getFirst(), h.getSecond()));
    if (recorded.getBodySize() > 0) {
      b.withBody(recorded.getBody().clone().readUtf8());
    }
    return validator().validateRequest(b.build());
  }

  /**
   * Errors, less three places where the published spec is stricter than GitHub's documented API:
   *
   * <ul>
   *   <li>{@code Accept: application/vnd.github+json} is the media type GitHub's docs tell clients
   *       to send; the spec lists only {@code application/json} for responses;
   *   <li>{@code workflow_id} is {@code oneOf [integer, string]}; the validator tries to read a
   *       file name such as {@code deploy.yml} as JSON before trying the string branch;
   *   <li>{@code created} is typed {@code date-time}, but GitHub documents the search syntax
   *       ({@code >=2026-01-01T00:00:00Z}) for it.
   * </ul>
   */
  public static List<ValidationReport.Message> errors(RecordedRequest recorded) {
    return validate(recorded).getMessages().stream()
        .filter(m -> m.getLevel() == ValidationReport.Level.ERROR)
        .filter(m -> !documentedDeviation(m, recorded))
        .toList();
  }

  private static boolean documentedDeviation(ValidationReport.Message m, RecordedRequest r) {
    String parameter =
        m.getContext().flatMap(c -> c.getParameter()).map(p -> p.getName()).orElse("");
    switch (m.getKey()) {
      case "validation.request.accept.notAllowed":
        return "application/vnd.github+json".equals(r.getHeader("Accept"));
      case "validation.request.parameter.schema.invalidJson":
        return parameter.equals("workflow_id");
      case "validation.request.parameter.schema.format.date-time":
        String created = r.getRequestUrl().queryParameter("created");
        return parameter.equals("created") && created != null && created.matches("[<>]=?.+");
      default:
        return false;
    }
  }

  /**
   * Errors in one exchange with a simulator: a JSON request (or none) and the answer it got, both
   * validated against the spec (less the {@code workflow_id} deviation described at {@link
   * #errors}).
   */
  public static List<ValidationReport.Message> exchangeErrors(
      String method,
      String path,
      String requestBody,
      int status,
      String contentType,
      String responseBody) {
    SimpleRequest.Builder request =
        new SimpleRequest.Builder(Request.Method.valueOf(method), path)
            .withHeader("Authorization", "Bearer ghs_sim")
            .withAccept("application/json");
    if (requestBody != null) {
      request.withContentType("application/json").withBody(requestBody);
    }
    SimpleResponse.Builder response = SimpleResponse.Builder.status(status);
    if (contentType != null) {
      response.withContentType(contentType);
    }
    if (responseBody != null && !responseBody.isEmpty()) {
      response.withBody(responseBody);
    }
    return validator().validate(request.build(), response.build()).getMessages().stream()
        .filter(m -> m.getLevel() == ValidationReport.Level.ERROR)
        .filter(
            m ->
                !(m.getKey().equals("validation.request.parameter.schema.invalidJson")
                    && m.getContext()
                        .flatMap(c -> c.getParameter())
                        .map(p -> p.getName().equals("workflow_id"))
                        .orElse(false)))
        .toList();
  }

  public static void assertConforms(RecordedRequest recorded) {
    ValidationReport report = validate(recorded);
    assertThat(errors(recorded))
        .as(
            "%s %s against github-ci-subset.json:%n%s",
            recorded.getMethod(),
            recorded.getPath(),
            report.getMessages().stream()
                .map(m -> m.getKey() + " " + m + " " + m.getContext())
                .collect(Collectors.joining("\n")))
        .isEmpty();
  }
}
