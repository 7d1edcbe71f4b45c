package io.rollgate.engine.internal.processor;

import io.rollgate.engine.internal.state.ProcessInstance;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What a command caused that waiting requests and history retention care about, collected while it
 * is applied and delivered once it is done. Processor thread only.
 */
final class CommandOutcomes implements Outcomes {
  private final Set<String> typesWithNewJobs = new LinkedHashSet<>();
  private final Map<Long, Optional<EngineException>> endedTransitions = new LinkedHashMap<>();
  private final List<ProcessInstance> endedInstances = new ArrayList<>();

  @Override
  public void jobsAvailable(String type) {
    typesWithNewJobs.add(type);
  }

  @Override
  public void processEnded(ProcessInstance instance) {
    endedInstances.add(instance);
  }

  @Override
  public void userTaskTransitionEnded(long userTaskKey, EngineException rejection) {
    endedTransitions.put(userTaskKey, Optional.ofNullable(rejection));
  }

  /**
   * Answers the requests waiting for what happened: ended transitions, ended instances (which
   * history retention tracks from now on), new jobs for held polls.
   */
  void deliver(WaitingRequests waiting, HistoryRetention history) {
    endedTransitions.forEach(waiting::transitionEnded);
    endedTransitions.clear();
    for (ProcessInstance ended : endedInstances) {
      history.track(ended);
      waiting.instanceEnded(ended);
    }
    endedInstances.clear();
    if (typesWithNewJobs.isEmpty()) {
      return;
    }
    List<String> types = new ArrayList<>(typesWithNewJobs);
    typesWithNewJobs.clear();
    types.forEach(waiting::servePolls);
  }

  /** Forgets what replay caused: nobody waited for it. */
  void clear() {
    typesWithNewJobs.clear();
    endedInstances.clear();
    endedTransitions.clear();
  }
}
