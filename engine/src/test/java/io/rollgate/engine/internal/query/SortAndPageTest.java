package io.rollgate.engine.internal.query;

import static io.rollgate.engine.internal.query.Fixtures.INSTANCES;
import static io.rollgate.engine.internal.query.Fixtures.json;
import static io.rollgate.engine.internal.query.Fixtures.keys;
import static org.assertj.core.api.Assertions.assertThat;

import io.rollgate.engine.internal.query.Fixtures.Instance;
import io.rollgate.engine.internal.query.Fixtures.State;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class SortAndPageTest {
  private static Instance instance(long key, String processId, Long startDate) {
    return new Instance(
        key, 1L, processId, State.ACTIVE, 1, startDate, null, false, "<default>", Map.of());
  }

  private static SearchResult<Instance> search(String body, List<Instance> data) {
    return Fixtures.search(INSTANCES, body, data);
  }

  /** 200 instances with few distinct process ids and start dates, some null, in shuffled order. */
  private static List<Instance> randomInstances(long seed) {
    Random random = new Random(seed);
    List<Instance> data = new ArrayList<>();
    for (long key = 1; key <= 200; key++) {
      String processId = random.nextInt(10) == 0 ? null : "p" + random.nextInt(4);
      Long startDate = random.nextInt(8) == 0 ? null : (long) random.nextInt(20);
      data.add(instance(key, processId, startDate));
    }
    Collections.shuffle(data, random);
    return data;
  }

  @Nested
  class Sorting {
    private final List<Instance> data =
        List.of(
            instance(5, "b", 30L),
            instance(1, "a", null),
            instance(3, "b", 10L),
            instance(2, "a", 20L),
            instance(4, null, 10L));

    @Test
    void ascendingPutsNullsLast() {
      // given
      String body = "{'sort':[{'field':'startDate','order':'ASC'}]}";

      // when
      SearchResult<Instance> result = search(body, data);

      // then
      assertThat(keys(result)).containsExactly(3L, 4L, 2L, 5L, 1L);
    }

    @Test
    void descendingPutsNullsFirst() {
      // given
      String body = "{'sort':[{'field':'startDate','order':'DESC'}]}";

      // when
      SearchResult<Instance> result = search(body, data);

      // then
      assertThat(keys(result)).containsExactly(1L, 5L, 2L, 3L, 4L);
    }

    @Test
    void orderDefaultsToAscending() {
      // given
      String body = "{'sort':[{'field':'processDefinitionId'}]}";

      // when
      SearchResult<Instance> result = search(body, data);

      // then
      assertThat(keys(result)).containsExactly(1L, 2L, 3L, 5L, 4L);
    }

    @Test
    void laterSortFieldsBreakTiesOfEarlierOnes() {
      // given
      String body =
          "{'sort':[{'field':'processDefinitionId','order':'DESC'},"
              + "{'field':'startDate','order':'ASC'}]}";

      // when
      SearchResult<Instance> result = search(body, data);

      // then
      assertThat(keys(result)).containsExactly(4L, 3L, 5L, 2L, 1L);
    }

    @Test
    void equalSortValuesAreOrderedByKeyAscendingEvenWhenDescending() {
      // given
      List<Instance> ties =
          List.of(instance(9, "x", 1L), instance(7, "x", 1L), instance(8, "x", 1L));
      String body = "{'sort':[{'field':'startDate','order':'DESC'}]}";

      // when
      SearchResult<Instance> result = search(body, ties);

      // then
      assertThat(keys(result)).containsExactly(7L, 8L, 9L);
    }

    @Test
    void withoutSortItemsComeInKeyOrder() {
      // given
      String noSort = "{}";
      String emptySort = "{'sort':[]}";

      // when / then
      assertThat(keys(search(noSort, data))).containsExactly(1L, 2L, 3L, 4L, 5L);
      assertThat(keys(search(emptySort, data))).containsExactly(1L, 2L, 3L, 4L, 5L);
    }

    @Test
    void sortingByTheKeyDescendingReversesKeyOrder() {
      // given
      String body = "{'sort':[{'field':'processInstanceKey','order':'DESC'}]}";

      // when / then
      assertThat(keys(search(body, data))).containsExactly(5L, 4L, 3L, 2L, 1L);
    }

    @Test
    void comparatorIsTheRequestedOrderWithKeyTieBreaker() {
      // given
      SearchQuery<Instance> query =
          SearchQuery.parse(
              json("{'sort':[{'field':'processDefinitionId','order':'ASC'}]}"), INSTANCES);
      List<Instance> sorted = new ArrayList<>(data);

      // when
      sorted.sort(query.comparator());

      // then
      assertThat(sorted).extracting(Instance::key).containsExactly(1L, 2L, 3L, 5L, 4L);
    }
  }

  @Nested
  class OffsetPaging {
    private final List<Instance> data =
        LongStream.rangeClosed(1, 250).mapToObj(k -> instance(k, "p", 1000 - k)).toList();

    @Test
    void limitDefaultsToOneHundred() {
      // given
      String body = "{'filter':{}}";

      // when
      SearchResult<Instance> result = search(body, data);

      // then
      assertThat(result.items()).hasSize(100);
      assertThat(result.totalItems()).isEqualTo(250);
    }

    @Test
    void fromSkipsAndLimitCapsThePage() {
      // given
      String body = "{'sort':[{'field':'startDate','order':'ASC'}],'page':{'from':10,'limit':3}}";

      // when
      SearchResult<Instance> result = search(body, data);

      // then
      assertThat(keys(result)).containsExactly(240L, 239L, 238L);
      assertThat(result.totalItems()).isEqualTo(250);
    }

    @Test
    void lastPageIsShort() {
      // given
      String body = "{'page':{'from':245,'limit':10}}";

      // when
      SearchResult<Instance> result = search(body, data);

      // then
      assertThat(keys(result)).containsExactly(246L, 247L, 248L, 249L, 250L);
    }

    @Test
    void fromBeyondTheMatchesGivesAnEmptyPageWithoutCursors() {
      // given
      String body = "{'page':{'from':250,'limit':10}}";

      // when
      SearchResult<Instance> result = search(body, data);

      // then
      assertThat(result.items()).isEmpty();
      assertThat(result.totalItems()).isEqualTo(250);
      assertThat(result.startCursor()).isNull();
      assertThat(result.endCursor()).isNull();
    }

    @Test
    void totalItemsCountsMatchesNotCandidates() {
      // given
      String body = "{'filter':{'processInstanceKey':{'$lte':42}},'page':{'limit':5}}";

      // when
      SearchResult<Instance> result = search(body, data);

      // then
      assertThat(result.totalItems()).isEqualTo(42);
      assertThat(keys(result)).containsExactly(1L, 2L, 3L, 4L, 5L);
    }

    @Test
    void pagesAgreeWithAFullSortForAnyOffsetAndInputOrder() {
      // given
      String[] sorts = {
        "[{'field':'startDate','order':'ASC'}]",
        "[{'field':'startDate','order':'DESC'},{'field':'processDefinitionId','order':'ASC'}]",
        "[{'field':'processDefinitionId','order':'DESC'}]"
      };
      for (long seed = 1; seed <= 5; seed++) {
        List<Instance> random = randomInstances(seed);
        for (String sort : sorts) {
          Comparator<Instance> order =
              SearchQuery.parse(json("{'sort':" + sort + "}"), INSTANCES).comparator();
          List<Instance> expected = new ArrayList<>(random);
          expected.sort(order);
          for (int[] page : new int[][] {{0, 1}, {0, 7}, {5, 3}, {13, 50}, {190, 20}, {0, 200}}) {
            // when
            SearchResult<Instance> result =
                search(
                    "{'sort':" + sort + ",'page':{'from':" + page[0] + ",'limit':" + page[1] + "}}",
                    random);

            // then
            assertThat(result.items())
                .as("seed %d sort %s page %s", seed, sort, List.of(page[0], page[1]))
                .containsExactlyElementsOf(
                    expected.subList(page[0], Math.min(page[0] + page[1], expected.size())));
          }
        }
      }
    }
  }

  @Nested
  class CursorPaging {
    private static final String SORT =
        "'sort':[{'field':'processDefinitionId','order':'ASC'},{'field':'startDate','order':'DESC'}]";

    private final List<Instance> data = randomInstances(42);

    private List<Instance> fullOrder() {
      List<Instance> expected = new ArrayList<>(data);
      expected.sort(SearchQuery.parse(json("{" + SORT + "}"), INSTANCES).comparator());
      return expected;
    }

    @Test
    void afterWalksTheWholeResultForwardsWithoutDuplicatesOrGaps() {
      // given
      List<Instance> walked = new ArrayList<>();
      SearchResult<Instance> page = search("{" + SORT + ",'page':{'limit':7}}", data);

      // when
      for (int guard = 0; !page.items().isEmpty(); guard++) {
        assertThat(guard).as("pages walked").isLessThan(100);
        walked.addAll(page.items());
        assertThat(page.totalItems()).isEqualTo(200);
        page = search("{" + SORT + ",'page':{'limit':7,'after':'" + page.endCursor() + "'}}", data);
      }

      // then
      assertThat(walked).containsExactlyElementsOf(fullOrder());
      assertThat(page.startCursor()).isNull();
      assertThat(page.endCursor()).isNull();
    }

    @Test
    void beforeWalksTheWholeResultBackwardsWithoutDuplicatesOrGaps() {
      // given
      List<Instance> expected = fullOrder();
      Instance last = expected.get(expected.size() - 1);
      SearchResult<Instance> lastPage =
          search("{" + SORT + ",'page':{'from':199,'limit':1}}", data);
      assertThat(lastPage.items()).containsExactly(last);
      List<Instance> walked = new ArrayList<>(lastPage.items());
      String cursor = lastPage.startCursor();

      // when
      for (int guard = 0; ; guard++) {
        assertThat(guard).as("pages walked").isLessThan(100);
        SearchResult<Instance> page =
            search("{" + SORT + ",'page':{'limit':9,'before':'" + cursor + "'}}", data);
        if (page.items().isEmpty()) {
          break;
        }
        walked.addAll(0, page.items());
        cursor = page.startCursor();
      }

      // then
      assertThat(walked).containsExactlyElementsOf(expected);
    }

    @Test
    void beforeReturnsTheClosestItemsInTheRequestedOrder() {
      // given
      List<Instance> sequence =
          LongStream.rangeClosed(1, 10).mapToObj(k -> instance(k, "p", k)).toList();
      SearchResult<Instance> fromSix =
          search(
              "{'sort':[{'field':'startDate','order':'DESC'}],'page':{'from':4,'limit':1}}",
              sequence);
      assertThat(keys(fromSix)).containsExactly(6L);

      // when
      SearchResult<Instance> before =
          search(
              "{'sort':[{'field':'startDate','order':'DESC'}],'page':{'limit':3,'before':'"
                  + fromSix.startCursor()
                  + "'}}",
              sequence);
      SearchResult<Instance> after =
          search(
              "{'sort':[{'field':'startDate','order':'DESC'}],'page':{'limit':3,'after':'"
                  + fromSix.endCursor()
                  + "'}}",
              sequence);

      // then
      assertThat(keys(before)).containsExactly(9L, 8L, 7L);
      assertThat(keys(after)).containsExactly(5L, 4L, 3L);
      assertThat(before.totalItems()).isEqualTo(10);
    }

    @Test
    void cursorKeepsWorkingAfterItsItemIsDeleted() {
      // given
      List<Instance> expected = fullOrder();
      SearchResult<Instance> first = search("{" + SORT + ",'page':{'limit':20}}", data);
      Instance anchor = first.items().get(19);
      List<Instance> remaining = new ArrayList<>(data);
      remaining.remove(anchor);

      // when
      SearchResult<Instance> next =
          search(
              "{" + SORT + ",'page':{'limit':20,'after':'" + first.endCursor() + "'}}", remaining);
      SearchResult<Instance> previous =
          search(
              "{" + SORT + ",'page':{'limit':5,'before':'" + first.endCursor() + "'}}", remaining);

      // then
      assertThat(next.items()).containsExactlyElementsOf(expected.subList(20, 40));
      assertThat(previous.items()).containsExactlyElementsOf(expected.subList(14, 19));
      assertThat(next.totalItems()).isEqualTo(199);
    }

    @Test
    void cursorsAreUrlSafeBase64AndDenoteFirstAndLastItem() {
      // given
      SearchResult<Instance> page = search("{" + SORT + ",'page':{'from':50,'limit':10}}", data);

      // when
      SearchResult<Instance> beforeStart =
          search("{" + SORT + ",'page':{'limit':1,'before':'" + page.startCursor() + "'}}", data);
      SearchResult<Instance> afterEnd =
          search("{" + SORT + ",'page':{'limit':1,'after':'" + page.endCursor() + "'}}", data);

      // then
      assertThat(page.startCursor()).matches("[A-Za-z0-9_-]+");
      assertThat(page.endCursor()).matches("[A-Za-z0-9_-]+");
      assertThat(beforeStart.items()).containsExactly(fullOrder().get(49));
      assertThat(afterEnd.items()).containsExactly(fullOrder().get(60));
    }

    @Test
    void cursorPastTheEndGivesAnEmptyPageButTheTotal() {
      // given
      SearchResult<Instance> last = search("{" + SORT + ",'page':{'from':195,'limit':10}}", data);

      // when
      SearchResult<Instance> page =
          search("{" + SORT + ",'page':{'after':'" + last.endCursor() + "'}}", data);

      // then
      assertThat(page.items()).isEmpty();
      assertThat(page.totalItems()).isEqualTo(200);
    }

    @Test
    void cursorPagingAppliesTheFilter() {
      // given
      String filter = "'filter':{'processDefinitionId':'p1'}";
      List<Instance> expected =
          fullOrder().stream().filter(i -> "p1".equals(i.processId())).toList();
      SearchResult<Instance> first =
          search("{" + filter + "," + SORT + ",'page':{'limit':4}}", data);

      // when
      SearchResult<Instance> second =
          search(
              "{"
                  + filter
                  + ","
                  + SORT
                  + ",'page':{'limit':4,'after':'"
                  + first.endCursor()
                  + "'}}",
              data);

      // then
      assertThat(second.items()).containsExactlyElementsOf(expected.subList(4, 8));
      assertThat(second.totalItems()).isEqualTo(expected.size());
    }
  }
}
