package io.rollgate.engine.processor;

import static org.assertj.core.api.Assertions.assertThat;

import io.rollgate.engine.feel.Feel;
import io.rollgate.engine.model.ModelTransformer;
import io.rollgate.engine.state.ElementInstance;
import io.rollgate.engine.state.EngineState;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a scope still has to compensate, and a compensation waiting for handlers, survive. */
class CompensationSnapshotTest {

  @Test
  void compensationStateComesBackWholeFromASnapshot() {
    // given a process scope with two compensable activities, a waiting throw and its handler
    EngineState state = new EngineState();
    ElementInstance scope = instance(1, null);
    scope.compensable = new ArrayList<>(List.of(2L, 3L));
    state.elementInstances.put(scope.key, scope);
    ElementInstance thrower = instance(4, 1L);
    thrower.compensationsPending = 2;
    state.add(thrower);
    ElementInstance handler = instance(5, 1L);
    handler.compensationThrowKey = 4L;
    state.add(handler);

    // when
    byte[] snapshot = StateSnapshot.write(state, new EngineClock(Clock.systemUTC()));
    EngineState restored = new EngineState();
    StateSnapshot.restore(
        snapshot,
        restored,
        new ModelTransformer(new Feel(() -> 0L)),
        new EngineClock(Clock.systemUTC()));

    // then
    assertThat(restored.elementInstances.get(1L).compensable).containsExactly(2L, 3L);
    assertThat(restored.elementInstances.get(4L).compensationsPending).isEqualTo(2);
    assertThat(restored.elementInstances.get(5L).compensationThrowKey).isEqualTo(4L);
    assertThat(restored.elementInstances.get(4L).compensable).isNull();
  }

  private static ElementInstance instance(long key, Long flowScope) {
    ElementInstance instance = new ElementInstance();
    instance.key = key;
    instance.processInstanceKey = 1;
    instance.processDefinitionKey = 9;
    instance.processId = "p";
    instance.elementId = "e" + key;
    instance.flowScopeKey = flowScope;
    return instance;
  }
}
