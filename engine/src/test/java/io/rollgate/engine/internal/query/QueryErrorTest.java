package io.rollgate.engine.internal.query;

import static io.rollgate.engine.internal.query.Fixtures.INSTANCES;
import static io.rollgate.engine.internal.query.Fixtures.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.rollgate.engine.internal.query.Fixtures.Instance;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class QueryErrorTest {
  private static final String INSTANCE_FIELDS =
      "processInstanceKey, processDefinitionKey, processDefinitionId, state,"
          + " processDefinitionVersion, startDate, endDate, hasIncident, tenantId, variables, tags";
  private static final String INSTANCE_SORT_FIELDS =
      "processInstanceKey, processDefinitionKey, processDefinitionId, state,"
          + " processDefinitionVersion, startDate, endDate, hasIncident, tenantId";

  /** The message of the QueryException parsing the body throws. */
  private static String rejection(String singleQuotedBody) {
    return rejection(INSTANCES, singleQuotedBody);
  }

  private static String rejection(EntitySchema<?> schema, String singleQuotedBody) {
    QueryException thrown =
        catchThrowableOfType(
            QueryException.class, () -> SearchQuery.parse(json(singleQuotedBody), schema));
    assertThat(thrown).as("exception for %s", singleQuotedBody).isNotNull();
    return thrown.getMessage();
  }

  private static String base64(String text) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  @Nested
  class RequestShape {
    @Test
    void bodyThatIsNotAnObjectIsRejected() {
      // given
      String body = "[]";

      // when
      String message = rejection(body);

      // then
      assertThat(message).isEqualTo("A search request must be a JSON object, got []");
    }

    @Test
    void unknownTopLevelPropertyIsRejectedWithTheValidOnes() {
      // given
      String body = "{'filters':{}}";

      // when
      String message = rejection(body);

      // then
      assertThat(message)
          .isEqualTo(
              "Unknown property 'filters' in the search request; valid properties: filter, sort,"
                  + " page");
    }

    @Test
    void filterThatIsNotAnObjectIsRejected() {
      // given
      String body = "{'filter':['state']}";

      // when
      String message = rejection(body);

      // then
      assertThat(message).isEqualTo("filter must be a JSON object, got [\"state\"]");
    }
  }

  @Nested
  class FilterFields {
    @Test
    void unknownFieldIsRejectedWithTheValidOnes() {
      // given
      String body = "{'filter':{'processKey':'1'}}";

      // when
      String message = rejection(body);

      // then
      assertThat(message)
          .isEqualTo(
              "Unknown filter field 'processKey' at filter.processKey; the fields of a process"
                  + " instance filter are: "
                  + INSTANCE_FIELDS
                  + ", $or");
    }

    @Test
    void unknownFieldInsideOrIsRejectedWithItsPath() {
      // given
      String body = "{'filter':{'$or':[{'state':'ACTIVE'},{'nope':1}]}}";

      // when
      String message = rejection(body);

      // then
      assertThat(message)
          .isEqualTo(
              "Unknown filter field 'nope' at filter.$or[1].nope; the fields of a process instance"
                  + " filter are: "
                  + INSTANCE_FIELDS);
    }

    @Test
    void nestedOrIsRejected() {
      // given
      String body = "{'filter':{'$or':[{'$or':[]}]}}";

      // when
      String message = rejection(body);

      // then
      assertThat(message)
          .isEqualTo("$or is only allowed at the top level of filter, found at filter.$or[0].$or");
    }

    @Test
    void orThatIsNotAnArrayOfObjectsIsRejected() {
      // given
      String notArray = "{'filter':{'$or':{'state':'ACTIVE'}}}";
      String notObject = "{'filter':{'$or':[{},'state']}}";

      // when / then
      assertThat(rejection(notArray))
          .isEqualTo(
              "Invalid value at filter.$or: expected an array of filter objects, got"
                  + " {\"state\":\"ACTIVE\"}");
      assertThat(rejection(notObject))
          .isEqualTo("Invalid value at filter.$or[1]: expected a filter object, got \"state\"");
    }

    @Test
    void customFieldParserErrorsNameTheField() {
      // given
      String body = "{'filter':{'variables':[{'name':'x'}]}}";

      // when
      String message = rejection(body);

      // then
      assertThat(message)
          .isEqualTo(
              "Invalid value at filter.variables: each variable needs a string name and value");
    }
  }

  @Nested
  class Operators {
    @Test
    void unknownOperatorIsRejectedWithTheOperatorsOfTheType() {
      // given
      String body = "{'filter':{'processDefinitionId':{'$regex':'a.*'}}}";

      // when
      String message = rejection(body);

      // then
      assertThat(message)
          .isEqualTo(
              "Unknown operator '$regex' at filter.processDefinitionId.$regex;"
                  + " 'processDefinitionId' is a string field, whose operators are: $eq, $neq,"
                  + " $exists, $in, $notIn, $like");
    }

    @Test
    void operatorWithoutDollarIsUnknown() {
      // given
      String body = "{'filter':{'state':{'eq':'ACTIVE'}}}";

      // when
      String message = rejection(body);

      // then
      assertThat(message)
          .startsWith("Unknown operator 'eq' at filter.state.eq; 'state' is an enum field");
    }

    @Test
    void operatorOfAnotherTypeIsRejectedAsUnsupported() {
      // given
      String likeOnKey = "{'filter':{'processInstanceKey':{'$like':'22*'}}}";
      String gtOnString = "{'filter':{'tenantId':{'$gt':'a'}}}";
      String inOnBoolean = "{'filter':{'hasIncident':{'$in':[true]}}}";

      // when / then
      assertThat(rejection(likeOnKey))
          .isEqualTo(
              "Operator '$like' is not supported at filter.processInstanceKey.$like;"
                  + " 'processInstanceKey' is a key field, whose operators are: $eq, $neq, $exists,"
                  + " $in, $notIn, $gt, $gte, $lt, $lte");
      assertThat(rejection(gtOnString))
          .startsWith(
              "Operator '$gt' is not supported at filter.tenantId.$gt; 'tenantId' is a string field");
      assertThat(rejection(inOnBoolean))
          .isEqualTo(
              "Operator '$in' is not supported at filter.hasIncident.$in; 'hasIncident' is a"
                  + " boolean field, whose operators are: $eq, $neq, $exists");
    }

    @Test
    void operatorValuesOfTheWrongShapeAreRejected() {
      // given / when / then
      assertThat(rejection("{'filter':{'state':{'$in':'ACTIVE'}}}"))
          .isEqualTo("Invalid value at filter.state.$in: expected an array, got \"ACTIVE\"");
      assertThat(rejection("{'filter':{'processInstanceKey':{'$notIn':['1','x']}}}"))
          .isEqualTo(
              "Invalid value at filter.processInstanceKey.$notIn[1]: expected a key (a 64-bit"
                  + " integer as a string of digits or a number), got \"x\"");
      assertThat(rejection("{'filter':{'tenantId':{'$exists':'yes'}}}"))
          .isEqualTo(
              "Invalid value at filter.tenantId.$exists: expected true or false, got \"yes\"");
      assertThat(rejection("{'filter':{'tenantId':{'$like':5}}}"))
          .isEqualTo(
              "Invalid value at filter.tenantId.$like: expected a string pattern with * and ?"
                  + " wildcards, got 5");
      assertThat(rejection("{'filter':{'processInstanceKey':{'$in':['1',null]}}}"))
          .startsWith("Invalid value at filter.processInstanceKey.$in[1]: expected a key");
    }
  }

  @Nested
  class ValueTypes {
    private static final String KEY =
        "expected a key (a 64-bit integer as a string of digits or a number)";

    @Test
    void nonNumericKeyIsRejected() {
      // given / when / then
      assertThat(rejection("{'filter':{'processInstanceKey':'abc'}}"))
          .isEqualTo("Invalid value at filter.processInstanceKey: " + KEY + ", got \"abc\"");
      assertThat(rejection("{'filter':{'processInstanceKey':{'$eq':1.5}}}"))
          .isEqualTo("Invalid value at filter.processInstanceKey.$eq: " + KEY + ", got 1.5");
      assertThat(rejection("{'filter':{'processInstanceKey':'92233720368547758070'}}"))
          .isEqualTo(
              "Invalid value at filter.processInstanceKey: "
                  + KEY
                  + ", got \"92233720368547758070\"");
      assertThat(rejection("{'filter':{'processInstanceKey':['1']}}"))
          .isEqualTo("Invalid value at filter.processInstanceKey: " + KEY + ", got [\"1\"]");
    }

    @Test
    void badDatesAreRejected() {
      // given
      String expected =
          "expected an ISO-8601 date-time with offset, e.g. \"2024-05-01T12:00:00.000Z\"";

      // when / then
      assertThat(rejection("{'filter':{'startDate':{'$gt':'yesterday'}}}"))
          .isEqualTo("Invalid value at filter.startDate.$gt: " + expected + ", got \"yesterday\"");
      assertThat(rejection("{'filter':{'startDate':'2024-01-01T00:00:00'}}"))
          .isEqualTo(
              "Invalid value at filter.startDate: " + expected + ", got \"2024-01-01T00:00:00\"");
      assertThat(rejection("{'filter':{'startDate':1704067200000}}"))
          .isEqualTo("Invalid value at filter.startDate: " + expected + ", got 1704067200000");
    }

    @Test
    void nonBooleanIsRejected() {
      // given / when / then
      assertThat(rejection("{'filter':{'hasIncident':'true'}}"))
          .isEqualTo("Invalid value at filter.hasIncident: expected true or false, got \"true\"");
      assertThat(rejection("{'filter':{'hasIncident':{'$neq':1}}}"))
          .isEqualTo("Invalid value at filter.hasIncident.$neq: expected true or false, got 1");
    }

    @Test
    void nonIntegerIsRejected() {
      // given / when / then
      assertThat(rejection("{'filter':{'processDefinitionVersion':'2'}}"))
          .isEqualTo(
              "Invalid value at filter.processDefinitionVersion: expected a 32-bit integer number,"
                  + " got \"2\"");
      assertThat(rejection("{'filter':{'processDefinitionVersion':{'$gte':2.5}}}"))
          .endsWith("expected a 32-bit integer number, got 2.5");
      assertThat(rejection("{'filter':{'processDefinitionVersion':3000000000}}"))
          .endsWith("expected a 32-bit integer number, got 3000000000");
    }

    @Test
    void nonStringIsRejected() {
      // given / when / then
      assertThat(rejection("{'filter':{'processDefinitionId':5}}"))
          .isEqualTo("Invalid value at filter.processDefinitionId: expected a string, got 5");
      assertThat(rejection("{'filter':{'tenantId':{'$eq':{'a':1}}}}"))
          .isEqualTo("Invalid value at filter.tenantId.$eq: expected a string, got {\"a\":1}");
    }

    @Test
    void unknownConstantOfADeclaredEnumIsRejectedWithTheConstants() {
      // given
      String body = "{'filter':{'state':{'$in':['ACTIVE','active']}}}";

      // when
      String message = rejection(body);

      // then
      assertThat(message)
          .isEqualTo(
              "Invalid value at filter.state.$in[1]: expected one of ACTIVE, COMPLETED, TERMINATED,"
                  + " got \"active\"");
    }

    @Test
    void longValuesAreShortenedInMessages() {
      // given
      String longValue = "x".repeat(500);

      // when
      String message = rejection("{'filter':{'processInstanceKey':'" + longValue + "'}}");

      // then
      assertThat(message).hasSizeLessThan(250).endsWith("...");
    }
  }

  @Nested
  class Sort {
    @Test
    void sortThatIsNotAnArrayOfObjectsIsRejected() {
      // given / when / then
      assertThat(rejection("{'sort':{'field':'startDate'}}"))
          .isEqualTo(
              "Invalid value at sort: expected an array of {field, order} objects, got"
                  + " {\"field\":\"startDate\"}");
      assertThat(rejection("{'sort':['startDate']}"))
          .isEqualTo(
              "Invalid value at sort[0]: expected an object {field, order}, got \"startDate\"");
    }

    @Test
    void unknownSortPropertyIsRejected() {
      // given
      String body = "{'sort':[{'field':'startDate','direction':'ASC'}]}";

      // when / then
      assertThat(rejection(body))
          .isEqualTo("Unknown property 'direction' at sort[0]; valid properties: field, order");
    }

    @Test
    void missingSortFieldIsRejected() {
      // given
      String body = "{'sort':[{'order':'ASC'}]}";

      // when / then
      assertThat(rejection(body))
          .isEqualTo("sort[0].field is required; sortable fields: " + INSTANCE_SORT_FIELDS);
    }

    @Test
    void unknownSortFieldIsRejectedWithTheSortableOnes() {
      // given
      String body = "{'sort':[{'field':'startDate'},{'field':'variables','order':'ASC'}]}";

      // when / then
      assertThat(rejection(body))
          .isEqualTo(
              "Unknown sort field 'variables' at sort[1].field; the sortable fields of a process"
                  + " instance are: "
                  + INSTANCE_SORT_FIELDS);
    }

    @Test
    void fieldThatIsNotSortableIsRejected() {
      // given
      String body = "{'sort':[{'field':'value'}]}";

      // when / then
      assertThat(rejection(Fixtures.VARIABLES, body))
          .isEqualTo(
              "Cannot sort on field 'value' at sort[0].field; the sortable fields of a variable"
                  + " are: variableKey, name, scopeKey, processInstanceKey");
    }

    @Test
    void orderOtherThanAscOrDescIsRejected() {
      // given / when / then
      assertThat(rejection("{'sort':[{'field':'startDate','order':'asc'}]}"))
          .isEqualTo("Invalid value at sort[0].order: expected \"ASC\" or \"DESC\", got \"asc\"");
      assertThat(rejection("{'sort':[{'field':'startDate','order':1}]}"))
          .isEqualTo("Invalid value at sort[0].order: expected \"ASC\" or \"DESC\", got 1");
    }
  }

  @Nested
  class Page {
    @Test
    void pageThatIsNotAnObjectIsRejected() {
      // given / when / then
      assertThat(rejection("{'page':10}"))
          .isEqualTo(
              "Invalid value at page: expected an object {from | after | before, limit}, got 10");
    }

    @Test
    void unknownPagePropertyIsRejected() {
      // given / when / then
      assertThat(rejection("{'page':{'size':10}}"))
          .isEqualTo(
              "Unknown property 'size' at page; valid properties: from, limit, after, before");
    }

    @Test
    void negativeFromIsRejected() {
      // given / when / then
      assertThat(rejection("{'page':{'from':-1}}"))
          .isEqualTo("Invalid value at page.from: expected a non-negative integer, got -1");
    }

    @Test
    void limitOutsideOneToTenThousandIsRejected() {
      // given
      String expected = "Invalid value at page.limit: expected an integer from 1 to 10000, got ";

      // when / then
      assertThat(rejection("{'page':{'limit':0}}")).isEqualTo(expected + "0");
      assertThat(rejection("{'page':{'limit':10001}}")).isEqualTo(expected + "10001");
      assertThat(rejection("{'page':{'limit':'10'}}")).isEqualTo(expected + "\"10\"");
      assertThat(rejection("{'page':{'limit':2.5}}")).isEqualTo(expected + "2.5");
    }

    @Test
    void limitsAtTheBoundsAreAccepted() {
      // given
      List<Instance> data = List.of(Fixtures.instance(1), Fixtures.instance(2));

      // when
      SearchResult<Instance> one =
          SearchQuery.parse(json("{'page':{'limit':1}}"), INSTANCES).execute(data);
      SearchResult<Instance> max =
          SearchQuery.parse(json("{'page':{'limit':10000,'from':0}}"), INSTANCES).execute(data);

      // then
      assertThat(one.items()).hasSize(1);
      assertThat(max.items()).hasSize(2);
    }

    @Test
    void afterTogetherWithBeforeIsRejected() {
      // given / when / then
      assertThat(rejection("{'page':{'after':'a','before':'b'}}"))
          .isEqualTo(
              "page.after and page.before cannot be combined: use after to page forwards and"
                  + " before to page backwards");
    }

    @Test
    void fromTogetherWithACursorIsRejected() {
      // given / when / then
      assertThat(rejection("{'page':{'from':0,'after':'a'}}"))
          .isEqualTo(
              "page.from cannot be combined with page.after: use either offset or cursor paging");
      assertThat(rejection("{'page':{'from':5,'before':'a'}}"))
          .isEqualTo(
              "page.from cannot be combined with page.before: use either offset or cursor paging");
    }

    @Test
    void cursorThatIsNotAStringIsRejected() {
      // given / when / then
      assertThat(rejection("{'page':{'after':12}}"))
          .isEqualTo(
              "Invalid value at page.after: expected a cursor string from a previous response, got"
                  + " 12");
    }

    @Test
    void malformedCursorsAreRejected() {
      // given
      String notBase64 = "not base64!";
      String notJson = base64("hello");
      String wrongType = base64("{\"processInstanceKey\":\"1\"}");
      String notObject = base64("[1]");

      // when / then
      for (String cursor : List.of(notBase64, notJson, wrongType, notObject, "")) {
        assertThat(rejection("{'page':{'after':'" + cursor + "'}}"))
            .isEqualTo(
                "Malformed cursor at page.after: \""
                    + cursor
                    + "\"; pass a startCursor or endCursor exactly as a previous response returned"
                    + " it");
      }
    }

    @Test
    void cursorOfAnotherSortIsRejected() {
      // given
      List<Instance> data = List.of(Fixtures.instance(1), Fixtures.instance(2));
      String cursor =
          SearchQuery.parse(json("{'sort':[{'field':'startDate'}],'page':{'limit':1}}"), INSTANCES)
              .execute(data)
              .endCursor();

      // when
      String message =
          rejection(
              "{'sort':[{'field':'processDefinitionId'}],'page':{'before':'" + cursor + "'}}");

      // then
      assertThat(message)
          .isEqualTo(
              "The cursor at page.before belongs to a search sorted by startDate,"
                  + " processInstanceKey, but this search sorts by processDefinitionId,"
                  + " processInstanceKey; use the same sort as the request that returned the"
                  + " cursor");
    }
  }
}
