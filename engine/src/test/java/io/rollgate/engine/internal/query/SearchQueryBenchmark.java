package io.rollgate.engine.internal.query;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;

/**
 * Times typical searches over 100,000 synthetic element instances. Not a test: run its main method
 * (e.g. {@code java -cp target/test-classes:target/classes:<jackson> ...SearchQueryBenchmark}).
 * Each figure includes parsing the request body, as every REST call does.
 */
public final class SearchQueryBenchmark {
  private static final int RECORDS = 100_000;
  private static final long FIRST_KEY = 2251799813685248L;
  private static final ObjectMapper MAPPER = new ObjectMapper();

  record Element(
      long key,
      long processInstanceKey,
      String processDefinitionId,
      String elementId,
      String state,
      int version,
      long startDate,
      Long endDate,
      boolean incident) {}

  private static final EntitySchema<Element> SCHEMA =
      EntitySchema.<Element>builder("element instance")
          .key("elementInstanceKey", Element::key)
          .field("processInstanceKey", FieldType.KEY, Element::processInstanceKey)
          .field("processDefinitionId", FieldType.STRING, Element::processDefinitionId)
          .field("elementId", FieldType.STRING, Element::elementId)
          .field("state", FieldType.ENUM, Element::state)
          .field("version", FieldType.INTEGER, Element::version)
          .field("startDate", FieldType.DATE, Element::startDate)
          .field("endDate", FieldType.DATE, Element::endDate)
          .field("hasIncident", FieldType.BOOLEAN, Element::incident)
          .ignored("tags")
          .build();

  private static String only;

  private SearchQueryBenchmark() {}

  /** Runs only the queries whose name contains the first argument, if given. */
  public static void main(String[] args) {
    only = args.length > 0 ? args[0] : null;
    List<Element> records = records();
    long start = 1_700_000_000_000L;
    String firstPage = "{'sort':[{'field':'startDate','order':'ASC'}],'page':{'limit':100}}";
    String tenthPageCursor =
        SearchQuery.parse(
                json(
                    "{'sort':[{'field':'startDate','order':'ASC'}],'page':{'from':900,'limit':100}}"),
                SCHEMA)
            .execute(records)
            .endCursor();

    System.out.printf("%,d records, %s%n", records.size(), System.getProperty("java.version"));
    run(
        "pin processInstanceKey ($eq, empty $in/$notIn), sort startDate ASC",
        "{'sort':[{'field':'startDate','order':'ASC'}],'filter':{'tags':[],"
            + "'processInstanceKey':{'$eq':'"
            + (FIRST_KEY + 50_000)
            + "','$in':[],'$notIn':[]},'$or':[]},'page':{'limit':100}}",
        records);
    run(
        "state=COMPLETED & elementId=end & processInstanceKey (client fixture)",
        "{'sort':[{'field':'startDate','order':'ASC'}],'filter':{'state':{'$eq':'COMPLETED','$in':[]},"
            + "'elementId':'end','processInstanceKey':'"
            + (FIRST_KEY + 50_000)
            + "'},'page':{'from':0,'limit':100}}",
        records);
    run(
        "state=ACTIVE (~15%), sort startDate DESC, limit 100",
        "{'sort':[{'field':'startDate','order':'DESC'}],'filter':{'state':'ACTIVE'}}", records);
    run("no filter, sort startDate ASC, limit 100", firstPage, records);
    run(
        "no filter, sort startDate DESC, limit 100",
        "{'sort':[{'field':'startDate','order':'DESC'}],'page':{'limit':100}}",
        records);
    run(
        "$like + date range, sort version DESC, startDate ASC",
        "{'sort':[{'field':'version','order':'DESC'},{'field':'startDate','order':'ASC'}],"
            + "'filter':{'processDefinitionId':{'$like':'order-*'},'startDate':{'$gte':'"
            + java.time.Instant.ofEpochMilli(start + 20_000_000)
            + "','$lt':'"
            + java.time.Instant.ofEpochMilli(start + 60_000_000)
            + "'}}}",
        records);
    run(
        "$or of two alternatives, $in of 3 ids, key order",
        "{'filter':{'processDefinitionId':{'$in':['order-1','order-2','invoice-3']},"
            + "'$or':[{'hasIncident':true},{'endDate':{'$exists':false}}]}}",
        records);
    run(
        "no filter, after cursor (page 11), sort startDate ASC",
        "{'sort':[{'field':'startDate','order':'ASC'}],'page':{'limit':100,'after':'"
            + tenthPageCursor
            + "'}}",
        records);
    run(
        "no filter, before cursor (page 9), sort startDate ASC",
        "{'sort':[{'field':'startDate','order':'ASC'}],'page':{'limit':100,'before':'"
            + tenthPageCursor
            + "'}}",
        records);
    run(
        "no filter, deep offset from=50000, sort startDate DESC",
        "{'sort':[{'field':'startDate','order':'DESC'}],'page':{'from':50000,'limit':100}}",
        records);
    String newestFirst = "{'sort':[{'field':'startDate','order':'DESC'}],'page':{'limit':100}}";
    List<Element> shuffled = new ArrayList<>(records);
    Collections.shuffle(shuffled, new Random(2));
    run("shuffled candidates: no filter, sort startDate ASC, limit 100", firstPage, shuffled);
    run("shuffled candidates: no filter, sort startDate DESC, limit 100", newestFirst, shuffled);
    // Baselines: the same pages, taken by sorting every match (TimSort is linear on sorted runs).
    baseline("baseline sort-all: no filter, sort startDate ASC", firstPage, records);
    baseline("baseline sort-all: no filter, sort startDate DESC", newestFirst, records);
    baseline("baseline sort-all: shuffled, sort startDate ASC", firstPage, shuffled);
  }

