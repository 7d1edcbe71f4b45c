package io.rollgate.engine.internal.processor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CommandHandlersTest {

  @Test
  void refusesToStartWhenACommandHasNoHandler() {
    // given
    CommandHandlers handlers = new CommandHandlers().on(Command.Purge.class, c -> "purged");

    // when / then
    assertThatThrownBy(handlers::complete)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("Deploy")
        .hasMessageContaining("CreateInstance")
        .hasMessageNotContaining("Purge");
  }

  @Test
  void appliesTheHandlerOfTheCommandsKind() {
    // given
    CommandHandlers handlers =
        new CommandHandlers()
            .on(Command.Purge.class, c -> "purged")
            .on(Command.PinClock.class, c -> c.epochMillis());

    // when / then
    assertThat(handlers.apply(new Command.PinClock(42))).isEqualTo(42L);
    assertThat(handlers.apply(new Command.Purge())).isEqualTo("purged");
  }
}
