package io.rollgate.connector.ci.jenkins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rollgate.connector.NonRetryableException;
import io.rollgate.connector.Secret;
import io.rollgate.connector.TestResilience;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import okhttp3.mockwebserver.MockResponse;
import okhttp3.mockwebserver.MockWebServer;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class JenkinsClientTest {

  private static final String SHA = "6dcb09b5b57875f334f61aebed695e2e4193db5e";
  private static final String BUILD =
      "{\"_class\":\"hudson.model.FreeStyleBuild\",\"actions\":[{\"_class\":"
          + "\"hudson.model.ParametersAction\",\"parameters\":[{\"name\":\"ENV\",\"value\":\"prod\"}]},"
          + "{\"_class\":\"hudson.plugins.git.util.BuildData\",\"lastBuiltRevision\":{\"SHA1\":\""
          + SHA
          + "\",\"branch\":[{\"SHA1\":\""
          + SHA
          + "\",\"name\":\"refs/remotes/origin/main\"}]}},{}],"
          + "\"building\":false,\"number\":7,\"result\":\"SUCCESS\",\"timestamp\":1700000000000,"
          + "\"duration\":4242,\"url\":\"https://ci.example.com/job/deploy/7/\"}";
  private static final String JETTY_403 =
      "<html><head><title>Error 403 No valid crumb was included in the request</title></head>"
          + "<body><h2>HTTP ERROR 403 No valid crumb was included in the request</h2></body></html>";

  private MockWebServer server;

  @BeforeEach
  void start() throws Exception {
    server = new MockWebServer();
    server.start(InetAddress.getLoopbackAddress(), 0);
  }

  @AfterEach
  void stop() throws Exception {
    server.shutdown();
  }

  private JenkinsClient client(JenkinsAuth auth) {
    return JenkinsClient.builder(server.url("/jenkins/").toString(), auth)
        .resilience(TestResilience.fast("jenkins", 3))
        .build();
  }

  private static String basic(String user, String secret) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((user + ":" + secret).getBytes(StandardCharsets.UTF_8));
  }

  private static MockResponse json(String body) {
    return new MockResponse().setHeader("Content-Type", "application/json").setBody(body);
  }

  @Test
  void readsTheLastBuildWithItsCommitUsingTheApiToken() throws Exception {
    // given
    server.enqueue(json(BUILD));
    JenkinsClient client = client(JenkinsAuth.apiToken("rollgate", Secret.of("11aa")));
    // when
    Optional<Build> last = client.lastBuild("team/deploy");
    // then
    RecordedRequest request = server.takeRequest();
    assertThat(request.getMethod()).isEqualTo("GET");
    assertThat(request.getPath()).isEqualTo("/jenkins/job/team/job/deploy/lastBuild/api/json");
    assertThat(request.getHeader("Authorization")).isEqualTo(basic("rollgate", "11aa"));
    assertThat(last)
        .hasValueSatisfying(
            b -> {
              assertThat(b.number()).isEqualTo(7);
              assertThat(b.result()).isEqualTo("SUCCESS");
              assertThat(b.building()).isFalse();
              assertThat(b.revision()).isEqualTo(SHA);
            });
  }

  @Test
  void findsTheBuildOfACommitAmongTheJobsBuilds() throws Exception {
    // given two builds, only the older one of our commit
    String other =
        BUILD
            .replace(SHA, "0000000000000000000000000000000000000000")
            .replace("\"number\":7", "\"number\":8");
    server.enqueue(json("{\"builds\":[" + other + "," + BUILD + "]}"));
    JenkinsClient client = client(JenkinsAuth.apiToken("rollgate", Secret.of("11aa")));
    // when
    Optional<Build> build = client.buildForCommit("deploy", SHA);
    // then
    RecordedRequest request = server.takeRequest();
    assertThat(request.getRequestUrl().encodedPath()).isEqualTo("/jenkins/job/deploy/api/json");
    assertThat(request.getRequestUrl().queryParameter("tree"))
        .isEqualTo(
            "builds[number,url,building,result,timestamp,duration,"
                + "actions[lastBuiltRevision[SHA1],parameters[name,value]]]");
    assertThat(build).map(Build::number).contains(7);
  }

  @Test
  void triggersWithFormParametersAndReadsTheQueueItemFromLocation() throws Exception {
    // given
    server.enqueue(
        new MockResponse()
            .setResponseCode(201)
            .setHeader("Location", server.url("/jenkins/queue/item/42/").toString()));
    JenkinsClient client = client(JenkinsAuth.apiToken("rollgate", Secret.of("11aa")));
    Map<String, String> parameters = new LinkedHashMap<>();
    parameters.put("ENV", "prod");
    parameters.put("RELEASE", "rel 42");
    // when
    long queueId = client.trigger("deploy", parameters);
    // then
    RecordedRequest request = server.takeRequest();
    assertThat(request.getMethod()).isEqualTo("POST");
    assertThat(request.getPath()).isEqualTo("/jenkins/job/deploy/buildWithParameters");
    assertThat(request.getHeader("Content-Type")).startsWith("application/x-www-form-urlencoded");
    assertThat(request.getBody().readUtf8()).isEqualTo("ENV=prod&RELEASE=rel%2042");
    assertThat(request.getHeader("Jenkins-Crumb")).isNull();
    assertThat(queueId).isEqualTo(42L);
  }

  @Test
  void triggersAJobWithoutParametersThroughBuild() throws Exception {
    // given
    server.enqueue(new MockResponse().setResponseCode(201).setHeader("Location", "/queue/item/9/"));
    // when
    long queueId = client(JenkinsAuth.apiToken("u", Secret.of("t"))).trigger("deploy", Map.of());
    // then
    assertThat(server.takeRequest().getPath()).isEqualTo("/jenkins/job/deploy/build");
    assertThat(queueId).isEqualTo(9L);
  }

  @Test
  void readsAQueueItemThatBecameABuild() throws Exception {
    // given
    server.enqueue(
        json(
            "{\"_class\":\"hudson.model.Queue$LeftItem\",\"id\":42,\"cancelled\":false,"
                + "\"why\":null,\"executable\":{\"_class\":\"hudson.model.FreeStyleBuild\","
                + "\"number\":7,\"url\":\"https://ci.example.com/job/deploy/7/\"}}"));
    // when
    QueueItem item = client(JenkinsAuth.apiToken("u", Secret.of("t"))).queueItem(42);
    // then
    assertThat(server.takeRequest().getPath()).isEqualTo("/jenkins/queue/item/42/api/json");
    assertThat(item.buildNumber()).isEqualTo(7);
    assertThat(item.cancelled()).isFalse();
  }

  @Test
  void sendsTheCrumbWithItsSessionCookieWhenSigningInWithAPassword() throws Exception {
    // given
    server.enqueue(
        json("{\"_class\":\"hudson.security.csrf.DefaultCrumbIssuer\",\"crumb\":\"c1\","
                + "\"crumbRequestField\":\"Jenkins-Crumb\"}")
            .setHeader("Set-Cookie", "JSESSIONID.abc=s1; Path=/; HttpOnly"));
    server.enqueue(new MockResponse().setResponseCode(201).setHeader("Location", "/queue/item/5/"));
    JenkinsClient client = client(JenkinsAuth.crumb("rollgate", Secret.of("pw")));
    // when
    client.trigger("deploy", Map.of("ENV", "prod"));
    // then
    RecordedRequest crumb = server.takeRequest();
    assertThat(crumb.getPath()).isEqualTo("/jenkins/crumbIssuer/api/json");
    assertThat(crumb.getHeader("Authorization")).isEqualTo(basic("rollgate", "pw"));
    RecordedRequest post = server.takeRequest();
    assertThat(post.getHeader("Jenkins-Crumb")).isEqualTo("c1");
    assertThat(post.getHeader("Cookie")).isEqualTo("JSESSIONID.abc=s1");
  }

  @Test
  void refreshesTheCrumbOnceWhenAPostIsRefused() throws Exception {
    // given a crumb that Jenkins no longer accepts, then a fresh one
    server.enqueue(json("{\"crumb\":\"old\",\"crumbRequestField\":\"Jenkins-Crumb\"}"));
    server.enqueue(new MockResponse().setResponseCode(403).setBody(JETTY_403));
    server.enqueue(json("{\"crumb\":\"new\",\"crumbRequestField\":\"Jenkins-Crumb\"}"));
    server.enqueue(new MockResponse().setResponseCode(201).setHeader("Location", "/queue/item/6/"));
    JenkinsClient client = client(JenkinsAuth.crumb("rollgate", Secret.of("pw")));
    // when
    long queueId = client.trigger("deploy", Map.of("ENV", "prod"));
    // then
    server.takeRequest();
    assertThat(server.takeRequest().getHeader("Jenkins-Crumb")).isEqualTo("old");
    assertThat(server.takeRequest().getPath()).isEqualTo("/jenkins/crumbIssuer/api/json");
    assertThat(server.takeRequest().getHeader("Jenkins-Crumb")).isEqualTo("new");
    assertThat(queueId).isEqualTo(6L);
  }

  @Test
  void givesUpAfterOneCrumbRefreshWithJenkinsMessage() {
    // given every POST refused
    server.enqueue(json("{\"crumb\":\"a\",\"crumbRequestField\":\"Jenkins-Crumb\"}"));
    server.enqueue(new MockResponse().setResponseCode(403).setBody(JETTY_403));
    server.enqueue(json("{\"crumb\":\"b\",\"crumbRequestField\":\"Jenkins-Crumb\"}"));
    server.enqueue(new MockResponse().setResponseCode(403).setBody(JETTY_403));
    JenkinsClient client = client(JenkinsAuth.crumb("rollgate", Secret.of("pw")));
    // when / then
    assertThatThrownBy(() -> client.trigger("deploy", Map.of("ENV", "prod")))
        .isInstanceOf(NonRetryableException.class)
        .hasMessageContaining("HTTP 403: Error 403 No valid crumb was included in the request");
    assertThat(server.getRequestCount()).isEqualTo(4);
  }
}
