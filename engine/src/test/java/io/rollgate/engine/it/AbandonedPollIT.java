package io.rollgate.engine.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.response.ActivatedJob;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.rollgate.engine.testing.RollgateEngineTest;
import io.rollgate.engine.testing.TestEngine;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A long poll whose client went away gets no job: the job goes to the next worker at once. */
@RollgateEngineTest
class AbandonedPollIT {
  static TestEngine ENGINE;

  private final CamundaClient client = ENGINE.client();

  @Test
  void aJobCreatedAfterThePollingClientLeftGoesToTheNextWorkerAtOnce() throws Exception {
    // given
    ENGINE.deploy(
        Bpmn.createExecutableProcess("abandoned")
            .startEvent()
            .serviceTask("deliver", t -> t.zeebeJobType("abandoned-work"))
            .endEvent()
            .done());
    URI rest = ENGINE.restAddress();
    String body =
        "{\"type\":\"abandoned-work\",\"worker\":\"gone\",\"timeout\":600000,"
            + "\"maxJobsToActivate\":1,\"requestTimeout\":60000}";
    try (Socket socket = new Socket(rest.getHost(), rest.getPort())) {
      OutputStream out = socket.getOutputStream();
      out.write(
          ("POST /v2/jobs/activation HTTP/1.1\r\n"
                  + "Host: "
                  + rest.getHost()
                  + "\r\nContent-Type: application/json\r\nContent-Length: "
                  + body.getBytes(StandardCharsets.UTF_8).length
                  + "\r\n\r\n"
                  + body)
              .getBytes(StandardCharsets.UTF_8));
      out.flush();
      Thread.sleep(150); // the poll now waits in the engine
    }
    Thread.sleep(100); // the engine sees the connection close

    // when
    client.newCreateInstanceCommand().bpmnProcessId("abandoned").latestVersion().send().join();
    long started = System.nanoTime();
    List<ActivatedJob> jobs =
        client
            .newActivateJobsCommand()
            .jobType("abandoned-work")
            .maxJobsToActivate(1)
            .workerName("alive")
            .timeout(Duration.ofMinutes(5))
            .requestTimeout(Duration.ofSeconds(5))
            .send()
            .join()
            .getJobs();

    // then
    assertThat(jobs).hasSize(1);
    assertThat(jobs.get(0).getWorker()).isEqualTo("alive");
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
  }

  @Test
  void tenJobsCreatedAfterTenPollingClientsLeftAllGoToTheNextWorker() throws Exception {
    // given: ten workers poll for up to ten jobs each, then die while their polls are held
    ENGINE.deploy(
        Bpmn.createExecutableProcess("abandoned-ten")
            .startEvent()
            .serviceTask("deliver", t -> t.zeebeJobType("abandoned-ten-work"))
            .endEvent()
            .done());
    URI rest = ENGINE.restAddress();
    String body =
        "{\"type\":\"abandoned-ten-work\",\"worker\":\"gone\",\"timeout\":300000,"
            + "\"maxJobsToActivate\":10,\"requestTimeout\":60000}";
    List<Socket> dying = new java.util.ArrayList<>();
    for (int i = 0; i < 10; i++) {
      Socket socket = new Socket(rest.getHost(), rest.getPort());
      socket
          .getOutputStream()
          .write(
              ("POST /v2/jobs/activation HTTP/1.1\r\n"
                      + "Host: "
                      + rest.getHost()
                      + "\r\nContent-Type: application/json\r\nContent-Length: "
                      + body.getBytes(StandardCharsets.UTF_8).length
                      + "\r\n\r\n"
                      + body)
                  .getBytes(StandardCharsets.UTF_8));
      socket.getOutputStream().flush();
      dying.add(socket);
    }
    Thread.sleep(150); // the polls now wait in the engine
    for (Socket socket : dying) {
      socket.close();
    }
    Thread.sleep(100); // the engine sees the connections close

    // when
    for (int i = 0; i < 10; i++) {
      client
          .newCreateInstanceCommand()
          .bpmnProcessId("abandoned-ten")
          .latestVersion()
          .send()
          .join();
    }
    List<ActivatedJob> jobs =
        client
            .newActivateJobsCommand()
            .jobType("abandoned-ten-work")
            .maxJobsToActivate(10)
            .workerName("alive")
            .timeout(Duration.ofMinutes(5))
            .requestTimeout(Duration.ofSeconds(5))
            .send()
            .join()
            .getJobs();

    // then: none of the ten is locked by a dead poll for the five minutes it asked for
    assertThat(jobs).hasSize(10).allSatisfy(job -> assertThat(job.getWorker()).isEqualTo("alive"));
  }
}
