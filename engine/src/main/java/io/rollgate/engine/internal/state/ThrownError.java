package io.rollgate.engine.internal.state;

import java.util.Map;

/** A BPMN error as thrown by a job or an error end event. */
public record ThrownError(String code, String message, Map<String, Object> variables) {}
