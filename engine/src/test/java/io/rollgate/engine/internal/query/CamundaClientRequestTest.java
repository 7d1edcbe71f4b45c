package io.rollgate.engine.internal.query;

import static io.rollgate.engine.internal.query.Fixtures.millis;
import static io.rollgate.engine.internal.query.Fixtures.parseJson;
import static org.assertj.core.api.Assertions.assertThat;

import io.rollgate.engine.internal.query.Fixtures.Definition;
import io.rollgate.engine.internal.query.Fixtures.ElementInstance;
import io.rollgate.engine.internal.query.Fixtures.Incident;
import io.rollgate.engine.internal.query.Fixtures.Instance;
import io.rollgate.engine.internal.query.Fixtures.State;
import io.rollgate.engine.internal.query.Fixtures.Variable;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Request bodies exactly as the Camunda Java client sends them. */
class CamundaClientRequestTest {
  private static final long PI = 2251799813685252L;
  private static final long OTHER_PI = 2251799813685260L;

  @Test
  void processInstanceSearchWithEmptyListsFindsTheInstanceByKey() {
    // given
    String body =
        "{\"sort\":[{\"field\":\"startDate\",\"order\":\"ASC\"}],\"filter\":{\"tags\":[],"
            + "\"variables\":[],\"processInstanceKey\":{\"$eq\":\"2251799813685252\",\"$in\":[],"
            + "\"$notIn\":[]},\"$or\":[]},\"page\":{\"limit\":100}}";
    List<Instance> data =
        List.of(Fixtures.instance(OTHER_PI), Fixtures.instance(PI), Fixtures.instance(PI + 1));

    // when
    SearchQuery<Instance> query = SearchQuery.parse(parseJson(body), Fixtures.INSTANCES);
    SearchResult<Instance> result = query.execute(data);

    // then
    assertThat(Fixtures.keys(result)).containsExactly(PI);
    assertThat(result.totalItems()).isEqualTo(1);
    assertThat(query.equalityOn("processInstanceKey")).contains(PI);
  }

  @Test
  void elementInstanceSearchFindsTheCompletedEndEvent() {
    // given
    String body =
        "{\"sort\":[{\"field\":\"startDate\",\"order\":\"ASC\"}],\"filter\":{\"state\":{\"$eq\":"
            + "\"COMPLETED\",\"$in\":[]},\"elementId\":\"end\",\"processInstanceKey\":"
            + "\"2251799813685252\"},\"page\":{\"from\":0,\"limit\":100}}";
    List<ElementInstance> data =
        List.of(
            new ElementInstance(11, PI, "start", State.COMPLETED, 1),
            new ElementInstance(12, PI, "task", State.ACTIVE, 2),
            new ElementInstance(13, PI, "end", State.COMPLETED, 3),
            new ElementInstance(14, OTHER_PI, "end", State.COMPLETED, 4),
            new ElementInstance(15, PI, "end", State.TERMINATED, 5));

    // when
    SearchQuery<ElementInstance> query =
        SearchQuery.parse(parseJson(body), Fixtures.ELEMENT_INSTANCES);
    SearchResult<ElementInstance> result = query.execute(data);

    // then
    assertThat(result.items()).extracting(ElementInstance::key).containsExactly(13L);
    assertThat(query.equalityOn("processInstanceKey")).contains(PI);
    assertThat(query.equalityOn("state")).contains("COMPLETED");
    assertThat(query.equalityOn("elementId")).contains("end");
  }

  @Test
  void variableSearchWithoutSortFindsTheVariableOfTheScope() {
    // given
    String body =
        "{\"sort\":[],\"filter\":{\"name\":{\"$eq\":\"a\",\"$in\":[],\"$notIn\":[]},\"scopeKey\":"
            + "{\"$eq\":\"2251799813685252\",\"$in\":[],\"$notIn\":[]},\"processInstanceKey\":"
            + "{\"$eq\":\"2251799813685252\",\"$in\":[],\"$notIn\":[]}},\"page\":{\"limit\":100}}";
    List<Variable> data =
        List.of(
            new Variable(23, "a", "1", PI, PI),
            new Variable(21, "b", "2", PI, PI),
            new Variable(22, "a", "3", 99, PI),
            new Variable(24, "a", "4", OTHER_PI, OTHER_PI));

    // when
    SearchQuery<Variable> query = SearchQuery.parse(parseJson(body), Fixtures.VARIABLES);
    SearchResult<Variable> result = query.execute(data);

    // then
    assertThat(result.items()).extracting(Variable::key).containsExactly(23L);
    assertThat(query.equalityOn("name")).contains("a");
    assertThat(query.equalityOn("scopeKey")).contains(PI);
  }

  @Test
  void incidentSearchWithoutPageUsesTheDefaultLimit() {
    // given
    String body =
        "{\"sort\":[{\"field\":\"creationTime\",\"order\":\"ASC\"}],\"filter\":"
            + "{\"processInstanceKey\":\"2251799813685252\"}}";
    List<Incident> data =
        List.of(
            new Incident(31, PI, "JOB_NO_RETRIES", millis("2024-01-02T00:00:00Z")),
            new Incident(32, PI, "IO_MAPPING_ERROR", millis("2024-01-01T00:00:00Z")),
            new Incident(33, OTHER_PI, "JOB_NO_RETRIES", millis("2024-01-01T00:00:00Z")));

    // when
    SearchResult<Incident> result =
        SearchQuery.parse(parseJson(body), Fixtures.INCIDENTS).execute(data);

    // then
    assertThat(result.items()).extracting(Incident::key).containsExactly(32L, 31L);
    assertThat(result.totalItems()).isEqualTo(2);
  }

  @Test
  void processDefinitionSearchSortsVersionsNewestFirst() {
    // given
    String body =
        "{\"sort\":[{\"field\":\"version\",\"order\":\"DESC\"}],\"filter\":"
            + "{\"processDefinitionId\":{\"$eq\":\"p\",\"$in\":[],\"$notIn\":[]}}}";
    List<Definition> data =
        List.of(
            new Definition(41, "p", 1),
            new Definition(43, "p", 3),
            new Definition(44, "q", 4),
            new Definition(42, "p", 2));

    // when
    SearchResult<Definition> result =
        SearchQuery.parse(parseJson(body), Fixtures.DEFINITIONS).execute(data);

    // then
    assertThat(result.items()).extracting(Definition::version).containsExactly(3, 2, 1);
  }

  @Test
  void processInstanceSearchByVariableUsesTheCustomField() {
    // given
    String body =
        "{\"filter\":{\"tags\":[],\"variables\":[{\"name\":\"x\",\"value\":\"1\"}],\"$or\":[]},"
            + "\"page\":{\"limit\":100}}";
    Instance withX =
        new Instance(PI, 1L, "p", State.ACTIVE, 1, 0L, null, false, "<default>", Map.of("x", "1"));
    List<Instance> data = List.of(Fixtures.instance(OTHER_PI), withX);

    // when
    SearchResult<Instance> result =
        SearchQuery.parse(parseJson(body), Fixtures.INSTANCES).execute(data);

    // then
    assertThat(result.items()).containsExactly(withX);
  }
}
