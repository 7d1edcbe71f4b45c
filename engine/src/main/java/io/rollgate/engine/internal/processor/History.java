package io.rollgate.engine.internal.processor;

import io.rollgate.engine.internal.state.EngineState;
import io.rollgate.engine.internal.state.ProcessInstance;
import io.rollgate.engine.internal.state.State;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * History retention: removes ended process instances with everything that belongs to them
 * (instances they called, element instances, variables, jobs, incidents, user tasks, timers,
 * subscriptions, message correlations and decision instances).
 */
final class History {
  private History() {}

  /**
   * Removes the given root instances if they have ended, with the instances they called.
   *
   * @return how many process instances were removed, as the command's result
   */
  static Object remove(EngineState state, List<Long> rootKeys) {
    Set<Long> removed = new HashSet<>();
    long lowest = Long.MAX_VALUE;
    for (long key : rootKeys) {
      ProcessInstance instance = state.processInstances.get(key);
      if (instance != null && instance.state != State.ACTIVE) {
        removed.add(key);
        lowest = Math.min(lowest, key);
      }
    }
    if (removed.isEmpty()) {
      return 0;
    }
    // A called instance has a larger key than its caller: one ascending pass finds them all.
    for (ProcessInstance instance : state.processInstances.tailMap(lowest, false).values()) {
      if (instance.parentProcessInstanceKey != null
          && removed.contains(instance.parentProcessInstanceKey)
          && instance.state != State.ACTIVE) {
        removed.add(instance.key);
      }
    }
    for (long key : removed) {
      state.processInstances.remove(key);
      state
          .byProcess(state.elementInstancesByProcess, key)
          .forEach(element -> state.elementInstances.remove(element.key));
      state.elementInstancesByProcess.remove(key);
      state
          .byProcess(state.variablesByProcess, key)
          .forEach(
              variable -> {
                state.variables.remove(variable.key);
                state.variablesByScope.remove(variable.scopeKey);
              });
      state.variablesByProcess.remove(key);
      state
          .byProcess(state.jobsByProcess, key)
          .forEach(
              job -> {
                state.jobQueue.remove(job);
                state.jobs.remove(job.key);
              });
      state.jobsByProcess.remove(key);
      state.byProcess(state.incidentsByProcess, key).forEach(i -> state.incidents.remove(i.key));
      state.incidentsByProcess.remove(key);
      state.byProcess(state.userTasksByProcess, key).forEach(t -> state.userTasks.remove(t.key));
      state.userTasksByProcess.remove(key);
    }
    removeIf(state.timers, t -> removed.contains(t.processInstanceKey) && !t.isScheduled());
    removeIf(state.subscriptions, s -> removed.contains(s.processInstanceKey) && !s.isOpen());
    removeIf(state.signalSubscriptions, s -> removed.contains(s.processInstanceKey) && !s.isOpen());
    state.correlations.removeIf(c -> removed.contains(c.processInstanceKey()));
    state.decisionInstances.values().removeIf(d -> removed.contains(d.processInstanceKey));
    return removed.size();
  }

  private static <V> void removeIf(Map<Long, V> map, Predicate<V> test) {
    map.values().removeIf(test);
  }
}
