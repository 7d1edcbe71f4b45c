package io.rollgate.sandbox.launchdarkly;

/** An environment with the id the simulator gave it. */
record EnvRecord(String id, EnvironmentSeed seed) {}
