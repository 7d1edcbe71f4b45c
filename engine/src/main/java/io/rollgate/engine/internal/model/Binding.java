package io.rollgate.engine.internal.model;

/**
 * Which version of a linked resource (a called process, decision or form) an element uses.
 *
 * @param type latest, deployment or version tag
 * @param versionTag for the version-tag binding: the tag; null otherwise
 */
public record Binding(Type type, String versionTag) {

  /** The latest version, the default. */
  public static final Binding LATEST = new Binding(Type.LATEST, null);

  /** The kinds of binding Camunda 8 offers ({@code bindingType}). */
  public enum Type {
    /** The latest version deployed when the element is activated. */
    LATEST,
    /** The version deployed together with the running version of the process that links it. */
    DEPLOYMENT,
    /** The latest version deployed with the element's version tag. */
    VERSION_TAG
  }
}
