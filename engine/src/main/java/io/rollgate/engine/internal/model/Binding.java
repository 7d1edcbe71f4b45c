package io.rollgate.engine.internal.model;

/** Which version of a linked resource (a called process, decision or form) an element uses. */
public enum Binding {
  /** The latest version deployed when the element is activated. */
  LATEST,
  /** The version deployed together with the running version of the process that links it. */
  DEPLOYMENT,
  /** The latest version deployed with the element's version tag. */
  VERSION_TAG
}
