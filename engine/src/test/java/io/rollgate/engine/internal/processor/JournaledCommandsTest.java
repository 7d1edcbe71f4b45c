package io.rollgate.engine.internal.processor;

import static org.assertj.core.api.Assertions.assertThat;

import io.rollgate.engine.internal.api.Json;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Journals written before task listeners existed still replay, and the new fields round-trip. */
class JournaledCommandsTest {

  @Test
  void userTaskAndJobCommandsJournaledWithoutTheListenerFieldsStillReplay() throws Exception {
    // given records as the engine journaled them before task listeners
    String completeJob = "{\"@c\":\"complete\",\"jobKey\":7,\"variables\":{\"a\":1}}";
    String assign =
        "{\"@c\":\"assignUserTask\",\"userTaskKey\":8,\"assignee\":\"ana\",\"allowOverride\":true}";
    String complete = "{\"@c\":\"completeUserTask\",\"userTaskKey\":8,\"variables\":{}}";

    // when
    Command job = Json.MAPPER.readValue(completeJob, Command.class);
    Command assignment = Json.MAPPER.readValue(assign, Command.class);
    Command completion = Json.MAPPER.readValue(complete, Command.class);

    // then
    assertThat(job).isEqualTo(new Command.CompleteJob(7, Map.of("a", 1), null));
    assertThat(assignment).isEqualTo(new Command.AssignUserTask(8, "ana", true, null));
    assertThat(completion).isEqualTo(new Command.CompleteUserTask(8, Map.of(), null));
  }

  @Test
  void aListenersJobResultRoundTripsThroughTheJournal() throws Exception {
    // given
    Command command =
        new Command.CompleteJob(
            9,
            Map.of(),
            new Command.UserTaskResult(
                true,
                "the requester cannot decide",
                new Command.Corrections("bo", "", null, List.of("cy"), List.of(), 70)));

    // when
    Command replayed = Json.MAPPER.readValue(Json.MAPPER.writeValueAsBytes(command), Command.class);

    // then
    assertThat(replayed).isEqualTo(command);
  }
}
