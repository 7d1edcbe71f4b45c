package io.rollgate.engine.internal.processor;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.smile.databind.SmileMapper;
import io.rollgate.engine.internal.feel.Feel;
import io.rollgate.engine.internal.model.ExecutionListenerEvent;
import io.rollgate.engine.internal.model.ModelTransformer;
import io.rollgate.engine.internal.model.TaskListenerEvent;
import io.rollgate.engine.internal.state.ElementInstance;
import io.rollgate.engine.internal.state.EngineState;
import io.rollgate.engine.internal.state.Job;
import io.rollgate.engine.internal.state.ListenerEventType;
import io.rollgate.engine.internal.state.UserTask;
import io.rollgate.engine.internal.state.UserTaskTransition;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A user task held by its task listeners, and their job, come back whole from a snapshot. */
class TaskListenerSnapshotTest {

  @Test
  void aTransitionWaitingForItsListenersSurvivesASnapshot() {
    // given a completion waiting for its second listener, which corrected the assignee
    EngineState state = new EngineState();
    UserTask task = new UserTask();
    task.key = 11;
    task.state = io.rollgate.engine.internal.state.UserTaskState.COMPLETING;
    task.assignee = "ana";
    UserTaskTransition completing = new UserTaskTransition();
    completing.eventType = TaskListenerEvent.COMPLETING;
    completing.action = "complete";
    completing.previousState = io.rollgate.engine.internal.state.UserTaskState.CREATED;
    completing.listenerIndex = 1;
    completing.jobKey = 12L;
    completing.assignee = "bo";
    completing.changedAttributes = List.of("assignee");
    completing.variables = Map.of("decision", "GO");
    task.transition = completing;
    state.add(task);
    Job job = new Job();
    job.key = 12;
    job.type = "separation-of-duties";
    job.kind = io.rollgate.engine.internal.state.JobKind.TASK_LISTENER;
    job.listenerEventType = ListenerEventType.COMPLETING;
    job.userTaskKey = 11L;
    job.customHeaders = Map.of();
    state.add(job);
    EngineClock clock = new EngineClock(Clock.systemUTC());

    // when
    byte[] snapshot = StateSnapshot.write(state, clock);
    EngineState restored = new EngineState();
    StateSnapshot.restore(
        snapshot,
        restored,
        new ModelTransformer(new Feel(() -> 0L)),
        new EngineClock(Clock.systemUTC()));

    // then
    UserTask back = restored.userTasks.get(11L);
    assertThat(back.state).isEqualTo(io.rollgate.engine.internal.state.UserTaskState.COMPLETING);
    assertThat(back.assignee).isEqualTo("ana");
    assertThat(back.transition).usingRecursiveComparison().isEqualTo(completing);
    Job backJob = restored.jobs.get(12L);
    assertThat(backJob.kind).isEqualTo(io.rollgate.engine.internal.state.JobKind.TASK_LISTENER);
    assertThat(backJob.listenerEventType).isEqualTo(ListenerEventType.COMPLETING);
    assertThat(backJob.userTaskKey).isEqualTo(11L);
  }

  @Test
  void listenerEventsArePersistedUnderTheNamesEarlierDataUses() throws Exception {
    // given an element held by its end listeners and a task held by its completing listeners
    EngineState state = new EngineState();
    ElementInstance element = new ElementInstance();
    element.key = 21;
    element.listenerEvent = ExecutionListenerEvent.END;
    state.elementInstances.put(element.key, element);
    UserTask task = new UserTask();
    task.key = 22;
    task.transition = new UserTaskTransition();
    task.transition.eventType = TaskListenerEvent.COMPLETING;
    state.add(task);

    // when
    JsonNode written =
        new SmileMapper().readTree(StateSnapshot.write(state, new EngineClock(Clock.systemUTC())));

    // then
    assertThat(written.findValuesAsText("listenerEvent")).contains("end");
    assertThat(written.findValuesAsText("eventType")).contains("completing");
  }
}
