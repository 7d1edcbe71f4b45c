package io.rollgate.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class RequestLogTest {

  @Test
  void countsEveryRequestBeyondTheEntriesItKeepsUntilCleared() {
    // given
    RequestLog log = new RequestLog();
    // when
    for (int i = 0; i < 10_001; i++) {
      log.add(new RequestLog.Entry(Instant.now(), "GET", "/api/things/" + i, 200));
    }
    // then
    assertThat(log.entries()).hasSize(10_000);
    assertThat(log.entries().get(0).path()).isEqualTo("/api/things/1");
    assertThat(log.total()).isEqualTo(10_001);
    log.clear();
    assertThat(log.total()).isZero();
    assertThat(log.entries()).isEmpty();
  }
}
