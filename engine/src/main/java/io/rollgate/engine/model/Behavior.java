package io.rollgate.engine.model;

/** How the engine executes an element, independent of its BPMN type name. */
public enum Behavior {
  /** Completes as soon as it is activated (start events, manual and undefined tasks). */
  PASS_THROUGH,
  /**
   * Creates a job and waits for a worker (service, send and job-based script tasks; message
   * intermediate throw and end events).
   */
  JOB,
  /** Creates a user task and waits for someone to complete it. */
  USER_TASK,
  /** Evaluates a FEEL script and stores its result. */
  SCRIPT,
  /** Evaluates a deployed DMN decision and stores its result (business rule task). */
  DECISION,
  EXCLUSIVE_GATEWAY,
  PARALLEL_GATEWAY,
  INCLUSIVE_GATEWAY,
  /** Waits for whichever of the message or timer events after it happens first. */
  EVENT_GATEWAY,
  /** Runs its own flow from its none start event. */
  SUB_PROCESS,
  /** An event sub-process: started by its start event's trigger while its scope is active. */
  EVENT_SUB_PROCESS,
  /** The error start event of an event sub-process. */
  ERROR_START,
  /** Starts an instance of another process and waits for it to complete. */
  CALL_ACTIVITY,
  NONE_END,
  ERROR_END,
  TERMINATE_END,
  /** An error boundary event: activated only when an error is caught. */
  ERROR_BOUNDARY,
  /** Waits for a message (intermediate catch event, receive task). */
  MESSAGE_CATCH,
  /** A message boundary event: activated when its message arrives, interrupting or not. */
  MESSAGE_BOUNDARY,
  /** A message start event of the process: started by a published message. */
  MESSAGE_START,
  /** Waits for a broadcast signal (intermediate signal catch event). */
  SIGNAL_CATCH,
  /** A signal boundary event: activated when its signal is broadcast, interrupting or not. */
  SIGNAL_BOUNDARY,
  /** A signal start event of the process: starts an instance on each broadcast. */
  SIGNAL_START,
  /** Broadcasts its signal, then goes on (intermediate throw) or ends its path (end event). */
  SIGNAL_THROW,
  /** Waits until its timer is due (intermediate timer catch event). */
  TIMER_CATCH,
  /** A timer boundary event: activated when its timer is due, interrupting or not. */
  TIMER_BOUNDARY,
  /** A timer start event of the process: starts instances when its timer is due. */
  TIMER_START,
  /**
   * Throws an escalation to the enclosing scopes, then goes on (intermediate throw) or ends its
   * path (end event) unless an interrupting catcher ended it.
   */
  ESCALATION_THROW,
  /** An escalation boundary event on a sub-process or call activity, interrupting or not. */
  ESCALATION_BOUNDARY,
  /** The escalation start event of an event sub-process. */
  ESCALATION_START,
  /** The process itself: the root scope. */
  PROCESS,
  /**
   * A compensation intermediate throw or end event: starts the compensation handlers of the
   * completed activities of its scope (or of its {@code activityRef}) and waits for them.
   */
  COMPENSATION_THROW
}
