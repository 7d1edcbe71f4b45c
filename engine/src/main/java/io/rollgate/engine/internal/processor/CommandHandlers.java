package io.rollgate.engine.internal.processor;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Which handler applies which kind of {@link Command}: one entry per record of the sealed
 * interface, so that a new command without a handler fails when the engine starts, not when a
 * client first sends it.
 */
final class CommandHandlers {
  private final Map<Class<?>, Function<Command, Object>> handlers = new HashMap<>();

  /** Registers the handler of one kind of command; its result is the response body. */
  <C extends Command> CommandHandlers on(Class<C> type, Function<? super C, ?> handler) {
    if (handlers.put(type, command -> handler.apply(type.cast(command))) != null) {
      throw new IllegalStateException("two handlers for " + type.getSimpleName());
    }
    return this;
  }

  /** Checks that every kind of command has a handler. */
  CommandHandlers complete() {
    List<String> missing =
        Arrays.stream(Command.class.getPermittedSubclasses())
            .filter(type -> !handlers.containsKey(type))
            .map(Class::getSimpleName)
            .toList();
    if (!missing.isEmpty()) {
      throw new IllegalStateException("no handler for the commands " + missing);
    }
    return this;
  }

  Object apply(Command command) {
    Function<Command, Object> handler = handlers.get(command.getClass());
    if (handler == null) {
      throw new IllegalArgumentException("unknown command " + command);
    }
    return handler.apply(command);
  }
}
