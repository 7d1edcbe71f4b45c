package io.rollgate.app.problem;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The gate API's OpenAPI document ({@code /api/v1/openapi.json}, Swagger UI at {@code
 * /swagger-ui.html}): bearer authentication, and on every operation the RFC 9457 problems it may
 * answer. A committed copy is compared with the served one by a test, so a change to the API shows
 * in review.
 */
@Configuration(proxyBeanMethods = false)
class ApiDocumentation {

  static final String PROBLEM = "Problem";

  /** The problems every operation documents, and what each means to a caller. */
  static final Map<String, String> PROBLEMS;

  static {
    Map<String, String> problems = new LinkedHashMap<>();
    problems.put(
        "400", "Malformed request: the body is not JSON, or a parameter has the wrong type");
    problems.put("401", "No credential, or one the service does not accept");
    problems.put(
        "403", "The credential's roles do not allow this (the problem names those that do)");
    problems.put("404", "No such release, gate or endpoint");
    problems.put("406", "The Accept header names none of the types this operation answers with");
    problems.put("409", "The resource is not in a state that allows this, e.g. the release ended");
    problems.put(
        "422", "Well-formed but invalid input: errors names each field and what to change");
    PROBLEMS = Map.copyOf(problems);
  }

  /** The problems every operation that takes a body documents beside {@link #PROBLEMS}. */
  static final Map<String, String> BODY_PROBLEMS =
      Map.of(
          "413", "The body is larger than rollgate.http.max-body-size (1MB unless configured)",
          "415", "The body is not sent as application/json");

  @Bean
  OpenAPI rollgateOpenApi() {
    return new OpenAPI()
        .info(
            new Info()
                .title("Rollgate gate API")
                .version("v1")
                .description(
                    "Start releases, follow their gates, report deploys and read the decision log."
                        + " Every error is an RFC 9457 problem (application/problem+json).")
                .license(new License().name("Apache-2.0")))
        // relative, so that the document is the same wherever the service runs
        .servers(List.of(new Server().url("/")))
        .components(
            new Components()
                .addSecuritySchemes(
                    "bearer",
                    new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP)
                        .scheme("bearer")
                        .description("an API token (rg_...) or a JWT of the configured issuer"))
                .addSchemas(PROBLEM, problemSchema()))
        .addSecurityItem(new SecurityRequirement().addList("bearer"));
  }

  @Bean
  OpenApiCustomizer problemResponses() {
    return openApi -> {
      if (openApi.getPaths() == null) {
        return;
      }
      openApi
          .getPaths()
          .values()
          .forEach(path -> path.readOperations().forEach(ApiDocumentation::documentProblems));
    };
  }

  private static void documentProblems(Operation operation) {
    ApiResponses responses = operation.getResponses();
    if (responses == null) {
      responses = new ApiResponses();
      operation.setResponses(responses);
    }
    Map<String, String> problems = new LinkedHashMap<>(PROBLEMS);
    if (operation.getRequestBody() != null) {
      problems.putAll(BODY_PROBLEMS);
    }
    for (String status : problems.keySet().stream().sorted().toList()) {
      ApiResponse problem =
          new ApiResponse()
              .description(problems.get(status))
              .content(
                  new Content()
                      .addMediaType(
                          "application/problem+json",
                          new MediaType()
                              .schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM))));
      // the controller's own description of a status, if any, gives way to the uniform problem
      responses.put(status, problem);
    }
  }

  @SuppressWarnings("rawtypes")
  private static Schema problemSchema() {
    ObjectSchema fieldProblem = new ObjectSchema();
    fieldProblem.addProperty(
        "field", new StringSchema().description("the body member or parameter"));
    fieldProblem.addProperty("message", new StringSchema().description("what to change"));
    ObjectSchema problem = new ObjectSchema();
    problem.description("RFC 9457 problem details");
    problem.addProperty("type", new StringSchema().example("about:blank"));
    problem.addProperty("title", new StringSchema());
    problem.addProperty("status", new IntegerSchema());
    problem.addProperty("detail", new StringSchema());
    problem.addProperty("instance", new StringSchema());
    problem.addProperty("errors", new ArraySchema().items(fieldProblem));
    return problem;
  }
}
