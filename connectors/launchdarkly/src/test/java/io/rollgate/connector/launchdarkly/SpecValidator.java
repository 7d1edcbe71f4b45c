package io.rollgate.connector.launchdarkly;

import static org.assertj.core.api.Assertions.assertThat;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import okhttp3.HttpUrl;
import okhttp3.mockwebserver.RecordedRequest;

/**
 * Validates requests (and answers) against LaunchDarkly's OpenAPI spec from {@code
 * rollgate.specs.dir} (the project's {@code specs/}). The 3 MB spec is parsed once per test JVM.
 */
final class SpecValidator {

  private SpecValidator() {}

  private static final class Holder {
    static final OpenApiInteractionValidator VALIDATOR = load();

    private static OpenApiInteractionValidator load() {
      String dir = System.getProperty("rollgate.specs.dir");
      if (dir == null) {
        throw new IllegalStateException("system property rollgate.specs.dir is not set");
      }
      Path spec = unpacked(Path.of(dir, "launchdarkly-openapi.yaml.gz").toAbsolutePath());
      // The validator would add additionalProperties:false to every schema that names none; the
      // spec's instruction item lists only kind and rolloutWeights although each kind documents
      // its own fields (variationId, rolloutBucketBy, ...). Explicit restrictions still apply.
      return OpenApiInteractionValidator.createForSpecificationUrl(spec.toUri().toString())
          .withLevelResolver(
              LevelResolver.create()
                  .withLevel(
                      "validation.schema.additionalProperties", ValidationReport.Level.IGNORE)
                  .build())
          .build();
    }
  }

  /** The spec is kept gzipped (3 MB as text); the validator reads it from a plain file. */
  private static Path unpacked(Path gzipped) {
    if (!Files.isRegularFile(gzipped)) {
      throw new IllegalStateException("LaunchDarkly spec not found at " + gzipped.normalize());
    }
    try (var in = new java.util.zip.GZIPInputStream(Files.newInputStream(gzipped))) {
      Path spec = Files.createTempFile("launchdarkly-openapi", ".yaml");
      spec.toFile().deleteOnExit();
      Files.copy(in, spec, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      return spec;
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("cannot unpack " + gzipped, e);
    }
  }

  static ValidationReport validate(Request request) {
    return Holder.VALIDATOR.validateRequest(request);
  }

  static ValidationReport validate(Request request, SimpleResponse response) {
    return Holder.VALIDATOR.validate(request, response);
  }

  /** The recorded request as the validator sees it: method, path, query, headers and body. */
  static Request toRequest(RecordedRequest recorded) {
    HttpUrl url = recorded.getRequestUrl();
    SimpleRequest.Builder b = new SimpleRequest.Builder(recorded.getMethod(), url.encodedPath());
    for (String name : url.queryParameterNames()) {
      b.withQueryParam(name, url.queryParameterValues(name));
    }
    recorded.getHeaders().names().forEach(n -> b.withHeader(n, recorded.getHeaders().values(n)));
    String body = recorded.getBody().clone().readUtf8();
    if (!body.isEmpty()) {
      b.withBody(body);
    }
    return b.build();
  }

  static void assertConforms(RecordedRequest recorded) {
    ValidationReport report = validate(toRequest(recorded));
    assertThat(report.hasErrors())
        .as(
            "%s %s conforms to the LaunchDarkly spec: %s",
            recorded.getMethod(),
            recorded.getPath(),
            report.getMessages().stream()
                .map(ValidationReport.Message::toString)
                .collect(Collectors.joining("; ")))
        .isFalse();
  }
}
