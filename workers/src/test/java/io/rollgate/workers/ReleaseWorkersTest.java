package io.rollgate.workers;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.VariablesAsType;
import io.rollgate.processes.Lifecycle;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.lang.reflect.RecordComponent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/** The worker beans as declared, without servers. */
class ReleaseWorkersTest {

  private static final WorkerSettings SETTINGS = WorkerSettings.of("rollgate", "test");

  @Test
  void servesEveryJobTypeAndTaskListenerOfTheLifecycleExactlyOnce() {
    // given
    List<Method> workers = allWorkerMethods();

    // when
    List<String> served =
        workers.stream().map(m -> m.getAnnotation(JobWorker.class).type()).toList();

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
    List<Method> workers = workerMethods();

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
    for (Method worker : workerMethods()) {
      used.addAll(components(worker.getParameterTypes()[0]));
      used.addAll(components(worker.getReturnType()));
    }

    // then
    assertThat(known).containsAll(used);
  }

  @Test
  void holdsDeployJobsLongerThanTheDeployMayTake() {
    // given / when
    Duration deploy = WorkerValues.timeout(Lifecycle.Jobs.CI_RUN_JOB, SETTINGS);
    Duration incidents = WorkerValues.timeout(Lifecycle.Jobs.SERVICENOW_OPEN_INCIDENTS, SETTINGS);

    // then
    assertThat(deploy).isGreaterThan(SETTINGS.deployTimeout());
    assertThat(incidents).isEqualTo(SETTINGS.jobTimeout());
  }

  /**
   * The @JobWorker methods of the lifecycle's service tasks (task listeners, which answer with a
   * job result rather than variables, are left out).
   */
  private static List<Method> workerMethods() {
    return allWorkerMethods().stream()
        .filter(m -> Lifecycle.Jobs.ALL.contains(m.getAnnotation(JobWorker.class).type()))
        .toList();
  }

  /** The @JobWorker methods of the beans ReleaseWorkersConfiguration declares. */
  private static List<Method> allWorkerMethods() {
    List<Method> methods = new ArrayList<>();
    for (Class<?> configuration :
        ReleaseWorkersConfiguration.class.getAnnotation(Import.class).value()) {
      for (Method bean : configuration.getDeclaredMethods()) {
        if (bean.isAnnotationPresent(Bean.class)) {
          Arrays.stream(bean.getReturnType().getDeclaredMethods())
              .filter(m -> m.isAnnotationPresent(JobWorker.class))
              .forEach(methods::add);
        }
      }
    }
    return methods;
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

  private static List<String> components(Class<?> record) {
    return Arrays.stream(record.getRecordComponents()).map(RecordComponent::getName).toList();
  }
}
