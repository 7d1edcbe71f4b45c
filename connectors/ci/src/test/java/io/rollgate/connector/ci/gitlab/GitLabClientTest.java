package io.rollgate.connector.ci.gitlab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.rollgate.connector.NonRetryableException;
import io.rollgate.connector.Secret;
import io.rollgate.connector.TestResilience;
import java.net.InetAddress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class GitLabClientTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SHA = "a91957a858320c0e17f3a0eca7cfacbff50ea29a";
  // Shaped like GitLab's documented "List project pipelines" answer.
  private static final String PIPELINE =
      "{\"id\":47,\"iid\":12,\"project_id\":1,\"status\":\"pending\",\"source\":\"push\","
          + "\"ref\":\"new-pipeline\",\"sha\":\""
          + SHA
          + "\",\"name\":\"Build pipeline\","
          + "\"web_url\":\"https://example.com/foo/bar/pipelines/47\","
          + "\"created_at\":\"2016-08-11T11:28:34.085Z\",\"updated_at\":\"2016-08-11T11:32:35.169Z\"}";

  private MockWebServer server;
  private GitLabClient client;

  @BeforeEach
  void start() throws Exception {
    server = new MockWebServer();
    server.start(InetAddress.getLoopbackAddress(), 0);
    client =
        GitLabClient.builder(server.url("/").toString(), Secret.of("glpat-test"))
            .resilience(TestResilience.fast("gitlab", 3))
            .build();
  }

  @AfterEach
  void stop() throws Exception {
    server.shutdown();
  }

  private static MockResponse json(int status, String body) {
    return new MockResponse()
        .setResponseCode(status)
        .setHeader("Content-Type", "application/json")
        .setBody(body);
  }

  @Test
  void listsThePipelinesOfACommitForAProjectNamedByItsEncodedPath() throws Exception {
    // given
    server.enqueue(json(200, "[" + PIPELINE + "]"));
    // when
    List<Pipeline> pipelines = client.pipelines("group/project", SHA);
    // then
    RecordedRequest request = server.takeRequest();
    assertThat(request.getMethod()).isEqualTo("GET");
    assertThat(request.getRequestUrl().encodedPath())
        .isEqualTo("/api/v4/projects/group%2Fproject/pipelines");
    assertThat(request.getRequestUrl().queryParameter("sha")).isEqualTo(SHA);
    assertThat(request.getRequestUrl().queryParameter("order_by")).isEqualTo("id");
    assertThat(request.getRequestUrl().queryParameter("sort")).isEqualTo("desc");
    assertThat(request.getHeader("PRIVATE-TOKEN")).isEqualTo("glpat-test");
    assertThat(request.getHeader("Authorization")).isNull();
    assertThat(pipelines)
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.id()).isEqualTo(47L);
              assertThat(p.status()).isEqualTo("pending");
              assertThat(p.webUrl()).isEqualTo("https://example.com/foo/bar/pipelines/47");
            });
  }

  @Test
  void createsAPipelineOnARefWithVariables() throws Exception {
    // given
    server.enqueue(json(201, PIPELINE.replace("\"pending\"", "\"created\"")));
    Map<String, String> variables = new LinkedHashMap<>();
    variables.put("RELEASE_ID", "rel-42");
    variables.put("DRY_RUN", "false");
    // when
    Pipeline created = client.createPipeline("17", "main", variables);
    // then
    RecordedRequest request = server.takeRequest();
    assertThat(request.getMethod()).isEqualTo("POST");
    assertThat(request.getPath()).isEqualTo("/api/v4/projects/17/pipeline");
    assertThat(request.getHeader("Content-Type")).startsWith("application/json");
    assertThat(JSON.readTree(request.getBody().readUtf8()))
        .isEqualTo(
            JSON.readTree(
                "{\"ref\":\"main\",\"variables\":["
                    + "{\"key\":\"RELEASE_ID\",\"value\":\"rel-42\",\"variable_type\":\"env_var\"},"
                    + "{\"key\":\"DRY_RUN\",\"value\":\"false\",\"variable_type\":\"env_var\"}]}"));
    assertThat(created.status()).isEqualTo("created");
  }

  @Test
  void readsOnePipeline() throws Exception {
    // given
    server.enqueue(json(200, PIPELINE.replace("\"pending\"", "\"success\"")));
    // when
    Pipeline pipeline = client.pipeline("group/project", 47);
    // then
    assertThat(server.takeRequest().getRequestUrl().encodedPath())
        .isEqualTo("/api/v4/projects/group%2Fproject/pipelines/47");
    assertThat(pipeline.status()).isEqualTo("success");
  }

  @Test
  void explainsAnUnknownRefWithGitLabsFieldErrors() {
    // given
    server.enqueue(json(400, "{\"message\":{\"base\":[\"Reference not found\"]}}"));
    // when / then
    assertThatThrownBy(() -> client.createPipeline("17", "nope", Map.of()))
        .isInstanceOf(NonRetryableException.class)
        .hasMessageContaining("HTTP 400: base: Reference not found");
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void explainsAnInsufficientScopeError() {
    // given
    server.enqueue(
        json(
            403,
            "{\"error\":\"insufficient_scope\",\"error_description\":\"The request requires higher"
                + " privileges than provided by the access token.\",\"scope\":\"api\"}"));
    // when / then
    assertThatThrownBy(() -> client.pipelines("17", SHA))
        .isInstanceOf(NonRetryableException.class)
        .hasMessageContaining("insufficient_scope: The request requires higher privileges");
  }
}
