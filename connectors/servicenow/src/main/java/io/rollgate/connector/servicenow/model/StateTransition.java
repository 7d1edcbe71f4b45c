package io.rollgate.connector.servicenow.model;

/**
 * One way to reach a state, from {@code nextstates}.
 *
 * @param available whether the change may make this move now ({@code transition_available})
 * @param automatic whether ServiceNow makes it by itself ({@code automatic_transition})
 */
public record StateTransition(
    String fromState, String toState, String label, boolean available, boolean automatic) {}
