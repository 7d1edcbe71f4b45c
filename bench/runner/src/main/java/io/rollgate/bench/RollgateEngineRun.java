package io.rollgate.bench;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.worker.JobWorker;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.rollgate.app.support.EngineProcess;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/** Rollgate's engine as a cluster stand-in process, driven by the Camunda client over REST. */
final class RollgateEngineRun {

  static final int IN_FLIGHT = 128;

  Throughput measure(int warmUp, int instances) throws Exception {
    try (EngineProcess engine = EngineProcess.start();
        CamundaClient client = client(engine.restAddress())) {
      client
          .newDeployResourceCommand()
          .addProcessModel(
              Bpmn.createExecutableProcess("bench")
                  .startEvent()
                  .serviceTask("one", t -> t.zeebeJobType("bench-one"))
                  .serviceTask("two", t -> t.zeebeJobType("bench-two"))
                  .serviceTask("three", t -> t.zeebeJobType("bench-three"))
                  .endEvent()
                  .done(),
              "bench.bpmn")
          .send()
          .join();
      AtomicReference<CountDownLatch> finished = new AtomicReference<>();
      List<JobWorker> workers = new ArrayList<>();
      for (String type : List.of("bench-one", "bench-two", "bench-three")) {
        boolean last = type.equals("bench-three");
        workers.add(
            client
                .newWorker()
                .jobType(type)
                .handler(
                    (jobs, job) ->
                        jobs.newCompleteCommand(job)
                            .send()
                            .thenRun(
                                () -> {
                                  if (last) {
                                    finished.get().countDown();
                                  }
                                }))
                .maxJobsActive(256)
                .timeout(Duration.ofMinutes(1))
                .open());
      }
      try {
        round(client, warmUp, finished);
        return round(client, instances, finished);
      } finally {
        workers.forEach(JobWorker::close);
      }
    }
  }

  private static Throughput round(
      CamundaClient client, int instances, AtomicReference<CountDownLatch> finished)
      throws InterruptedException {
    CountDownLatch done = new CountDownLatch(instances);
    finished.set(done);
    Semaphore inFlight = new Semaphore(IN_FLIGHT);
    long start = System.nanoTime();
    for (int i = 0; i < instances; i++) {
      inFlight.acquire();
      client
          .newCreateInstanceCommand()
          .bpmnProcessId("bench")
          .latestVersion()
          .variables(Map.of("release", "R-" + i))
          .send()
          .whenComplete((created, failed) -> inFlight.release());
    }
    if (!done.await(30, TimeUnit.MINUTES)) {
      throw new IllegalStateException(done.getCount() + " instances did not complete");
    }
    return new Throughput(instances, (System.nanoTime() - start) / 1e9);
  }

  private static CamundaClient client(URI address) {
    return CamundaClient.newClientBuilder()
        .restAddress(address)
        .grpcAddress(URI.create("http://127.0.0.1:1"))
        .preferRestOverGrpc(true)
        .defaultJobWorkerStreamEnabled(false)
        .maxHttpConnections(256)
        .defaultJobPollInterval(Duration.ofMillis(50))
        .build();
  }
}
