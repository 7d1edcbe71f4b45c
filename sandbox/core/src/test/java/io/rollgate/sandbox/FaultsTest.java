package io.rollgate.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class FaultsTest {

  private final AtomicReference<Instant> now =
      new AtomicReference<>(Instant.parse("2026-11-23T10:00:00Z"));
  private final Faults faults =
      new Faults(
          new Clock() {
            @Override
            public ZoneOffset getZone() {
              return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
              return this;
            }

            @Override
            public Instant instant() {
              return now.get();
            }
          });

  private void advance(Duration d) {
    now.set(now.get().plus(d));
  }

  @Test
  void servesEverythingWhenNoKnobIsSet() {
    assertThat(faults.decide()).isEqualTo(new Faults.Pass(Duration.ZERO));
  }

  @Test
  void throttlesBeyondTheRateLimitAndSaysWhenASlotFrees() {
    // given 2 requests per second
    faults.set(new Faults.Spec(null, new Faults.RateLimit(2, 1000), null, null, null));
    Instant start = now.get();
    // when
    Faults.Decision first = faults.decide();
    advance(Duration.ofMillis(300));
    Faults.Decision second = faults.decide();
    Faults.Decision third = faults.decide();
    // then
    assertThat(first).isInstanceOf(Faults.Pass.class);
    assertThat(second).isInstanceOf(Faults.Pass.class);
    assertThat(third).isEqualTo(new Faults.Fail(Duration.ZERO, 429, 1, 2, 0, start.plusSeconds(1)));
    // and once the window moves past the first request, one more is served
    advance(Duration.ofMillis(701));
    assertThat(faults.decide()).isInstanceOf(Faults.Pass.class);
    assertThat(faults.decide()).isInstanceOf(Faults.Fail.class);
  }

  @Test
  void failsExactlyTheNextRequestsThenRecovers() {
    // given
    faults.set(new Faults.Spec(25L, null, new Faults.FailNext(2, 503, 3), null, null));
    // then
    Faults.Fail expected =
        new Faults.Fail(Duration.ofMillis(25), 503, 3, 0, 0, now.get().plusSeconds(3));
    assertThat(faults.decide()).isEqualTo(expected);
    assertThat(faults.decide()).isEqualTo(expected);
    assertThat(faults.decide()).isEqualTo(new Faults.Pass(Duration.ofMillis(25)));
  }

  @Test
  void failsTheGivenShareOfRequestsSpreadEvenly() {
    // given
    faults.set(new Faults.Spec(200L, null, null, null, null, new Faults.FailRate(0.1, 503)));

    // when
    java.util.List<Faults.Decision> decisions =
        java.util.stream.IntStream.range(0, 100).mapToObj(i -> faults.decide()).toList();

    // then: every tenth request fails, every one is late
    assertThat(decisions.stream().filter(Faults.Fail.class::isInstance)).hasSize(10);
    assertThat(decisions.get(9))
        .isEqualTo(new Faults.Fail(Duration.ofMillis(200), 503, null, 0, 0, null));
    assertThat(decisions.subList(0, 9)).containsOnly(new Faults.Pass(Duration.ofMillis(200)));
  }

  @Test
  void resetsConnectionsBeforeAnythingElse() {
    faults.set(new Faults.Spec(null, null, new Faults.FailNext(1, 500, null), 1, null));
    assertThat(faults.decide()).isInstanceOf(Faults.Reset.class);
    assertThat(faults.decide()).isInstanceOf(Faults.Fail.class);
  }

  @Test
  void answers503OnlyInsideTheOutageWindow() {
    // given an outage from +10 s to +70 s
    Instant from = now.get().plusSeconds(10);
    faults.set(
        new Faults.Spec(null, null, null, null, new Faults.Outage(from, from.plusSeconds(60))));
    // then
    assertThat(faults.decide()).isInstanceOf(Faults.Pass.class);
    advance(Duration.ofSeconds(10));
    assertThat(faults.decide())
        .isEqualTo(new Faults.Fail(Duration.ZERO, 503, 60, 0, 0, from.plusSeconds(60)));
    advance(Duration.ofSeconds(60));
    assertThat(faults.decide()).isInstanceOf(Faults.Pass.class);
  }
}
