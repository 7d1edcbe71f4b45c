package io.rollgate.workers;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.rollgate.processes.Lifecycle;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/**
 * The Camunda Modeler element templates in {@code processes/element-templates} against the workers
 * they configure: a task made from a template hands its worker every variable the worker reads and
 * takes back every variable it writes; the service's recording tasks offer every gate and end
 * state. (Their JSON schema is checked by the model lint.)
 */
class ElementTemplatesTest {

  private static final Path TEMPLATES = Path.of("..", "processes", "element-templates");
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void everyJobTypeOfTheLifecycleHasOneTemplateAndNoTemplateAnUnknownJobType() {
    // given
    List<JsonNode> templates = templates();

    // when
    List<String> types = templates.stream().map(ElementTemplatesTest::jobType).toList();

    // then
    assertThat(types)
        .containsExactlyInAnyOrderElementsOf(
            Stream.concat(Lifecycle.Jobs.ALL.stream(), Lifecycle.Jobs.RECORDING.stream()).toList());
  }

  @Test
  void theRecordingTemplatesOfferEveryGateAndEveryEndStateTheServiceRecords() {
    // given
    Map<String, JsonNode> templates = templatesByJobType();

    // when
    List<String> gates =
        choices(templates.get(Lifecycle.Jobs.ROLLGATE_RECORD_GATE), Lifecycle.Gates.HEADER_GATE);
    List<String> states =
        choices(
            templates.get(Lifecycle.Jobs.ROLLGATE_RECORD_OUTCOME),
            Lifecycle.EndStates.HEADER_STATE);

    // then
    assertThat(gates).containsExactlyInAnyOrderElementsOf(Lifecycle.Gates.RECORDED);
    assertThat(states).containsExactlyInAnyOrderElementsOf(Lifecycle.EndStates.ALL);
  }

  @Test
  void eachTemplateRequiresExactlyTheVariablesItsWorkerReads() {
    // given
    Map<String, JsonNode> templates = templatesByJobType();

    // when / then
    assertThat(WorkerMethods.serviceTasks())
        .allSatisfy(
            worker -> {
              JsonNode template = templates.get(WorkerMethods.type(worker));
              List<JsonNode> inputs = properties(template, "zeebe:input").toList();
              assertThat(inputs)
                  .as("inputs of %s", WorkerMethods.type(worker))
                  .extracting(p -> p.at("/binding/name").asText())
                  .containsExactlyInAnyOrderElementsOf(WorkerMethods.inputs(worker));
              assertThat(inputs)
                  .as(
                      "inputs of %s: required unless the worker takes it absent, mapped from the"
                          + " variable of the same name",
                      worker)
                  .allSatisfy(
                      p -> {
                        assertThat(p.at("/constraints/notEmpty").asBoolean())
                            .isEqualTo(
                                !WorkerMethods.mayBeAbsent(worker)
                                    .contains(p.at("/binding/name").asText()));
                        assertThat(p.path("value").asText())
                            .isEqualTo("=" + p.at("/binding/name").asText());
                      });
            });
  }

  @Test
  void eachTemplateTakesBackEveryVariableItsWorkerWrites() {
    // given
    Map<String, JsonNode> templates = templatesByJobType();

    // when / then
    for (Method worker : WorkerMethods.serviceTasks()) {
      List<JsonNode> outputs =
          properties(templates.get(WorkerMethods.type(worker)), "zeebe:output").toList();
      assertThat(outputs)
          .as("outputs of %s", WorkerMethods.type(worker))
          .extracting(p -> p.at("/binding/source").asText())
          .containsExactlyInAnyOrderElementsOf(
              WorkerMethods.outputs(worker).stream().map(name -> "=" + name).toList());
      assertThat(outputs)
          .as("outputs of %s go to the variable of the same name by default", worker)
          .allSatisfy(
              p ->
                  assertThat("=" + p.path("value").asText())
                      .isEqualTo(p.at("/binding/source").asText()));
    }
  }

  @Test
  void everyTemplateIsNamedDescribedAndIdentifiedByItsJobType() {
    // given / when
    List<JsonNode> templates = templates();

    // then
    assertThat(templates)
        .allSatisfy(
            t -> {
              assertThat(t.path("id").asText()).isEqualTo("io.rollgate." + jobType(t));
              assertThat(t.path("name").asText())
                  .matches("(CI|ServiceNow|LaunchDarkly|Rollgate): .+");
              assertThat(t.path("description").asText()).isNotBlank();
              assertThat(t.at("/elementType/value").asText()).isEqualTo("bpmn:ServiceTask");
              assertThat(properties(t, "zeebe:input").toList())
                  .allSatisfy(p -> assertThat(p.path("description").asText()).isNotBlank());
            });
  }

  private static List<String> choices(JsonNode template, String header) {
    return properties(template, "zeebe:taskHeader")
        .filter(p -> header.equals(p.at("/binding/key").asText()))
        .flatMap(p -> StreamSupport.stream(p.path("choices").spliterator(), false))
        .map(c -> c.path("value").asText())
        .toList();
  }

  private static Map<String, JsonNode> templatesByJobType() {
    return templates().stream()
        .collect(Collectors.toMap(ElementTemplatesTest::jobType, Function.identity()));
  }

  private static String jobType(JsonNode template) {
    return properties(template, "zeebe:taskDefinition")
        .filter(p -> "type".equals(p.at("/binding/property").asText()))
        .map(p -> p.path("value").asText())
        .findFirst()
        .orElseThrow(() -> new AssertionError(template.path("id") + " sets no job type"));
  }

  private static Stream<JsonNode> properties(JsonNode template, String bindingType) {
    return StreamSupport.stream(template.path("properties").spliterator(), false)
        .filter(p -> bindingType.equals(p.at("/binding/type").asText()));
  }

  private static List<JsonNode> templates() {
    try (Stream<Path> files = Files.list(TEMPLATES)) {
      return files
          .filter(f -> f.toString().endsWith(".json"))
          .sorted()
          .map(ElementTemplatesTest::read)
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static JsonNode read(Path file) {
    try {
      return JSON.readTree(file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
