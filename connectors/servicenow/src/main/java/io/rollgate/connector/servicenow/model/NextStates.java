package io.rollgate.connector.servicenow.model;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The answer of {@code GET /change/{sys_id}/nextstates}.
 *
 * @param availableStates stored values of the states on offer, the current one included
 * @param transitions every listed way to reach a state; empty for type-driven changes
 * @param labels state value to label
 */
public record NextStates(
    List<String> availableStates, List<StateTransition> transitions, Map<String, String> labels) {

  public NextStates {
    availableStates = List.copyOf(availableStates);
    transitions = List.copyOf(transitions);
    labels = Map.copyOf(labels);
  }

  /**
   * Whether the change may move from {@code current} to {@code target} now: the target is on offer
   * and, when transitions are listed for it, at least one of them is available.
   */
  public boolean allows(ChangeState current, ChangeState target) {
    String to = String.valueOf(target.value());
    if (target == current || !availableStates.contains(to)) {
      return false;
    }
    List<StateTransition> ways =
        transitions.stream().filter(t -> to.equals(t.toState())).collect(Collectors.toList());
    return ways.isEmpty() || ways.stream().anyMatch(StateTransition::available);
  }

  /** The states {@link #allows} lets the change move to from {@code current}. */
  public List<ChangeState> allowedFrom(ChangeState current) {
    return availableStates.stream()
        .map(ChangeState::fromValue)
        .flatMap(java.util.Optional::stream)
        .filter(s -> allows(current, s))
        .collect(Collectors.toList());
  }
}
