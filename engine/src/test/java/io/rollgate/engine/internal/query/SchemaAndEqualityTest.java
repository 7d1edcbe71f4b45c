package io.rollgate.engine.internal.query;

import static io.rollgate.engine.internal.query.Fixtures.INSTANCES;
import static io.rollgate.engine.internal.query.Fixtures.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rollgate.engine.internal.query.Fixtures.Instance;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class SchemaAndEqualityTest {
  record Thing(long id, String name) {}

  private static SearchQuery<Instance> query(String singleQuotedBody) {
    return SearchQuery.parse(json(singleQuotedBody), INSTANCES);
  }

  @Nested
  class Schema {
    @Test
    void describesItsFields() {
      // given
      EntitySchema<Instance> schema = INSTANCES;

      // when / then
      assertThat(schema.entityName()).isEqualTo("process instance");
      assertThat(schema.keyField()).isEqualTo("processInstanceKey");
      assertThat(schema.fieldType("startDate")).contains(FieldType.DATE);
      assertThat(schema.fieldType("variables")).isEmpty();
      assertThat(schema.filterFields())
          .startsWith("processInstanceKey")
          .endsWith("variables", "tags");
      assertThat(schema.sortFields()).doesNotContain("variables", "tags").contains("state");
    }

    @Test
    void sortableOnlyRestrictsSorting() {
      // given
      EntitySchema<Fixtures.Variable> schema = Fixtures.VARIABLES;

      // when / then
      assertThat(schema.sortFields())
          .containsExactly("variableKey", "name", "scopeKey", "processInstanceKey");
    }

    @Test
    void keyFieldMayBeAnyDeclaredField() {
      // given
      EntitySchema<Thing> byName =
          EntitySchema.<Thing>builder("thing")
              .field("name", FieldType.STRING, Thing::name)
              .keyField("name")
              .build();
      List<Thing> things = List.of(new Thing(1, "b"), new Thing(2, "a"));

      // when
      SearchResult<Thing> result = SearchQuery.parse(null, byName).execute(things);

      // then
      assertThat(result.items()).extracting(Thing::name).containsExactly("a", "b");
    }

    @Test
    void missingKeyIsAProgrammingError() {
      // given
      EntitySchema.Builder<Thing> builder =
          EntitySchema.<Thing>builder("thing").field("name", FieldType.STRING, Thing::name);

      // when / then
      assertThatThrownBy(builder::build)
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("no key field");
    }

    @Test
    void invalidDeclarationsAreProgrammingErrors() {
      // given
      EntitySchema.Builder<Thing> builder =
          EntitySchema.<Thing>builder("thing").key("id", Thing::id);

      // when / then
      assertThatThrownBy(() -> builder.field("id", FieldType.KEY, Thing::id))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("field 'id' is declared twice");
      assertThatThrownBy(() -> builder.ignored("id")).isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> builder.custom("$or", json -> null))
          .isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> builder.keyField("nope"))
          .isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> EntitySchema.<Thing>builder(" "))
          .isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> builder.sortableOnly("nope").build())
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("sortable field 'nope' is not a declared field of thing");
    }

    @Test
    void dateGetterReturningAnInstantFailsLoudly() {
      // given
      EntitySchema<Thing> schema =
          EntitySchema.<Thing>builder("thing")
              .key("id", Thing::id)
              .field("created", FieldType.DATE, thing -> Instant.EPOCH)
              .build();
      SearchQuery<Thing> query =
          SearchQuery.parse(json("{'filter':{'created':{'$gt':'2020-01-01T00:00:00Z'}}}"), schema);

      // when / then
      assertThatThrownBy(() -> query.execute(List.of(new Thing(1, "a"))))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("must return a Number of epoch milliseconds");
    }
  }

  @Nested
  class EqualityOn {
    @Test
    void plainValuesAndEqPinFieldsWithTypedValues() {
      // given
      SearchQuery<Instance> query =
          query(
              "{'filter':{'processInstanceKey':'7','processDefinitionVersion':{'$eq':3},"
                  + "'processDefinitionId':'p','state':{'$eq':'ACTIVE','$in':[]},"
                  + "'hasIncident':false,'startDate':'2024-01-01T00:00:00Z'}}");

      // when / then
      assertThat(query.equalityOn("processInstanceKey")).contains(7L);
      assertThat(query.equalityOn("processDefinitionVersion")).contains(3);
      assertThat(query.equalityOn("processDefinitionId")).contains("p");
      assertThat(query.equalityOn("state")).contains("ACTIVE");
      assertThat(query.equalityOn("hasIncident")).contains(false);
      assertThat(query.equalityOn("startDate")).contains(Fixtures.millis("2024-01-01T00:00:00Z"));
    }

    @Test
    void otherOperatorsAndOrDoNotPinFields() {
      // given
      SearchQuery<Instance> query =
          query(
              "{'filter':{'processInstanceKey':{'$in':['7']},'tenantId':{'$neq':'a'},"
                  + "'$or':[{'processDefinitionId':'p'}],'state':null,"
                  + "'endDate':{'$eq':'2024-01-01T00:00:00.000000001Z'}}}");

      // when / then
      assertThat(query.equalityOn("processInstanceKey")).isEmpty();
      assertThat(query.equalityOn("tenantId")).isEmpty();
      assertThat(query.equalityOn("processDefinitionId")).isEmpty();
      assertThat(query.equalityOn("state")).isEmpty();
      assertThat(query.equalityOn("endDate")).isEmpty();
    }

    @Test
    void unknownFieldIsAProgrammingError() {
      // given
      SearchQuery<Instance> query = query("{}");

      // when / then
      assertThatThrownBy(() -> query.equalityOn("variables"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("'variables' is not a typed field of process instance");
    }

    @Test
    void predicateCanBeUsedOnItsOwn() {
      // given
      SearchQuery<Instance> query = query("{'filter':{'processInstanceKey':{'$gte':5}}}");
      Predicate<Instance> predicate = query.predicate();

      // when / then
      assertThat(predicate.test(Fixtures.instance(4))).isFalse();
      assertThat(predicate.test(Fixtures.instance(5))).isTrue();
      assertThat(query.equalityOn("processInstanceKey")).isEqualTo(Optional.empty());
    }
  }
}
