package io.rollgate.connector.servicenow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.rollgate.connector.NonRetryableException;
import io.rollgate.connector.RetryableException;
import io.rollgate.connector.Secret;
import io.rollgate.connector.TestResilience;
import io.rollgate.connector.servicenow.model.ChangeRequest;
import io.rollgate.connector.servicenow.model.ChangeState;
import io.rollgate.connector.servicenow.model.ChangeTask;
import io.rollgate.connector.servicenow.model.ChangeType;
import io.rollgate.connector.servicenow.model.CloseCode;
import io.rollgate.connector.servicenow.model.ConflictCheck;
import io.rollgate.connector.servicenow.model.Incident;
import io.rollgate.connector.servicenow.model.IncidentQuery;
import io.rollgate.connector.servicenow.model.NewChange;
import io.rollgate.connector.servicenow.model.Page;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import okhttp3.HttpUrl;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What the client sends for each operation, and how it reads the docs' answers. */
class ServiceNowClientTest {

  private static final String BASIC = "Basic YWRtaW46czNjcjN0"; // admin:s3cr3t
  private static final String CHANGE = "/api/sn_chg_rest/v1/change";

  private MockWebServer server;
  private final MutableClock clock = new MutableClock();

  @BeforeEach
  void start() throws IOException {
    server = new MockWebServer();
    server.start();
  }

  @AfterEach
  void stop() throws IOException {
    server.shutdown();
  }

  private ServiceNowClient client(ServiceNowAuth auth) {
    return new ServiceNowClient(
        ServiceNowConfig.of(server.url("/").uri(), auth)
            .withResilience(TestResilience.fast(ServiceNowClient.SYSTEM, 3))
            .withClock(clock)
            .withTokenRefreshSkew(Duration.ofSeconds(30))
            .withConflictPollInterval(Duration.ofMillis(5)));
  }

  private ServiceNowClient basicClient() {
    return client(ServiceNowAuth.basic("admin", Secret.of("s3cr3t")));
  }

  private ServiceNowClient oauthClient() {
    return client(ServiceNowAuth.clientCredentials("rollgate", Secret.of("client-s3cr3t")));
  }

  private RecordedRequest take() throws InterruptedException {
    RecordedRequest r = server.takeRequest(1, TimeUnit.SECONDS);
    assertThat(r).as("expected another request").isNotNull();
    return r;
  }

  private static JsonNode body(RecordedRequest r) throws IOException {
    return Fixtures.JSON.readTree(r.getBody().readUtf8());
  }

  @Test
  void createsNormalChangeAfterLookingUpItsCorrelationId() throws Exception {
    // given
    server.enqueue(Fixtures.json(200, "{\"result\":[]}"));
    server.enqueue(Fixtures.ok("change-create-normal.json"));
    // when
    ChangeRequest change =
        basicClient()
            .createChange(NewChange.normal("rel-42", "Remove server").with("cmdb_ci", "ci-1"));
    // then
    RecordedRequest lookup = take();
    assertThat(lookup.getMethod()).isEqualTo("GET");
    HttpUrl url = lookup.getRequestUrl();
    assertThat(url.encodedPath()).isEqualTo(CHANGE);
    assertThat(url.queryParameter("sysparm_query"))
        .isEqualTo("correlation_id=rel-42^ORDERBYsys_created_on");
    assertThat(url.queryParameter("sysparm_limit")).isEqualTo("1");
    assertThat(lookup.getHeader("Authorization")).isEqualTo(BASIC);
    assertThat(lookup.getHeader("Accept")).isEqualTo("application/json");
    RecordedRequest create = take();
    assertThat(create.getMethod()).isEqualTo("POST");
    assertThat(create.getPath()).isEqualTo(CHANGE + "/normal");
    assertThat(create.getHeader("Content-Type")).startsWith("application/json");
    assertThat(create.getHeader("Authorization")).isEqualTo(BASIC);
    assertThat(body(create))
        .isEqualTo(
            Fixtures.JSON.readTree(
                "{\"cmdb_ci\":\"ci-1\",\"short_description\":\"Remove server\","
                    + "\"correlation_id\":\"rel-42\"}"));
    assertThat(change.sysId()).isEqualTo("b0dbda5347c12200e0ef563dbb9a718f");
    assertThat(change.state()).isEqualTo(ChangeState.NEW);
    assertThat(change.type()).isEqualTo(ChangeType.NORMAL);
    assertThat(change.shortDescription()).isEqualTo("Remove server");
    assertThat(change.fields()).doesNotContainKey("__meta");
  }

