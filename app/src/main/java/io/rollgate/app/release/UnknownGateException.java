package io.rollgate.app.release;

import io.rollgate.processes.Lifecycle;

/** A gate name the lifecycle does not have: 404, listing the ones it has. */
final class UnknownGateException extends RuntimeException {

  UnknownGateException(String gate) {
    super("there is no gate '" + gate + "'; the gates are " + Lifecycle.Gates.ALL);
  }
}
