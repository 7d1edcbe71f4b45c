package io.rollgate.engine.model;

/** Element types as the Camunda 8 REST API names them in element instance results. */
public enum ElementType {
  PROCESS,
  SUB_PROCESS,
  START_EVENT,
  END_EVENT,
  BOUNDARY_EVENT,
  INTERMEDIATE_THROW_EVENT,
  INTERMEDIATE_CATCH_EVENT,
  RECEIVE_TASK,
  SERVICE_TASK,
  SEND_TASK,
  SCRIPT_TASK,
  MANUAL_TASK,
  TASK,
  EXCLUSIVE_GATEWAY,
  PARALLEL_GATEWAY,
  EVENT_BASED_GATEWAY,
  INCLUSIVE_GATEWAY
}