  @Test
  void returnsTheExistingChangeWithoutCreatingWhenTheCorrelationIdIsKnown() throws Exception {
    // given
    server.enqueue(Fixtures.ok("change-list.json"));
    // when
    ChangeRequest change = basicClient().createChange(NewChange.emergency("rel-42", "Hotfix"));
    // then
    assertThat(change.number()).isEqualTo("CHG0000024");
    assertThat(take().getMethod()).isEqualTo("GET");
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void createsEmergencyAndStandardChangesAtTheirEndpoints() throws Exception {
    // given
    server.enqueue(Fixtures.json(200, "{\"result\":[]}"));
    server.enqueue(Fixtures.ok("change-create-normal.json"));
    server.enqueue(Fixtures.json(200, "{\"result\":[]}"));
    server.enqueue(Fixtures.ok("change-create-standard.json"));
    ServiceNowClient client = basicClient();
    // when
    client.createChange(NewChange.emergency("rel-1", "Hotfix"));
    ChangeRequest standard =
        client.createChange(
            NewChange.standard("e55d0bfec343101035ae3f52c1d3ae49", "rel-2", "Add switch"));
    // then
    take();
    assertThat(take().getPath()).isEqualTo(CHANGE + "/emergency");
    take();
    RecordedRequest std = take();
    assertThat(std.getMethod()).isEqualTo("POST");
    assertThat(std.getPath()).isEqualTo(CHANGE + "/standard/e55d0bfec343101035ae3f52c1d3ae49");
    assertThat(standard.sysId()).isEqualTo("1c87925347c12200e0ef563dbb9a7177");
  }

  @Test
  void readsChangeFromAnObjectResultWithValueAndDisplayValue() throws Exception {
    // given
    server.enqueue(Fixtures.ok("change-get.json"));
    // when
    ChangeRequest change = basicClient().getChange("1766f1de47410200e90d87e8dee490f6");
    // then
    RecordedRequest get = take();
    assertThat(get.getMethod()).isEqualTo("GET");
    assertThat(get.getPath()).isEqualTo(CHANGE + "/1766f1de47410200e90d87e8dee490f6");
    assertThat(change.number()).isEqualTo("CHG0000024");
    assertThat(change.state()).isEqualTo(ChangeState.CLOSED);
    assertThat(change.type()).isEqualTo(ChangeType.STANDARD);
    assertThat(change.approval()).isEqualTo("approved");
    assertThat(change.field("close_code").displayValue()).isEqualTo("Successful");
    assertThat(change.field("assignment_group").displayValue()).isEqualTo("Network");
    assertThat(change.field("assignment_group").value())
        .isEqualTo("287ebd7da9fe198100f92cc8d1d2154e");
    assertThat(change.field("risk").value()).isEqualTo("3");
    assertThat(change.field("no_such_field").isEmpty()).isTrue();
  }

  @Test
  void updatesFieldsWithPatchAndRefusesToMoveTheStateThatWay() throws Exception {
    // given
    server.enqueue(Fixtures.ok("change-patch.json"));
    ServiceNowClient client = basicClient();
    // when
    client.updateChange(Fixtures.CHANGE_SYS_ID, Map.of("start_date", "2026-03-05 22:00:00"));
    // then
    RecordedRequest patch = take();
    assertThat(patch.getMethod()).isEqualTo("PATCH");
    assertThat(patch.getPath()).isEqualTo(CHANGE + "/" + Fixtures.CHANGE_SYS_ID);
    assertThat(patch.getHeader("Content-Type")).startsWith("application/json");
    assertThat(body(patch).path("start_date").asText()).isEqualTo("2026-03-05 22:00:00");
    assertThatThrownBy(() -> client.updateChange(Fixtures.CHANGE_SYS_ID, Map.of("state", "3")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void writesAWorkNote() throws Exception {
    // given
    server.enqueue(Fixtures.ok("change-patch.json"));
    // when
    basicClient().addWorkNote(Fixtures.CHANGE_SYS_ID, "Readiness: GO (evidence sha256:ab12)");
    // then
    RecordedRequest patch = take();
    assertThat(patch.getMethod()).isEqualTo("PATCH");
    assertThat(body(patch))
        .isEqualTo(
            Fixtures.JSON.readTree("{\"work_notes\":\"Readiness: GO (evidence sha256:ab12)\"}"));
  }

  @Test
  void movesStateAfterReadingNextstatesAndSendsTheStateValue() throws Exception {
    // given the docs' nextstates example: from Implement, Review is available by one transition
    server.enqueue(Fixtures.changeIn(ChangeState.IMPLEMENT));
    server.enqueue(Fixtures.ok("nextstates.json"));
    server.enqueue(Fixtures.changeIn(ChangeState.REVIEW));
    // when
    ChangeRequest moved = basicClient().moveTo(Fixtures.CHANGE_SYS_ID, ChangeState.REVIEW);
    // then
    assertThat(take().getPath()).isEqualTo(CHANGE + "/" + Fixtures.CHANGE_SYS_ID);
    RecordedRequest next = take();
    assertThat(next.getMethod()).isEqualTo("GET");
    assertThat(next.getPath()).isEqualTo(CHANGE + "/" + Fixtures.CHANGE_SYS_ID + "/nextstates");
    RecordedRequest patch = take();
    assertThat(patch.getMethod()).isEqualTo("PATCH");
    assertThat(body(patch)).isEqualTo(Fixtures.JSON.readTree("{\"state\":\"0\"}"));
    assertThat(moved.state()).isEqualTo(ChangeState.REVIEW);
  }

  @Test
  void refusesTransitionNextstatesDoesNotAllowWithoutWritingAnything() throws Exception {
    // given the docs' nextstates example offers Review, Canceled and Implement only
    server.enqueue(Fixtures.changeIn(ChangeState.IMPLEMENT));
    server.enqueue(Fixtures.ok("nextstates.json"));
    // when / then
    assertThatThrownBy(() -> basicClient().moveTo(Fixtures.CHANGE_SYS_ID, ChangeState.CLOSED))
        .isInstanceOfSatisfying(
            InvalidTransitionException.class,
            e ->
                assertThat(e.allowed())
                    .containsExactlyInAnyOrder(ChangeState.REVIEW, ChangeState.CANCELED));
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void refusesATargetWhoseOnlyTransitionIsUnavailable() throws Exception {
    // given
    server.enqueue(Fixtures.changeIn(ChangeState.AUTHORIZE));
    server.enqueue(
        Fixtures.nextStates(
            ChangeState.AUTHORIZE, ChangeState.SCHEDULED, false, ChangeState.CANCELED, true));
    // when / then
    assertThatThrownBy(() -> basicClient().moveTo(Fixtures.CHANGE_SYS_ID, ChangeState.SCHEDULED))
        .isInstanceOf(InvalidTransitionException.class)
        .hasMessageContaining("cannot move from Authorize to Scheduled");
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void closesWithCloseCodeAndNotesInTheStateWrite() throws Exception {
    // given
    server.enqueue(Fixtures.changeIn(ChangeState.REVIEW));
    server.enqueue(Fixtures.nextStates(ChangeState.REVIEW, ChangeState.CLOSED, true));
    server.enqueue(Fixtures.ok("change-get.json"));
    // when
    ChangeRequest closed =
        basicClient().close(Fixtures.CHANGE_SYS_ID, CloseCode.UNSUCCESSFUL, "Rolled back");
    // then
    take();
    take();
    assertThat(body(take()))
        .isEqualTo(
            Fixtures.JSON.readTree(
                "{\"close_code\":\"unsuccessful\",\"close_notes\":\"Rolled back\","
                    + "\"state\":\"3\"}"));
    assertThat(closed.state()).isEqualTo(ChangeState.CLOSED);
  }

  @Test
  void readsApprovalsThroughTheTableApiBySysapproval() throws Exception {
    // given
    server.enqueue(Fixtures.ok("approvals.json"));
    // when
    var approvals = basicClient().approvals(Fixtures.CHANGE_SYS_ID);
    // then
    RecordedRequest get = take();
    HttpUrl url = get.getRequestUrl();
    assertThat(url.encodedPath()).isEqualTo("/api/now/table/sysapproval_approver");
    assertThat(url.queryParameter("sysparm_query"))
        .isEqualTo("sysapproval=" + Fixtures.CHANGE_SYS_ID + "^ORDERBYsys_created_on");
    assertThat(url.queryParameter("sysparm_display_value")).isEqualTo("all");
    assertThat(approvals).hasSize(1);
    assertThat(approvals.get(0).state()).isEqualTo("approved");
    assertThat(approvals.get(0).approver().displayValue()).isEqualTo("CAB Approver");
    assertThat(approvals.get(0).comments()).isEqualTo("Looks good");
  }

  @Test
  void listsAndCreatesChangeTasks() throws Exception {
    // given
    server.enqueue(Fixtures.ok("tasks.json"));
    server.enqueue(Fixtures.ok("tasks.json"));
    ServiceNowClient client = basicClient();
    // when
    List<ChangeTask> tasks = client.changeTasks("0f4ac6c4b750230096c3e4f6ee11a9fe");
    ChangeTask created =
        client.createChangeTask("0f4ac6c4b750230096c3e4f6ee11a9fe", "Retire node", Map.of());
    // then
    RecordedRequest list = take();
    assertThat(list.getRequestUrl().encodedPath())
        .isEqualTo(CHANGE + "/0f4ac6c4b750230096c3e4f6ee11a9fe/task");
    assertThat(list.getRequestUrl().queryParameter("sysparm_query")).isEqualTo("ORDERBYnumber");
    RecordedRequest create = take();
    assertThat(create.getMethod()).isEqualTo("POST");
    assertThat(body(create).path("short_description").asText()).isEqualTo("Retire node");
    assertThat(tasks).hasSize(1);
    assertThat(tasks.get(0).changeSysId()).isEqualTo("0f4ac6c4b750230096c3e4f6ee11a9fe");
    assertThat(created.shortDescription()).isEqualTo("Retire node");
  }

  @Test
  void reportsNoConflictsWhenStatusSaysConflictAndReportsThemWhenListed() throws Exception {
    // given
    server.enqueue(Fixtures.ok("conflict-start.json"));
    server.enqueue(Fixtures.json(200, "{\"result\":{\"status\":\"Running\",\"conflicts\":[]}}"));
    server.enqueue(Fixtures.ok("conflict-none.json"));
    server.enqueue(Fixtures.ok("conflict-found.json"));
    ServiceNowClient client = basicClient();
    // when
    ConflictCheck none = client.checkConflicts(Fixtures.CHANGE_SYS_ID, Duration.ofSeconds(2));
    ConflictCheck found = client.conflictCheck(Fixtures.CHANGE_SYS_ID);
    // then
    RecordedRequest start = take();
    assertThat(start.getMethod()).isEqualTo("POST");
    assertThat(start.getPath()).isEqualTo(CHANGE + "/" + Fixtures.CHANGE_SYS_ID + "/conflict");
    assertThat(take().getMethod()).isEqualTo("GET");
    assertThat(none.status()).isEqualTo("Conflict");
    assertThat(none.hasConflicts()).isFalse();
    assertThat(found.hasConflicts()).isTrue();
    assertThat(found.conflicts().get(0).type().value()).isEqualTo("not_in_maintenance_window");
    assertThat(found.conflicts().get(0).change().displayValue()).isEqualTo("CHG0030001");
    assertThat(server.getRequestCount()).isEqualTo(4);
  }

  @Test
  void followsTheNextLinkAndReadsTheTotalCount() throws Exception {
    // given
    String next = server.url("/api/now/table/incident?sysparm_offset=2&sysparm_limit=2").toString();
    server.enqueue(
        Fixtures.ok("incidents-page1.json")
            .setHeader("X-Total-Count", "3")
            .setHeader(
                "Link",
                "<"
                    + next.replace("offset=2", "offset=0")
                    + ">;rel=\"first\",<"
                    + next
                    + ">;rel=\"next\",<"
                    + next
                    + ">;rel=\"last\""));
    server.enqueue(Fixtures.ok("incidents-page2.json").setHeader("X-Total-Count", "3"));
    ServiceNowClient client = basicClient();
    // when
    List<Incident> all = client.openIncidents(IncidentQuery.forCi("ci-1", 2).withPageSize(2));
    // then
    HttpUrl first = take().getRequestUrl();
    assertThat(first.encodedPath()).isEqualTo("/api/now/table/incident");
    assertThat(first.queryParameter("sysparm_query"))
        .isEqualTo("active=true^cmdb_ci=ci-1^priority<=2^ORDERBYpriority^ORDERBYnumber");
    assertThat(first.queryParameter("sysparm_limit")).isEqualTo("2");
    RecordedRequest second = take();
    assertThat(second.getRequestUrl().toString()).isEqualTo(next);
    assertThat(second.getHeader("Authorization")).isEqualTo(BASIC);
    assertThat(all)
        .extracting(Incident::number)
        .containsExactly("INC0010001", "INC0010002", "INC0010003");
    assertThat(all.get(0).priority()).isEqualTo(1);
    assertThat(all.get(0).cmdbCi().value()).isEqualTo("55b35562c0a8010e01cff22378e0aea9");
  }

  @Test
  void readsOnePageWithItsTotalCountAndOffset() throws Exception {
    // given
    server.enqueue(Fixtures.ok("incidents-page2.json").setHeader("X-Total-Count", "3"));
    // when
    Page<Incident> page =
        basicClient().incidentPage(IncidentQuery.forService("svc-1", 1).withPageSize(2), 2);
    // then
    HttpUrl url = take().getRequestUrl();
    assertThat(url.queryParameter("sysparm_query")).contains("business_service=svc-1");
    assertThat(url.queryParameter("sysparm_offset")).isEqualTo("2");
    assertThat(page.totalCount()).isEqualTo(3);
    assertThat(page.hasNext()).isFalse();
    assertThat(page.items()).hasSize(1);
  }

  @Test
  void refusesToSendCredentialsToALinkOnAnotherHost() {
    // given
    server.enqueue(
        Fixtures.ok("incidents-page1.json")
            .setHeader("Link", "<https://evil.example/api/now/table/incident>;rel=\"next\""));
    // when / then
    assertThatThrownBy(() -> basicClient().openIncidents(IncidentQuery.forCi("ci-1", 2)))
        .isInstanceOf(NonRetryableException.class)
        .hasMessageContaining("another origin");
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void mapsTheErrorEnvelopeToTypedFailures() {
    // given
    server.enqueue(
        Fixtures.json(
            404,
            "{\"error\":{\"message\":\"No Record found\",\"detail\":\"Record doesn't exist or"
                + " ACL restricts the record retrieval\"},\"status\":\"failure\"}"));
    server.enqueue(
        Fixtures.json(
            400,
            "{\"error\":{\"message\":\"Invalid state transition\",\"detail\":\"not now\"},"
                + "\"status\":\"failure\"}"));
    ServiceNowClient client = basicClient();
    // when / then
    assertThatThrownBy(() -> client.getChange("nope"))
        .isInstanceOf(ServiceNowNotFoundException.class)
        .hasMessage(
            "servicenow: HTTP 404: No Record found: Record doesn't exist or ACL restricts the"
                + " record retrieval");
    assertThatThrownBy(() -> client.getChange("bad"))
        .isExactlyInstanceOf(NonRetryableException.class)
        .hasMessageContaining("Invalid state transition: not now");
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void waitsOutA429WithRetryAfterThenSucceeds() throws Exception {
    // given
    server.enqueue(
        Fixtures.ok("rate-limited.json").setResponseCode(429).setHeader("Retry-After", "1"));
    server.enqueue(Fixtures.ok("change-get.json"));
    long started = System.nanoTime();
    // when
    ChangeRequest change = basicClient().getChange("1766f1de47410200e90d87e8dee490f6");
    // then
    assertThat(change.number()).isEqualTo("CHG0000024");
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThan(Duration.ofMillis(950));
    assertThat(server.getRequestCount()).isEqualTo(2);
  }

  @Test
  void surfacesTheRateLimitMessageWhenAttemptsRunOut() {
    // given
    for (int i = 0; i < 3; i++) {
      server.enqueue(Fixtures.ok("rate-limited.json").setResponseCode(429));
    }
    // when / then
    assertThatThrownBy(() -> basicClient().getChange("x"))
        .isInstanceOf(RetryableException.class)
        .hasMessageContaining("gave up after 3 attempts")
        .hasMessageContaining("Rate limit exceeded: Rate limit of 100 requests per hour");
  }

  @Test
  void refusedBasicCredentialsAreNotRetried() {
    // given
    server.enqueue(
        Fixtures.json(
            401,
            "{\"error\":{\"message\":\"User Not Authenticated\",\"detail\":\"Required to provide"
                + " Auth information\"},\"status\":\"failure\"}"));
    // when / then
    assertThatThrownBy(() -> basicClient().getChange("x"))
        .isInstanceOf(ServiceNowUnauthorizedException.class)
        .hasMessageContaining("User Not Authenticated");
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void fetchesAnOAuthTokenWithAFormBodyAndSendsItAsBearer() throws Exception {
    // given
    server.enqueue(Fixtures.ok("token.json"));
    server.enqueue(Fixtures.ok("change-get.json"));
    server.enqueue(Fixtures.ok("change-get.json"));
    ServiceNowClient client = oauthClient();
    // when
    client.getChange("a");
    client.getChange("b");
    // then
    RecordedRequest token = take();
    assertThat(token.getMethod()).isEqualTo("POST");
    assertThat(token.getPath()).isEqualTo("/oauth_token.do");
    assertThat(token.getHeader("Content-Type")).startsWith("application/x-www-form-urlencoded");
    assertThat(token.getHeader("Authorization")).isNull();
    assertThat(token.getBody().readUtf8())
        .isEqualTo("grant_type=client_credentials&client_id=rollgate&client_secret=client-s3cr3t");
    String bearer = "Bearer ZQnNzQ3fL2Ct0GxgXcJ8Xp1mAYH4-example";
    assertThat(take().getHeader("Authorization")).isEqualTo(bearer);
    assertThat(take().getHeader("Authorization")).isEqualTo(bearer);
    assertThat(server.getRequestCount()).isEqualTo(3);
  }

  @Test
  void refreshesTheTokenBeforeItExpires() throws Exception {
    // given a token for 1799 s, refreshed 30 s early
    server.enqueue(Fixtures.ok("token.json"));
    server.enqueue(Fixtures.ok("change-get.json"));
    server.enqueue(Fixtures.ok("token.json"));
    server.enqueue(Fixtures.ok("change-get.json"));
    ServiceNowClient client = oauthClient();
    client.getChange("a");
    clock.advance(Duration.ofSeconds(1799 - 30));
    // when
    client.getChange("b");
    // then
    assertThat(take().getPath()).isEqualTo("/oauth_token.do");
    take();
    assertThat(take().getPath()).isEqualTo("/oauth_token.do");
    assertThat(take().getHeader("Authorization")).startsWith("Bearer ");
  }

  @Test
  void keepsTheTokenUntilTheSkewBeforeExpiry() throws Exception {
    // given
    server.enqueue(Fixtures.ok("token.json"));
    server.enqueue(Fixtures.ok("change-get.json"));
    server.enqueue(Fixtures.ok("change-get.json"));
    ServiceNowClient client = oauthClient();
    client.getChange("a");
    clock.advance(Duration.ofSeconds(1799 - 31));
    // when
    client.getChange("b");
    // then
    assertThat(server.getRequestCount()).isEqualTo(3);
  }

  @Test
  void refreshesTheTokenOnceOn401AndRepeatsTheCall() throws Exception {
    // given
    server.enqueue(Fixtures.ok("token.json"));
    server.enqueue(
        Fixtures.json(
            401, "{\"error\":{\"message\":\"User Not Authenticated\"},\"status\":\"failure\"}"));
    server.enqueue(Fixtures.json(200, Fixtures.text("token.json").replace("example", "fresh")));
    server.enqueue(Fixtures.ok("change-get.json"));
    // when
    ChangeRequest change = oauthClient().getChange("1766f1de47410200e90d87e8dee490f6");
    // then
    assertThat(change.number()).isEqualTo("CHG0000024");
    take();
    take();
    assertThat(take().getPath()).isEqualTo("/oauth_token.do");
    assertThat(take().getHeader("Authorization")).endsWith("-fresh");
  }

  @Test
  void surfacesUnauthorizedWhenTheFreshTokenIsRefusedToo() {
    // given
    String refused = "{\"error\":{\"message\":\"User Not Authenticated\"},\"status\":\"failure\"}";
    server.enqueue(Fixtures.ok("token.json"));
    server.enqueue(Fixtures.json(401, refused));
    server.enqueue(Fixtures.ok("token.json"));
    server.enqueue(Fixtures.json(401, refused));
    server.enqueue(Fixtures.ok("change-get.json"));
    // when / then
    assertThatThrownBy(() -> oauthClient().getChange("x"))
        .isInstanceOf(ServiceNowUnauthorizedException.class);
    assertThat(server.getRequestCount()).isEqualTo(4);
  }

  @Test
  void refusedClientCredentialsSurfaceAsUnauthorized() {
    // given
    server.enqueue(
        Fixtures.json(
            401, "{\"error\":\"invalid_client\",\"error_description\":\"access_denied\"}"));
    // when / then
    assertThatThrownBy(() -> oauthClient().getChange("x"))
        .isInstanceOf(ServiceNowUnauthorizedException.class)
        .hasMessageContaining("invalid_client: access_denied");
  }

  @Test
  void neverShowsASecretInTheConfiguration() {
    // given
    ServiceNowAuth basic = ServiceNowAuth.basic("admin", Secret.of("s3cr3t"));
    ServiceNowAuth oauth = ServiceNowAuth.clientCredentials("rollgate", Secret.of("client-s3cr3t"));
    // when
    String shown = basic + " " + oauth + " " + ServiceNowConfig.of(server.url("/").uri(), oauth);
    // then
    assertThat(shown).doesNotContain("s3cr3t").contains("rollgate");
  }

  @Test
  void retriesAServerErrorThenSucceeds() throws Exception {
    // given
    server.enqueue(new MockResponse().setResponseCode(503));
    server.enqueue(Fixtures.ok("change-get.json"));
    // when
    ChangeRequest change = basicClient().getChange("x");
    // then
    assertThat(change.state()).isEqualTo(ChangeState.CLOSED);
    assertThat(server.getRequestCount()).isEqualTo(2);
  }
}
