package io.rollgate.engine.internal.processor;

import io.rollgate.engine.internal.feel.EvaluationException;
import io.rollgate.engine.internal.feel.Feel;
import io.rollgate.engine.internal.model.Behavior;
import io.rollgate.engine.internal.model.ElementSpec;
import io.rollgate.engine.internal.model.ElementType;
import io.rollgate.engine.internal.model.FlowNode;
import io.rollgate.engine.internal.model.ProcessModel;
import io.rollgate.engine.internal.model.TimerDefinition;
import io.rollgate.engine.internal.model.TimerSchedule;
import io.rollgate.engine.internal.state.ElementInstance;
import io.rollgate.engine.internal.state.EngineState;
import io.rollgate.engine.internal.state.ProcessDefinition;
import io.rollgate.engine.internal.state.Timer;
import io.rollgate.engine.internal.state.TimerState;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Timer events: catch, boundary and start timers, scheduled on the engine clock and fired by the
 * processor as journaled commands.
 */
final class Timers {
  private final EngineState state;
  private final Feel feel;
  private final Variables variables;
  private final Runtime runtime;

  Timers(EngineState state, Feel feel, Variables variables, Runtime runtime) {
    this.state = state;
    this.feel = feel;
    this.variables = variables;
    this.runtime = runtime;
  }

  /** Schedules a timer catch event, or raises an incident when its FEEL fails. */
  void scheduleCatchTimer(ElementInstance instance, FlowNode node) {
    try {
      schedule(instance, node, variables.visible(instance.key));
    } catch (EvaluationException e) {
      runtime.incidents().failActivation(instance, e);
    }
  }

  /** Schedules the timer of a catch or boundary event held by {@code holder}. */
  void schedule(ElementInstance holder, FlowNode event, Map<String, Object> seen) {
    Timer timer = newTimer(event, seen);
    timer.bindTo(holder);
    timer.elementId = event.id();
    state.add(timer);
    if (holder.timerKeys == null) {
      holder.timerKeys = new ArrayList<>();
    }
    holder.timerKeys.add(timer.key);
  }

  private Timer newTimer(FlowNode event, Map<String, Object> seen) {
    TimerDefinition definition = event.spec(ElementSpec.TimerEvent.class).timer();
    String text = feel.evaluateString(definition.value(), seen);
    TimerSchedule schedule = TimerSchedule.of(definition.kind(), text, runtime.now());
    Timer timer = new Timer();
    timer.key = state.nextKey();
    timer.elementId = event.id();
    timer.dueDate = schedule.firstDue();
    timer.repetitions = schedule.repetitions();
    timer.interval = schedule.interval();
    return timer;
  }

  /**
   * Schedules the timer start events of a newly deployed version and cancels those of the version
   * it replaces.
   */
  void replaceStartTimers(ProcessDefinition previous, ProcessDefinition latest) {
    if (previous != null) {
      for (Timer timer : List.copyOf(state.timers.values())) {
        if (timer.processInstanceKey == 0
            && timer.processDefinitionKey == previous.key
            && timer.isScheduled()) {
          state.unschedule(timer, TimerState.CANCELED);
        }
      }
    }
    for (FlowNode start : latest.model.root().timerStarts()) {
      Timer timer = newTimer(start, Map.of());
      timer.processDefinitionKey = latest.key;
      timer.processId = latest.processId;
      timer.tenantId = latest.tenantId;
      state.add(timer);
    }
  }

  /**
   * Checks that the timer start events of a model can be scheduled, before anything is deployed.
   *
   * @throws EngineException 400 naming the start event whose timer is not valid
   */
  void checkStartTimers(ProcessModel model) {
    for (FlowNode start : model.root().timerStarts()) {
      TimerDefinition definition = start.spec(ElementSpec.TimerEvent.class).timer();
      try {
        TimerSchedule.of(
            definition.kind(), feel.evaluateString(definition.value(), Map.of()), runtime.now());
      } catch (EvaluationException e) {
        throw EngineException.invalidArgument(
            "The timer of start event '" + start.id() + "' cannot be scheduled: " + e.getMessage());
      }
    }
  }

  /** A timer is due: its event happens, and a cycle is scheduled again. */
  void trigger(Timer timer) {
    if (timer.processInstanceKey == 0) {
      ProcessDefinition definition = state.definitions.get(timer.processDefinitionKey);
      repeatOrEnd(timer);
      runtime
          .activation()
          .startInstance(definition, Map.of(), definition.model.node(timer.elementId));
      return;
    }
    ElementInstance holder = state.elementInstances.get(timer.elementInstanceKey);
    FlowNode event = runtime.modelOf(holder).node(timer.elementId);
    if (event.behavior() == Behavior.TIMER_START) {
      if (event.interrupting()) {
        state.unschedule(timer, TimerState.TRIGGERED);
      } else {
        repeatOrEnd(timer);
      }
      runtime.activation().triggerEventSubProcess(holder, event, Map.of());
    } else if (holder.type == ElementType.EVENT_BASED_GATEWAY) {
      state.unschedule(timer, TimerState.TRIGGERED);
      runtime.subscriptions().passGateway(holder, event, Map.of());
    } else if (event.behavior() == Behavior.TIMER_CATCH) {
      state.unschedule(timer, TimerState.TRIGGERED);
      runtime.completeLater(holder);
    } else if (event.interrupting()) {
      state.unschedule(timer, TimerState.TRIGGERED);
      ElementInstance scope = state.elementInstances.get(holder.flowScopeKey);
      runtime.termination().terminate(holder);
      runtime.activation().activateEvent(event, scope, Map.of());
    } else {
      repeatOrEnd(timer);
      runtime
          .activation()
          .activateEvent(event, state.elementInstances.get(holder.flowScopeKey), Map.of());
    }
  }

  private void repeatOrEnd(Timer timer) {
    if (timer.repetitions == 0 || timer.interval == null) {
      state.unschedule(timer, TimerState.TRIGGERED);
      return;
    }
    if (timer.repetitions > 0) {
      timer.repetitions--;
    }
    state.reschedule(
        timer,
        new TimerSchedule(timer.dueDate, timer.repetitions, timer.interval).next(timer.dueDate));
  }
}
