package io.rollgate.engine.internal.processor;

import io.rollgate.engine.internal.model.FlowNode;
import io.rollgate.engine.internal.state.ElementInstance;

/**
 * What one kind of BPMN element does when a token enters it. {@link Runtime} has already applied
 * the input mappings, run the start listeners and opened the boundary events; the behaviour either
 * completes the instance (through {@link Runtime#completeLater}), leaves it waiting for a job,
 * message, timer or child, or raises an incident.
 */
interface ElementBehavior {
  void activate(ElementInstance instance, FlowNode node);
}
