package io.rollgate.workers;

import io.camunda.client.annotation.JobWorker;
import io.rollgate.processes.Lifecycle;
import io.rollgate.workers.job.MayBeAbsent;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/** The @JobWorker methods of the beans {@link ReleaseWorkersConfiguration} declares. */
final class WorkerMethods {

  private WorkerMethods() {}

  /** Every @JobWorker method, task listeners included. */
  static List<Method> all() {
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

  /**
   * The workers of the lifecycle's service tasks (task listeners, which answer with a job result
   * rather than variables, are left out).
   */
  static List<Method> serviceTasks() {
    return all().stream().filter(m -> Lifecycle.Jobs.ALL.contains(type(m))).toList();
  }

  static String type(Method worker) {
    return worker.getAnnotation(JobWorker.class).type();
  }

  /** The variables a worker reads: the components of its input record. */
  static List<String> inputs(Method worker) {
    return components(worker.getParameterTypes()[0]);
  }

  /** The variables a worker takes absent as well: components marked {@link MayBeAbsent}. */
  static List<String> mayBeAbsent(Method worker) {
    return Arrays.stream(worker.getParameterTypes()[0].getRecordComponents())
        .filter(c -> c.isAnnotationPresent(MayBeAbsent.class))
        .map(RecordComponent::getName)
        .toList();
  }

  /** The variables a worker writes: the components of its output record. */
  static List<String> outputs(Method worker) {
    return components(worker.getReturnType());
  }

  private static List<String> components(Class<?> record) {
    return Arrays.stream(record.getRecordComponents()).map(RecordComponent::getName).toList();
  }
}
