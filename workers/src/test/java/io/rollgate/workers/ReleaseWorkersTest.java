package io.rollgate.workers;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.client.annotation.VariablesAsType;
import io.rollgate.processes.Lifecycle;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The worker beans as declared, without servers. */
class ReleaseWorkersTest {

  private static final WorkerSettings SETTINGS = WorkerSettings.of("rollgate", "test");
  private static final Duration CREATION = Duration.ofMinutes(5);

  @Test
  void servesEveryJobTypeAndTaskListenerOfTheLifecycleExactlyOnce() {
    // given
    List<Method> workers = WorkerMethods.all();

    // when
    List<String> served = workers.stream().map(WorkerMethods::type).toList();

    // then
    assertThat(served)
        .containsExactlyInAnyOrderElementsOf(
            java.util.stream.Stream.concat(
                    Lifecycle.Jobs.ALL.stream(), Lifecycle.Jobs.LISTENERS.stream())
                .toList());
  }

  @Test
  void bindsEachWorkersVariablesToOneRecord() {
    // given / when
    List<Method> workers = WorkerMethods.serviceTasks();

    // then
    assertThat(workers)
        .allSatisfy(
            m -> {
              assertThat(m.getParameters()).hasSize(1);
              Parameter input = m.getParameters()[0];
              assertThat(input.isAnnotationPresent(VariablesAsType.class)).isTrue();
              assertThat(input.getType().isRecord()).isTrue();
              assertThat(m.getReturnType().isRecord()).isTrue();
            });
  }

  @Test
  void readsAndWritesOnlyVariablesTheLifecycleNames() throws Exception {
    // given
    Set<String> known = lifecycleVariables();

    // when
    Set<String> used = new HashSet<>();
    for (Method worker : WorkerMethods.serviceTasks()) {
      used.addAll(WorkerMethods.inputs(worker));
      used.addAll(WorkerMethods.outputs(worker));
    }

    // then
    assertThat(known).containsAll(used);
  }

  @Test
  void holdsDeployJobsLongerThanTheDeployMayTake() {
    // given / when
    Duration deploy = WorkerValues.timeout(Lifecycle.Jobs.CI_RUN_JOB, SETTINGS, CREATION);
    Duration incidents =
        WorkerValues.timeout(Lifecycle.Jobs.SERVICENOW_OPEN_INCIDENTS, SETTINGS, CREATION);

    // then
    assertThat(deploy).isGreaterThan(SETTINGS.deployTimeout());
    assertThat(incidents).isEqualTo(SETTINGS.jobTimeout());
  }

  @Test
  void holdsCancelJobsLongerThanAnAbortWaitsForAChangeOnItsWay() {
    // given / when
    Duration cancel =
        WorkerValues.timeout(Lifecycle.Jobs.SERVICENOW_CANCEL_CHANGE, SETTINGS, CREATION);

    // then
    assertThat(cancel).isGreaterThan(CREATION);
  }

  private static Set<String> lifecycleVariables() throws IllegalAccessException {
    Set<String> names = new HashSet<>();
    for (Field f : Lifecycle.Variables.class.getFields()) {
      if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class) {
        names.add((String) f.get(null));
      }
    }
    return names;
  }
}
