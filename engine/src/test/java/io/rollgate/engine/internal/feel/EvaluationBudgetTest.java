package io.rollgate.engine.internal.feel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class EvaluationBudgetTest {

  private final EvaluationBudget budget = new EvaluationBudget(Duration.ofMillis(200), 1L << 28);

  @Test
  void anEvaluationKeptWaitingByABusyMachineIsNotStopped() {
    // when: the evaluation takes longer than its budget in wall time, using almost no CPU, as on a
    // machine whose processors are busy with other work
    String result =
        budget.run(
            "decision 'readiness'",
            () -> {
              Thread.sleep(600);
              return "GO";
            });

    // then
    assertThat(result).isEqualTo("GO");
  }

  @Test
  void anEvaluationThatKeepsTheProcessorBusyIsStopped() {
    // when / then
    assertThatThrownBy(
            () ->
                budget.run(
                    "expression 'for i in 1..1000000000 return i'",
                    () -> {
                      long spins = 0;
                      while (!Thread.currentThread().isInterrupted()) {
                        spins++;
                      }
                      return spins;
                    }))
        .isInstanceOf(EvaluationException.class)
        .hasMessageContaining("exceeded the evaluation budget of 200 ms");
  }

  @Test
  void anEvaluationStalledFarPastItsBudgetIsStopped() {
    // when / then: a wall-time backstop of twenty times the budget
    assertThatThrownBy(
            () ->
                budget.run(
                    "decision 'stalled'",
                    () -> {
                      Thread.sleep(60_000);
                      return null;
                    }))
        .isInstanceOf(EvaluationException.class);
  }
}
