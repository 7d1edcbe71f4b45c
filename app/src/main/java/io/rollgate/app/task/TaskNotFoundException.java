package io.rollgate.app.task;

/** No open user task has that key (unknown, or already completed or canceled): 404. */
final class TaskNotFoundException extends RuntimeException {

  TaskNotFoundException(String key) {
    super("no open user task has key " + key);
  }
}
