package io.rollgate.engine.internal.query;

import static io.rollgate.engine.internal.query.Fixtures.INSTANCES;
import static io.rollgate.engine.internal.query.Fixtures.json;
import static io.rollgate.engine.internal.query.Fixtures.millis;
import static org.assertj.core.api.Assertions.assertThat;

import io.rollgate.engine.internal.query.Fixtures.Incident;
import io.rollgate.engine.internal.query.Fixtures.Instance;
import io.rollgate.engine.internal.query.Fixtures.State;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class FilterTest {
  private static final List<Instance> INSTANCES_DATA =
      List.of(
          new Instance(
              1,
              100L,
              "order-process",
              State.ACTIVE,
              1,
              millis("2024-01-01T00:00:00Z"),
              null,
              false,
              "<default>",
              Map.of("x", "1")),
          new Instance(
              2,
              200L,
              "order-process",
              State.COMPLETED,
              2,
              millis("2024-02-01T00:00:00Z"),
              millis("2024-02-02T00:00:00Z"),
              true,
              "t1",
              Map.of("x", "2", "y", "\"a\"")),
          new Instance(
              3,
              300L,
              "invoice",
              State.TERMINATED,
              3,
              millis("2024-03-01T00:00:00Z"),
              millis("2024-03-05T00:00:00Z"),
              false,
              null,
              Map.of()),
          new Instance(
              4, null, "Order-Process", State.ACTIVE, null, null, null, null, "t1", Map.of()));

  /** The keys matching a filter, in key order (the default sort). */
  private static List<Long> matching(String singleQuotedFilter) {
    SearchQuery<Instance> query =
        SearchQuery.parse(json("{'filter':" + singleQuotedFilter + "}"), INSTANCES);
    return Fixtures.keys(query.execute(INSTANCES_DATA));
  }

  @Nested
  class StringFields {
    @Test
    void plainValueMeansEquality() {
      // given
      String filter = "{'processDefinitionId':'order-process'}";

      // when
      List<Long> keys = matching(filter);

      // then
      assertThat(keys).containsExactly(1L, 2L);
    }

    @Test
    void eqMatchesCaseSensitively() {
      // given
      String filter = "{'processDefinitionId':{'$eq':'Order-Process'}}";

      // when
      List<Long> keys = matching(filter);

      // then
      assertThat(keys).containsExactly(4L);
    }

    @Test
    void neqAlsoMatchesItemsWithoutAValue() {
      // given
      String filter = "{'tenantId':{'$neq':'t1'}}";

      // when
      List<Long> keys = matching(filter);

      // then
      assertThat(keys).containsExactly(1L, 3L);
    }

    @Test
    void existsSelectsPresentOrAbsentValues() {
      // given
      String present = "{'tenantId':{'$exists':true}}";
      String absent = "{'tenantId':{'$exists':false}}";

      // when
      List<Long> withTenant = matching(present);
      List<Long> withoutTenant = matching(absent);

      // then
      assertThat(withTenant).containsExactly(1L, 2L, 4L);
      assertThat(withoutTenant).containsExactly(3L);
    }

    @Test
    void inMatchesAnyListedValue() {
      // given
      String filter = "{'processDefinitionId':{'$in':['invoice','Order-Process','unknown']}}";

      // when
      List<Long> keys = matching(filter);

      // then
      assertThat(keys).containsExactly(3L, 4L);
    }

    @Test
    void notInExcludesListedValuesButKeepsNulls() {
      // given
      String filter = "{'tenantId':{'$notIn':['t1','<default>']}}";

      // when
      List<Long> keys = matching(filter);

      // then
      assertThat(keys).containsExactly(3L);
    }

    @Test
    void likeTakesStarForAnyRunAndQuestionMarkForOneCharacter() {
      // given
      String star = "{'processDefinitionId':{'$like':'*-process'}}";
      String question = "{'processDefinitionId':{'$like':'invoic?'}}";
      String both = "{'processDefinitionId':{'$like':'?rder*'}}";

      // when / then
      assertThat(matching(star)).containsExactly(1L, 2L);
      assertThat(matching(question)).containsExactly(3L);
      assertThat(matching(both)).containsExactly(1L, 2L, 4L);
    }

    @Test
    void likeIsCaseSensitiveAndNeverMatchesNull() {
      // given
      String upper = "{'processDefinitionId':{'$like':'O*'}}";
      String anything = "{'tenantId':{'$like':'*'}}";

      // when / then
      assertThat(matching(upper)).containsExactly(4L);
      assertThat(matching(anything)).containsExactly(1L, 2L, 4L);
    }

    @Test
    void likeTreatsOtherCharactersLiterally() {
      // given
      String regexLooking = "{'tenantId':{'$like':'<.*>'}}";
      String literal = "{'tenantId':{'$like':'<default>'}}";

      // when / then
      assertThat(matching(regexLooking)).isEmpty();
      assertThat(matching(literal)).containsExactly(1L);
    }
  }

  @Nested
  class KeyFields {
    @Test
    void plainValueAcceptsStringAndNumber() {
      // given
      String asString = "{'processDefinitionKey':'200'}";
      String asNumber = "{'processDefinitionKey':200}";

      // when / then
      assertThat(matching(asString)).containsExactly(2L);
      assertThat(matching(asNumber)).containsExactly(2L);
    }

    @Test
    void eqAndNeqCompareTheKey() {
      // given
      String eq = "{'processInstanceKey':{'$eq':'3'}}";
      String neq = "{'processDefinitionKey':{'$neq':'100'}}";

      // when / then
      assertThat(matching(eq)).containsExactly(3L);
      assertThat(matching(neq)).containsExactly(2L, 3L, 4L);
    }

    @Test
    void inAndNotInAcceptMixedStringsAndNumbers() {
      // given
      String in = "{'processInstanceKey':{'$in':['1',3,'99']}}";
      String notIn = "{'processDefinitionKey':{'$notIn':[100,'300']}}";

      // when / then
      assertThat(matching(in)).containsExactly(1L, 3L);
      assertThat(matching(notIn)).containsExactly(2L, 4L);
    }

    @Test
    void orderingOperatorsCompareNumericallyAndSkipNulls() {
      // given
      String gt = "{'processDefinitionKey':{'$gt':'100'}}";
      String gte = "{'processDefinitionKey':{'$gte':'200'}}";
      String lt = "{'processDefinitionKey':{'$lt':300}}";
      String lte = "{'processDefinitionKey':{'$lte':'200'}}";

      // when / then
      assertThat(matching(gt)).containsExactly(2L, 3L);
      assertThat(matching(gte)).containsExactly(2L, 3L);
      assertThat(matching(lt)).containsExactly(1L, 2L);
      assertThat(matching(lte)).containsExactly(1L, 2L);
    }

    @Test
    void existsFalseFindsMissingKeys() {
      // given
      String filter = "{'processDefinitionKey':{'$exists':false}}";

      // when / then
      assertThat(matching(filter)).containsExactly(4L);
    }

    @Test
    void keysBeyondTheIntRangeCompareExactly() {
      // given
      List<Instance> data =
          List.of(Fixtures.instance(2251799813685252L), Fixtures.instance(2251799813685253L));
      SearchQuery<Instance> query =
          SearchQuery.parse(
              json("{'filter':{'processInstanceKey':{'$gt':'2251799813685252'}}}"), INSTANCES);

      // when
      SearchResult<Instance> result = query.execute(data);

      // then
      assertThat(Fixtures.keys(result)).containsExactly(2251799813685253L);
    }
  }

  @Nested
  class IntegerFields {
    @Test
    void plainValueAndEqMeanEquality() {
      // given
      String plain = "{'processDefinitionVersion':2}";
      String eq = "{'processDefinitionVersion':{'$eq':2}}";

      // when / then
      assertThat(matching(plain)).containsExactly(2L);
      assertThat(matching(eq)).containsExactly(2L);
    }

    @Test
    void neqInAndNotInCompareValues() {
      // given
      String neq = "{'processDefinitionVersion':{'$neq':2}}";
      String in = "{'processDefinitionVersion':{'$in':[1,3]}}";
      String notIn = "{'processDefinitionVersion':{'$notIn':[1,3]}}";

      // when / then
      assertThat(matching(neq)).containsExactly(1L, 3L, 4L);
      assertThat(matching(in)).containsExactly(1L, 3L);
      assertThat(matching(notIn)).containsExactly(2L, 4L);
    }

    @Test
    void orderingOperatorsCompareNumerically() {
      // given
      String gt = "{'processDefinitionVersion':{'$gt':1}}";
      String gte = "{'processDefinitionVersion':{'$gte':1}}";
      String lt = "{'processDefinitionVersion':{'$lt':3}}";
      String lte = "{'processDefinitionVersion':{'$lte':1}}";

      // when / then
      assertThat(matching(gt)).containsExactly(2L, 3L);
      assertThat(matching(gte)).containsExactly(1L, 2L, 3L);
      assertThat(matching(lt)).containsExactly(1L, 2L);
      assertThat(matching(lte)).containsExactly(1L);
    }

    @Test
    void existsSelectsPresentValues() {
      // given
      String filter = "{'processDefinitionVersion':{'$exists':true}}";

      // when / then
      assertThat(matching(filter)).containsExactly(1L, 2L, 3L);
    }
  }

  @Nested
  class DateFields {
    @Test
    void plainValueAndEqMatchTheSameInstantInAnyOffset() {
      // given
      String utc = "{'startDate':'2024-02-01T00:00:00.000Z'}";
      String shifted = "{'startDate':{'$eq':'2024-02-01T01:00:00+01:00'}}";
      String withoutSeconds = "{'startDate':'2024-02-01T00:00Z'}";

      // when / then
      assertThat(matching(utc)).containsExactly(2L);
      assertThat(matching(shifted)).containsExactly(2L);
      assertThat(matching(withoutSeconds)).containsExactly(2L);
    }

    @Test
    void rangeOperatorsCombineIntoAnInterval() {
      // given
      String range = "{'startDate':{'$gte':'2024-01-01T00:00:00Z','$lt':'2024-03-01T00:00:00Z'}}";
      String open = "{'startDate':{'$gt':'2024-01-01T00:00:00Z','$lte':'2024-03-01T00:00:00Z'}}";

      // when / then
      assertThat(matching(range)).containsExactly(1L, 2L);
      assertThat(matching(open)).containsExactly(2L, 3L);
    }

    @Test
    void subMillisecondBoundsCompareExactly() {
      // given
      String justAfterFeb = "2024-02-01T00:00:00.000001Z";

      // when / then
      assertThat(matching("{'startDate':{'$gt':'" + justAfterFeb + "'}}")).containsExactly(3L);
      assertThat(matching("{'startDate':{'$gte':'" + justAfterFeb + "'}}")).containsExactly(3L);
      assertThat(matching("{'startDate':{'$lt':'" + justAfterFeb + "'}}")).containsExactly(1L, 2L);
      assertThat(matching("{'startDate':{'$lte':'" + justAfterFeb + "'}}")).containsExactly(1L, 2L);
      assertThat(matching("{'startDate':{'$eq':'" + justAfterFeb + "'}}")).isEmpty();
    }

    @Test
    void neqInNotInAndExistsWork() {
      // given
      String neq = "{'endDate':{'$neq':'2024-02-02T00:00:00Z'}}";
      String in = "{'endDate':{'$in':['2024-02-02T00:00:00Z','2024-03-05T00:00:00Z']}}";
      String notIn = "{'startDate':{'$notIn':['2024-01-01T00:00:00Z']}}";
      String exists = "{'endDate':{'$exists':true}}";

      // when / then
      assertThat(matching(neq)).containsExactly(1L, 3L, 4L);
      assertThat(matching(in)).containsExactly(2L, 3L);
      assertThat(matching(notIn)).containsExactly(2L, 3L, 4L);
      assertThat(matching(exists)).containsExactly(2L, 3L);
    }
  }

  @Nested
  class BooleanFields {
    @Test
    void plainValueAndEqMeanEquality() {
      // given
      String plain = "{'hasIncident':true}";
      String eq = "{'hasIncident':{'$eq':false}}";

      // when / then
      assertThat(matching(plain)).containsExactly(2L);
      assertThat(matching(eq)).containsExactly(1L, 3L);
    }

    @Test
    void neqAndExistsTreatNullAsMissing() {
      // given
      String neq = "{'hasIncident':{'$neq':false}}";
      String exists = "{'hasIncident':{'$exists':false}}";

      // when / then
      assertThat(matching(neq)).containsExactly(2L, 4L);
      assertThat(matching(exists)).containsExactly(4L);
    }
  }

  @Nested
  class EnumFields {
    private final List<Incident> incidents =
        List.of(
            new Incident(1, 10, "JOB_NO_RETRIES", 0),
            new Incident(2, 10, "IO_MAPPING_ERROR", 0),
            new Incident(3, 20, "job_no_retries", 0));

    private List<Long> incidentsMatching(String filter) {
      SearchResult<Incident> result =
          Fixtures.search(Fixtures.INCIDENTS, "{'filter':" + filter + "}", incidents);
      return result.items().stream().map(Incident::key).toList();
    }

    @Test
    void plainValueAndEqCompareNamesCaseSensitively() {
      // given
      String plain = "{'errorType':'JOB_NO_RETRIES'}";
      String eq = "{'errorType':{'$eq':'job_no_retries'}}";

      // when / then
      assertThat(incidentsMatching(plain)).containsExactly(1L);
      assertThat(incidentsMatching(eq)).containsExactly(3L);
    }

    @Test
    void neqInNotInLikeAndExistsWork() {
      // given / when / then
      assertThat(incidentsMatching("{'errorType':{'$neq':'JOB_NO_RETRIES'}}"))
          .containsExactly(2L, 3L);
      assertThat(incidentsMatching("{'errorType':{'$in':['IO_MAPPING_ERROR','job_no_retries']}}"))
          .containsExactly(2L, 3L);
      assertThat(incidentsMatching("{'errorType':{'$notIn':['IO_MAPPING_ERROR']}}"))
          .containsExactly(1L, 3L);
      assertThat(incidentsMatching("{'errorType':{'$like':'*_ERROR'}}")).containsExactly(2L);
      assertThat(incidentsMatching("{'errorType':{'$exists':true}}")).containsExactly(1L, 2L, 3L);
    }

    @Test
    void javaEnumGettersCompareByConstantName() {
      // given
      String filter = "{'state':{'$in':['COMPLETED','TERMINATED']}}";

      // when / then
      assertThat(matching(filter)).containsExactly(2L, 3L);
      assertThat(matching("{'state':'ACTIVE'}")).containsExactly(1L, 4L);
    }
  }

  @Nested
  class Combinations {
    @Test
    void operatorsOfOneFieldAreAndedTogether() {
      // given
      String filter = "{'processDefinitionKey':{'$gte':100,'$lte':300,'$neq':'200'}}";

      // when / then
      assertThat(matching(filter)).containsExactly(1L, 3L);
    }

    @Test
    void fieldsAreAndedTogether() {
      // given
      String filter = "{'processDefinitionId':'order-process','state':'ACTIVE'}";

      // when / then
      assertThat(matching(filter)).containsExactly(1L);
    }

    @Test
    void emptyInAndNotInImposeNoConstraint() {
      // given
      String filter = "{'processDefinitionId':{'$in':[],'$notIn':[]}}";

      // when / then
      assertThat(matching(filter)).containsExactly(1L, 2L, 3L, 4L);
    }

    @Test
    void emptyArraysLeaveTheOtherOperatorsInForce() {
      // given
      String filter = "{'processInstanceKey':{'$eq':'2','$in':[],'$notIn':[]}}";

      // when / then
      assertThat(matching(filter)).containsExactly(2L);
    }

    @Test
    void jsonNullImposesNoConstraint() {
      // given
      String plainNull = "{'tenantId':null,'processDefinitionId':null}";
      String operatorNull = "{'tenantId':{'$eq':null,'$in':null,'$exists':null}}";

      // when / then
      assertThat(matching(plainNull)).containsExactly(1L, 2L, 3L, 4L);
      assertThat(matching(operatorNull)).containsExactly(1L, 2L, 3L, 4L);
    }

    @Test
    void missingNullAndEmptyFiltersMatchEverything() {
      // given
      String emptyFilter = "{}";
      String emptyOperators = "{'state':{}}";

      // when
      SearchResult<Instance> fromNoBody =
          SearchQuery.parse(null, INSTANCES).execute(INSTANCES_DATA);
      SearchResult<Instance> fromNullBody =
          SearchQuery.parse(json("null"), INSTANCES).execute(INSTANCES_DATA);
      SearchResult<Instance> fromMissingBody =
          SearchQuery.parse(json("{}").path("absent"), INSTANCES).execute(INSTANCES_DATA);

      // then
      assertThat(Fixtures.keys(fromNoBody)).containsExactly(1L, 2L, 3L, 4L);
      assertThat(Fixtures.keys(fromNullBody)).containsExactly(1L, 2L, 3L, 4L);
      assertThat(Fixtures.keys(fromMissingBody)).containsExactly(1L, 2L, 3L, 4L);
      assertThat(matching(emptyFilter)).containsExactly(1L, 2L, 3L, 4L);
      assertThat(matching(emptyOperators)).containsExactly(1L, 2L, 3L, 4L);
    }

    @Test
    void orRequiresOneAlternativeOnTopOfTheOtherFields() {
      // given
      String filter =
          "{'tenantId':'t1','$or':[{'state':'COMPLETED'},{'processDefinitionId':{'$like':'O*'}}]}";

      // when / then
      assertThat(matching(filter)).containsExactly(2L, 4L);
    }

    @Test
    void eachOrAlternativeIsAnAndOfItsFields() {
      // given
      String filter =
          "{'$or':[{'state':'ACTIVE','tenantId':'t1'},{'processDefinitionVersion':{'$gte':3}}]}";

      // when / then
      assertThat(matching(filter)).containsExactly(3L, 4L);
    }

    @Test
    void emptyOrImposesNoConstraint() {
      // given
      String filter = "{'state':'ACTIVE','$or':[]}";

      // when / then
      assertThat(matching(filter)).containsExactly(1L, 4L);
    }

    @Test
    void orWithAnEmptyAlternativeMatchesEverything() {
      // given
      String filter = "{'$or':[{'state':'COMPLETED'},{}]}";

      // when / then
      assertThat(matching(filter)).containsExactly(1L, 2L, 3L, 4L);
    }
  }

  @Nested
  class CustomAndIgnoredFields {
    @Test
    void customFieldFiltersWithItsOwnPredicate() {
      // given
      String filter = "{'variables':[{'name':'x','value':'2'}]}";

      // when / then
      assertThat(matching(filter)).containsExactly(2L);
    }

    @Test
    void customFieldWorksInsideOr() {
      // given
      String filter = "{'$or':[{'variables':[{'name':'x','value':'1'}]},{'state':'TERMINATED'}]}";

      // when / then
      assertThat(matching(filter)).containsExactly(1L, 3L);
    }

    @Test
    void customFieldGivenAnEmptyArrayOrNullImposesNoConstraint() {
      // given
      String empty = "{'variables':[]}";
      String nothing = "{'variables':null}";

      // when / then
      assertThat(matching(empty)).containsExactly(1L, 2L, 3L, 4L);
      assertThat(matching(nothing)).containsExactly(1L, 2L, 3L, 4L);
    }

    @Test
    void customParserReturningNullImposesNoConstraint() {
      // given
      EntitySchema<Instance> schema =
          EntitySchema.<Instance>builder("process instance")
              .key("processInstanceKey", Instance::key)
              .custom("anything", json -> null)
              .build();

      // when
      SearchResult<Instance> result =
          Fixtures.search(schema, "{'filter':{'anything':{'a':1}}}", INSTANCES_DATA);

      // then
      assertThat(result.totalItems()).isEqualTo(4);
    }

    @Test
    void ignoredFieldIsAcceptedWithAnyValue() {
      // given
      String empty = "{'tags':[]}";
      String nonEmpty = "{'tags':['a','b'],'state':'COMPLETED'}";

      // when / then
      assertThat(matching(empty)).containsExactly(1L, 2L, 3L, 4L);
      assertThat(matching(nonEmpty)).containsExactly(2L);
    }
  }
}
