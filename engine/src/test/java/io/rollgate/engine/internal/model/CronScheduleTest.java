package io.rollgate.engine.internal.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rollgate.engine.internal.feel.EvaluationException;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CronScheduleTest {
  // a Friday
  private static final long FRIDAY_NOON = Instant.parse("2030-03-15T12:00:00Z").toEpochMilli();

  private static Instant next(String cron, long after) {
    return Instant.ofEpochMilli(CronSchedule.parse(cron).next(after));
  }

  @Test
  void weekdayBusinessHoursSkipTheWeekend() {
    assertThat(next("0 0 9-17 * * MON-FRI", FRIDAY_NOON))
        .isEqualTo(Instant.parse("2030-03-15T13:00:00Z"));
    long fridayEvening = Instant.parse("2030-03-15T17:00:00Z").toEpochMilli();
    assertThat(next("0 0 9-17 * * MON-FRI", fridayEvening))
        .isEqualTo(Instant.parse("2030-03-18T09:00:00Z"));
  }

  @Test
  void stepsListsNamesAndMacros() {
    assertThat(next("*/10 * * * * *", FRIDAY_NOON))
        .isEqualTo(Instant.parse("2030-03-15T12:00:10Z"));
    assertThat(next("0 15/30 * * * ?", FRIDAY_NOON))
        .isEqualTo(Instant.parse("2030-03-15T12:15:00Z"));
    assertThat(next("0 0 6,18 * * *", FRIDAY_NOON))
        .isEqualTo(Instant.parse("2030-03-15T18:00:00Z"));
    assertThat(next("0 0 0 25 DEC ?", FRIDAY_NOON))
        .isEqualTo(Instant.parse("2030-12-25T00:00:00Z"));
    assertThat(next("0 30 2 * * SUN", FRIDAY_NOON))
        .isEqualTo(Instant.parse("2030-03-17T02:30:00Z"));
    assertThat(next("0 30 2 * * 7", FRIDAY_NOON)).isEqualTo(Instant.parse("2030-03-17T02:30:00Z"));
    assertThat(next("@daily", FRIDAY_NOON)).isEqualTo(Instant.parse("2030-03-16T00:00:00Z"));
    assertThat(next("@monthly", FRIDAY_NOON)).isEqualTo(Instant.parse("2030-04-01T00:00:00Z"));
  }

  @Test
  void dayOfMonthAndDayOfWeekMustBothMatch() {
    // the next Friday the 13th after 2030-03-15
    assertThat(next("0 0 0 13 * FRI", FRIDAY_NOON))
        .isEqualTo(Instant.parse("2030-09-13T00:00:00Z"));
  }

  @Test
  void theNextDueDateIsStrictlyAfterTheGivenOne() {
    long due = Instant.parse("2030-03-15T13:00:00Z").toEpochMilli();
    assertThat(next("0 0 * * * *", due)).isEqualTo(Instant.parse("2030-03-15T14:00:00Z"));
  }

  @Test
  void invalidExpressionsNameTheField() {
    assertThatThrownBy(() -> CronSchedule.parse("0 0 25 * * *"))
        .isInstanceOf(EvaluationException.class)
        .hasMessageContaining("invalid hour '25'");
    assertThatThrownBy(() -> CronSchedule.parse("0 0 9 * *"))
        .isInstanceOf(EvaluationException.class)
        .hasMessageContaining("six fields");
    assertThatThrownBy(() -> CronSchedule.parse("0 0 9 L * *"))
        .isInstanceOf(EvaluationException.class)
        .hasMessageContaining("day of month 'L'");
    assertThatThrownBy(() -> CronSchedule.parse("0 0 0 30 2 *").next(FRIDAY_NOON))
        .isInstanceOf(EvaluationException.class)
        .hasMessageContaining("never due");
  }

  @Test
  void aCronCycleRepeatsWithoutEnd() {
    TimerSchedule schedule =
        TimerSchedule.of(TimerDefinition.Kind.CYCLE, "0 0 9 * * MON-FRI", FRIDAY_NOON);
    assertThat(schedule.firstDue()).isEqualTo(Instant.parse("2030-03-18T09:00:00Z").toEpochMilli());
    assertThat(schedule.repetitions()).isEqualTo(-1);
    assertThat(schedule.next(schedule.firstDue()))
        .isEqualTo(Instant.parse("2030-03-19T09:00:00Z").toEpochMilli());
  }
}
