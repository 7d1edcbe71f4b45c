package io.rollgate.workers.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryBackoffTest {

  private final RetryBackoff backoff =
      new RetryBackoff(Duration.ofSeconds(10), Duration.ofSeconds(30));

  @Test
  void waitsLongerAsFewerRetriesAreLeft() {
    // given three retries at first (Camunda's default)

    // when
    Duration first = backoff.after(3);
    Duration second = backoff.after(2);

    // then
    assertThat(first).isEqualTo(Duration.ofSeconds(10));
    assertThat(second).isEqualTo(Duration.ofSeconds(20));
  }

  @Test
  void neverWaitsLongerThanTheMaximum() {
    // given / when
    Duration last = backoff.after(1);
    Duration wayOff = backoff.after(-100);

    // then
    assertThat(last).isEqualTo(Duration.ofSeconds(30));
    assertThat(wayOff).isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void refusesAMaximumBelowTheFirstWait() {
    // given / when / then
    assertThatThrownBy(() -> new RetryBackoff(Duration.ofSeconds(10), Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
