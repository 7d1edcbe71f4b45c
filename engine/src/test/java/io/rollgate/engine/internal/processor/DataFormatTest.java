package io.rollgate.engine.internal.processor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;

class DataFormatTest {

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  @Test
  void dataWrittenBeforeVersioningIsFormatOne() {
    // given
    ObjectNode unversioned = JSON.objectNode().put("time", 1L);

    // when
    ObjectNode read = DataFormat.SHIPPED.journalRecord(unversioned, "at position 7");

    // then
    assertThat(DataFormat.versionOf(unversioned)).isEqualTo(1);
    assertThat(read.get(DataFormat.FIELD).asInt()).isEqualTo(DataFormat.CURRENT);
  }

  @Test
  void olderDataIsMigratedStepByStepToTheCurrentFormat() {
    // given: format 3, where format 2 renamed "name" to "label" and format 3 added "kind"
    DataFormat three =
        new DataFormat(
            3,
            List.of(
                tree -> {
                  tree.set("label", tree.remove("name"));
                  return tree;
                },
                tree -> tree.put("kind", "task")),
            List.of(tree -> tree, tree -> tree));
    ObjectNode formatOne = JSON.objectNode().put("name", "Deploy");
    ObjectNode formatTwo = JSON.objectNode().put("format", 2).put("label", "Verify");

    // when
    ObjectNode fromOne = three.journalRecord(formatOne, "at position 1");
    ObjectNode fromTwo = three.journalRecord(formatTwo, "at position 2");

    // then
    assertThat(fromOne.toString())
        .isEqualTo("{\"label\":\"Deploy\",\"kind\":\"task\",\"format\":3}");
    assertThat(fromTwo.toString())
        .isEqualTo("{\"format\":3,\"label\":\"Verify\",\"kind\":\"task\"}");
  }

  @Test
  void dataFromANewerEngineIsRefusedSayingSo() {
    // given
    ObjectNode fromTheFuture = JSON.objectNode().put("format", DataFormat.CURRENT + 1);

    // then
    assertThatThrownBy(() -> DataFormat.SHIPPED.snapshot(fromTheFuture, "state"))
        .isInstanceOf(DataFormat.UnreadableDataException.class)
        .hasMessageContaining("data format " + (DataFormat.CURRENT + 1))
        .hasMessageContaining("reads formats 1 to " + DataFormat.CURRENT)
        .hasMessageContaining("newer engine");
  }

  @Test
  void aFormatNeedsAStepForEveryVersionBeforeIt() {
    assertThatThrownBy(() -> new DataFormat(2, List.of(), List.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
