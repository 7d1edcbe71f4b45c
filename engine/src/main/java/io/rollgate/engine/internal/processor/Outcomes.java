package io.rollgate.engine.internal.processor;

import io.rollgate.engine.internal.state.ProcessInstance;

/** What the runtime tells the processor while applying a command, so it can answer waiters. */
interface Outcomes {
  /** Jobs of this type became ready: wake pending activation requests. */
  void jobsAvailable(String type);

  /** The instance completed or was terminated: answer those awaiting its result. */
  void processEnded(ProcessInstance instance);

  /**
   * A user task transition held by task listeners was applied (rejection null) or denied: answer
   * the request that asked for it.
   */
  void userTaskTransitionEnded(long userTaskKey, EngineException rejection);

  /** For a state nobody waits on, such as the copy a snapshot is built from. */
  Outcomes IGNORED =
      new Outcomes() {
        @Override
        public void jobsAvailable(String type) {}

        @Override
        public void processEnded(ProcessInstance instance) {}

        @Override
        public void userTaskTransitionEnded(long userTaskKey, EngineException rejection) {}
      };
}
