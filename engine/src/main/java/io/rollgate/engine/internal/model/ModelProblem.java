package io.rollgate.engine.internal.model;

/**
 * Why a deployed model cannot run here.
 *
 * @param elementId the id of the offending element
 * @param elementType its BPMN type name (e.g. {@code userTask})
 * @param message what is wrong, in words a modeller understands
 */
record ModelProblem(String elementId, String elementType, String message) {
  @Override
  public String toString() {
    return "'" + elementId + "' (" + elementType + "): " + message;
  }
}
