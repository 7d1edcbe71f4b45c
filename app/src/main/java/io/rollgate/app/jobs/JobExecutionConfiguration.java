package io.rollgate.app.jobs;

import io.camunda.client.jobhandling.CamundaClientExecutorService;
import io.camunda.client.jobhandling.JobWorkerManager;
import io.camunda.client.spring.properties.CamundaClientProperties;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.binder.jvm.ExecutorServiceMetrics;
import java.util.List;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The threads the job workers run on, owned by the service rather than by the Camunda client, so
 * that on shutdown running jobs are let finish ({@link JobDrain}) instead of being interrupted when
 * the client closes.
 */
@Configuration(proxyBeanMethods = false)
class JobExecutionConfiguration {

  @Bean
  CamundaClientExecutorService camundaClientExecutorService(
      CamundaClientProperties client, MeterRegistry registry) {
    ScheduledThreadPoolExecutor threads =
        new ScheduledThreadPoolExecutor(client.getExecutionThreads());
    // polls scheduled for later are dropped at shutdown; running jobs go on
    threads.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    new ExecutorServiceMetrics(threads, "camundaClientExecutor", List.of(Tag.of("name", "jobs")))
        .bindTo(registry);
    return new CamundaClientExecutorService(threads, false);
  }

  @Bean
  JobDrain jobDrain(
      CamundaClientExecutorService threads, JobWorkerManager workers, JobDrainProperties drain) {
    return new JobDrain(workers, threads.get(), drain.timeout());
  }
}
