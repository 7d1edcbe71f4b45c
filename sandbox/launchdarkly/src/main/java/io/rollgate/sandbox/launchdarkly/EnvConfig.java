package io.rollgate.sandbox.launchdarkly;

/** A flag's configuration in one environment, as LaunchDarkly versions it. */
record EnvConfig(Targeting targeting, int version, long lastModified, String salt, String sel) {

  EnvConfig changedTo(Targeting next, long now) {
    return new EnvConfig(next, version + 1, now, salt, sel);
  }

  /** A change nobody asked for, standing in for a concurrent writer: only the version moves. */
  EnvConfig touched(long now) {
    return new EnvConfig(targeting, version + 1, now, salt, sel);
  }
}