  private static void baseline(String name, String singleQuotedBody, List<Element> records) {
    if (only != null && !name.contains(only)) {
      return;
    }
    JsonNode body = json(singleQuotedBody);
    measure(
        name,
        () -> {
          SearchQuery<Element> query = SearchQuery.parse(body, SCHEMA);
          List<Element> all = new ArrayList<>();
          for (Element element : records) {
            if (query.predicate().test(element)) {
              all.add(element);
            }
          }
          all.sort(query.comparator());
          return (long) all.size();
        });
  }

  private static List<Element> records() {
    Random random = new Random(1);
    String[] processes = new String[20];
    for (int i = 0; i < processes.length; i++) {
      processes[i] = (i % 2 == 0 ? "order-" : "invoice-") + i;
    }
    String[] elements = {"start", "task-a", "task-b", "gateway", "end"};
    List<Element> records = new ArrayList<>(RECORDS);
    for (int i = 0; i < RECORDS; i++) {
      // Ten element instances per process instance, created in key order as the engine does.
      long processInstanceKey = FIRST_KEY + (i / 10) * 10L;
      int roll = random.nextInt(100);
      String state = roll < 80 ? "COMPLETED" : roll < 95 ? "ACTIVE" : "TERMINATED";
      long startDate = 1_700_000_000_000L + i * 1_000L + random.nextInt(1_000);
      records.add(
          new Element(
              FIRST_KEY + i,
              processInstanceKey,
              processes[(i / 10) % processes.length],
              elements[i % elements.length],
              state,
              1 + random.nextInt(5),
              startDate,
              state.equals("ACTIVE") ? null : startDate + random.nextInt(60_000),
              random.nextInt(100) == 0));
    }
    return records;
  }

  private static void run(String name, String singleQuotedBody, List<Element> records) {
    if (only != null && !name.contains(only)) {
      return;
    }
    JsonNode body = json(singleQuotedBody);
    measure(name, () -> SearchQuery.parse(body, SCHEMA).execute(records).totalItems());
  }

  /**
   * Warms up for 1 s, then times five rounds of at least 0.4 s each. The best round is the figure
   * least disturbed by other processes on the machine; the median shows the spread.
   */
  private static void measure(String name, Supplier<Long> search) {
    long sink = 0;
    long warmUntil = System.nanoTime() + 1_000_000_000L;
    while (System.nanoTime() < warmUntil) {
      sink += search.get();
    }
    double[] rounds = new double[5];
    for (int round = 0; round < rounds.length; round++) {
      int calls = 0;
      long begin = System.nanoTime();
      long elapsed;
      do {
        sink += search.get();
        calls++;
        elapsed = System.nanoTime() - begin;
      } while (elapsed < 400_000_000L || calls < 5);
      rounds[round] = elapsed / 1_000.0 / calls;
    }
    Arrays.sort(rounds);
    System.out.printf(
        "%-66s %9.1f µs best %9.1f µs median  (%,d matches)%n",
        name, rounds[0], rounds[rounds.length / 2], search.get());
    if (sink == 42) {
      System.out.println();
    }
  }

  private static JsonNode json(String singleQuoted) {
    try {
      return MAPPER.readTree(singleQuoted.replace('\'', '"'));
    } catch (Exception e) {
      throw new IllegalArgumentException(singleQuoted, e);
    }
  }
}
