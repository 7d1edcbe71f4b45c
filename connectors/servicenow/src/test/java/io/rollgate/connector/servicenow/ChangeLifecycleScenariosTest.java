package io.rollgate.connector.servicenow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rollgate.connector.Secret;
import io.rollgate.connector.TestResilience;
import io.rollgate.connector.servicenow.model.ChangeState;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** The shared scenarios against MockWebServer answering with the docs' example responses. */
class ChangeLifecycleScenariosTest extends ChangeLifecycleScenarios {

  private MockWebServer server;
  private ServiceNowClient client;

  @BeforeEach
  void start() throws IOException {
    server = new MockWebServer();
    server.start();
    client =
        new ServiceNowClient(
            ServiceNowConfig.of(
                    server.url("/").uri(), ServiceNowAuth.basic("admin", Secret.of("admin")))
                .withResilience(TestResilience.fast(ServiceNowClient.SYSTEM, 3))
                .withConflictPollInterval(Duration.ofMillis(10)));
  }

  @AfterEach
  void everyRequestWasAuthenticatedAndAskedForJson() throws Exception {
    RecordedRequest r;
    while ((r = server.takeRequest(0, TimeUnit.MILLISECONDS)) != null) {
      assertThat(r.getHeader("Authorization")).isEqualTo("Basic YWRtaW46YWRtaW4=");
      assertThat(r.getHeader("Accept")).isEqualTo("application/json");
    }
    server.shutdown();
  }

  @Override
  protected ServiceNowClient client() {
    return client;
  }

  @Override
  protected void givenNoChangeWith(String correlationId) {
    server.enqueue(Fixtures.json(200, "{\"result\":[]}"));
    server.enqueue(Fixtures.ok("change-create-normal.json"));
    server.enqueue(Fixtures.json(200, listOf(Fixtures.text("change-patch.json"))));
  }

  private static String listOf(String objectAnswer) {
    try {
      ObjectNode root = (ObjectNode) Fixtures.JSON.readTree(objectAnswer);
      root.set("result", Fixtures.JSON.createArrayNode().add(root.get("result")));
      return root.toString();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  protected String givenChangeIn(ChangeState state) {
    server.enqueue(Fixtures.changeIn(state));
    switch (state) {
      case AUTHORIZE:
        server.enqueue(
            Fixtures.nextStates(state, ChangeState.SCHEDULED, false, ChangeState.CANCELED, true));
        break;
      case IMPLEMENT:
        server.enqueue(Fixtures.ok("nextstates.json"));
        server.enqueue(Fixtures.changeIn(ChangeState.REVIEW));
        break;
      case REVIEW:
        server.enqueue(Fixtures.nextStates(state, ChangeState.CLOSED, true));
        server.enqueue(Fixtures.ok("change-get.json"));
        break;
      default:
        throw new IllegalArgumentException("no fixtures for " + state);
    }
    return Fixtures.CHANGE_SYS_ID;
  }

  @Override
  protected String givenApprovedChange() {
    server.enqueue(Fixtures.ok("approvals.json"));
    return Fixtures.CHANGE_SYS_ID;
  }

  @Override
  protected String givenChangeWithoutConflicts() {
    server.enqueue(Fixtures.ok("conflict-start.json"));
    server.enqueue(Fixtures.ok("conflict-none.json"));
    return Fixtures.CHANGE_SYS_ID;
  }

  @Override
  protected void givenIncidentsOnCi() {
    String next = server.url("/api/now/table/incident?sysparm_limit=2&sysparm_offset=2").toString();
    server.enqueue(
        Fixtures.ok("incidents-page1.json")
            .setHeader("X-Total-Count", "3")
            .setHeader("Link", "<" + next + ">;rel=\"next\""));
    server.enqueue(Fixtures.ok("incidents-page2.json").setHeader("X-Total-Count", "3"));
  }

  @Override
  protected void givenNoChange(String sysId) {
    server.enqueue(
        Fixtures.json(
            404,
            "{\"error\":{\"message\":\"No Record found\",\"detail\":\"Record doesn't exist or"
                + " ACL restricts the record retrieval\"},\"status\":\"failure\"}"));
  }
}
