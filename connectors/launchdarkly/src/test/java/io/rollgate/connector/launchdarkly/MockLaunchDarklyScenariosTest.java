package io.rollgate.connector.launchdarkly;

import static org.assertj.core.api.Assertions.assertThat;

import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import io.rollgate.connector.Secret;
import io.rollgate.connector.TestResilience;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * The shared scenarios against MockWebServer; afterwards every request and the recorded answer it
 * got are validated against LaunchDarkly's OpenAPI spec.
 */
class MockLaunchDarklyScenariosTest extends LaunchDarklyScenarios {

  private MockWebServer server;
  private final List<Answer> answered = new ArrayList<>();
  private final List<RecordedRequest> received = new ArrayList<>();

  private final Backend backend =
      new Backend() {
        @Override
        public LaunchDarklyClient client() {
          return clientWithToken("api-test-token");
        }

        @Override
        public LaunchDarklyClient clientWithToken(String token) {
          return LaunchDarklyClient.create(
              LaunchDarklySettings.of(server.url("/").uri(), Secret.of(token)),
              TestResilience.fast("launchdarkly", 3),
              Clock.systemUTC());
        }

        @Override
        public void answers(Answer... answers) {
          for (Answer a : answers) {
            answered.add(a);
            server.enqueue(
                new MockResponse()
                    .setResponseCode(a.status())
                    .setHeader("Content-Type", "application/json")
                    .setBody(Fixtures.read(a.fixture())));
          }
        }

        @Override
        public void concurrentWriterWinsNext(int count) {
          // the 409 is among the answers
        }

        @Override
        public void reviewerApproves(String approvalRequestId) {
          // the approved state is among the answers
        }

        @Override
        public void reviewerDeclines(String approvalRequestId) {
          // the declined state is among the answers
        }

        @Override
        public List<String> calls() {
          drain();
          return received.stream()
              .map(r -> r.getMethod() + " " + r.getRequestUrl().encodedPath())
              .toList();
        }
      };

  @Override
  Backend backend() {
    return backend;
  }

  @BeforeEach
  void start() throws IOException {
    server = new MockWebServer();
    server.start(java.net.InetAddress.getLoopbackAddress(), 0);
  }

  @AfterEach
  void everyExchangeConformsToTheSpec() throws IOException {
    try {
      drain();
      for (int i = 0; i < received.size(); i++) {
        RecordedRequest request = received.get(i);
        Answer answer = answered.get(i);
        assertThat(request.getHeader("Authorization")).startsWith("api-");
        ValidationReport report =
            SpecValidator.validate(
                SpecValidator.toRequest(request),
                SimpleResponse.Builder.status(answer.status())
                    .withContentType("application/json")
                    .withBody(Fixtures.read(answer.fixture()))
                    .build());
        assertThat(report.getMessages())
            .as("%s %s -> %s", request.getMethod(), request.getPath(), answer.fixture())
            .isEmpty();
      }
    } finally {
      server.shutdown();
    }
  }

  private void drain() {
    try {
      RecordedRequest r;
      while ((r = server.takeRequest(20, TimeUnit.MILLISECONDS)) != null) {
        received.add(r);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
