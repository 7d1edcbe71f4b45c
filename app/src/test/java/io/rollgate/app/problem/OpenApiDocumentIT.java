package io.rollgate.app.problem;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.rollgate.app.support.RunningService;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The OpenAPI document the service serves is the one committed in {@code
 * src/main/resources/openapi/rollgate-v1.json}, so every change to the API is seen in review; and
 * every operation documents its problem responses.
 */
class OpenApiDocumentIT extends RunningService {

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);
  private static final String COMMITTED = "/openapi/rollgate-v1.json";

  @Test
  void theServedDocumentIsTheCommittedOne() throws IOException {
    // given
    JsonNode committed;
    try (InputStream in = OpenApiDocumentIT.class.getResourceAsStream(COMMITTED)) {
      committed = JSON.readTree(in);
    }

    // when
    Answer served = call("GET", "/api/v1/openapi.json", null, null, null);

    // then
    assertThat(served.status()).isEqualTo(200);
    JsonNode document = served.json();
    if (!document.equals(committed)) {
      Path copy = Path.of("target", "openapi", "rollgate-v1.json");
      Files.createDirectories(copy.getParent());
      Files.writeString(copy, pretty(document));
      throw new AssertionError(
          "the served OpenAPI document differs from app/src/main/resources"
              + COMMITTED
              + "; if the change is meant, copy app/"
              + copy
              + " over it");
    }
  }

  @Test
  void everyOperationDocumentsItsProblems() {
    // when
    JsonNode document = call("GET", "/api/v1/openapi.json", null, null, null).json();

    // then
    List<String> missing = new ArrayList<>();
    int operations = 0;
    int bodies = 0;
    for (var path :
        (Iterable<java.util.Map.Entry<String, JsonNode>>) document.path("paths")::fields) {
      for (var operation :
          (Iterable<java.util.Map.Entry<String, JsonNode>>) path.getValue()::fields) {
        operations++;
        Set<String> statuses =
            new HashSet<>(Set.of("400", "401", "403", "404", "406", "409", "422"));
        if (operation.getValue().has("requestBody")) {
          bodies++;
          statuses.addAll(Set.of("413", "415"));
        }
        for (String status : statuses) {
          JsonNode response = operation.getValue().path("responses").path(status);
          if (response.path("content").path("application/problem+json").isMissingNode()) {
            missing.add(operation.getKey().toUpperCase() + " " + path.getKey() + " " + status);
          }
        }
      }
    }
    assertThat(operations).isGreaterThan(10);
    assertThat(bodies).isGreaterThan(4);
    assertThat(missing).isEmpty();
    assertThat(document.path("paths").has("/api/v1/releases/{id}/events")).isTrue();
  }

  @Test
  void swaggerUiIsServedWithoutACredential() {
    // when
    Answer ui = call("GET", "/swagger-ui/index.html", null, null, null);

    // then
    assertThat(ui.status()).isEqualTo(200);
    assertThat(ui.body()).contains("Swagger UI");
  }

  private static String pretty(JsonNode node) throws IOException {
    return JSON.writerWithDefaultPrettyPrinter()
            .writeValueAsString(JSON.treeToValue(node, Object.class))
        + "\n";
  }
}
