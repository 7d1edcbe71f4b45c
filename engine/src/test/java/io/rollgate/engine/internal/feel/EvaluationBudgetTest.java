package io.rollgate.engine.internal.feel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class EvaluationBudgetTest {
  private final EvaluationBudget budget =
      new EvaluationBudget(Duration.ofMillis(200), 64L * 1024 * 1024);

  @Test
  void anEvaluationThatWaitsForACoreLongerThanItsBudgetStillFinishes() {
    // given: an evaluation that takes 600 ms of wall time but almost no CPU, as one does on a
    // machine whose cores are busy with other work
    // when
    String result =
        budget.run(
            "the readiness decision",
            () -> {
              Thread.sleep(600);
              return "GO";
            });

    // then
    assertThat(result).isEqualTo("GO");
  }

  @Test
  void anEvaluationThatComputesPastItsBudgetIsStoppedWithItsName() {
    assertThatThrownBy(
            () ->
                budget.run(
                    "the expression 'for x in 1..n'",
                    () -> {
                      long sum = 0;
                      while (!Thread.currentThread().isInterrupted()) {
                        sum += System.nanoTime() % 7;
                      }
                      return sum;
                    }))
        .isInstanceOf(EvaluationException.class)
        .hasMessageContaining("the expression 'for x in 1..n' exceeded the evaluation budget");

    // and the budget serves the next evaluation
    assertThat(budget.run("the next one", () -> 42)).isEqualTo(42);
  }

  @Test
  void anEvaluationThatNeverFinishesIsStoppedByTheWallTimeBackstop() {
    assertThatThrownBy(
            () ->
                budget.run(
                    "a stuck evaluation",
                    () -> {
                      Thread.sleep(Duration.ofMinutes(5).toMillis());
                      return null;
                    }))
        .isInstanceOf(EvaluationException.class)
        .hasMessageContaining("a stuck evaluation exceeded the evaluation budget");
  }
}
