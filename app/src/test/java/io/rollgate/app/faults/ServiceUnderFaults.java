package io.rollgate.app.faults;

import com.fasterxml.jackson.databind.JsonNode;
import io.rollgate.app.support.GateApi;
import io.rollgate.app.support.OutsideWorld;
import io.rollgate.app.support.ServiceProcess;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The service as a single-machine operator runs it (default profile: the embedded engine's journal
 * and the H2 records in its data directory), in its own process so that it can be killed, talking
 * to outside systems in the test's JVM whose faults the test sets and whose records outlive the
 * service. Jobs a killed service held are handed out again after seconds, not minutes, and an
 * outside call gives up after seconds: the operator's resilience file shortens the budgets.
 */
final class ServiceUnderFaults implements AutoCloseable {

  static final String ADMIN = "rg_faults-test-bootstrap-token-0123456789abcdef";

  /**
   * The longest {@code Retry-After} the service honours here: a call's three attempts of at most 2
   * s and the waits between them (12 s at most) stay under the 15 s a worker holds a job, as the
   * service requires at start, or the engine would hand the job out again while the first worker
   * still waits.
   */
  static final Duration MAX_RETRY_AFTER = Duration.ofSeconds(3);

  /** Retry budgets of seconds, so that an outage outlasts them quickly. */
  private static final String SHORT_BUDGETS =
      """
      defaults:
        connect-timeout: 1s
        read-timeout: 2s
        call-timeout: 2s
        max-attempts: 3
        initial-backoff: 200ms
        max-backoff: 1s
        max-retry-after: %ds
        wait-in-open-state: 2s
      systems:
        servicenow:
          read-timeout: 2s
        launchdarkly:
          read-timeout: 2s
        jenkins:
          read-timeout: 2s
      """
          .formatted(MAX_RETRY_AFTER.toSeconds());

  private final ServiceProcess service;
  private final Path resilienceFile;
  private final int enginePort;
  private final GateApi pipeline;
  private final GateApi admin;

  private ServiceUnderFaults(ServiceProcess service, Path resilienceFile, int enginePort) {
    this.service = service;
    this.resilienceFile = resilienceFile;
    this.enginePort = enginePort;
    this.admin = service.api(ADMIN);
    this.pipeline = service.api(admin.createToken("faults-pipeline", "pipeline"));
  }

  /**
   * @param overrides properties set on top of the defaults here
   */
  static ServiceUnderFaults start(OutsideWorld world, Map<String, String> overrides)
      throws IOException, InterruptedException {
    Path resilienceFile = Files.createTempFile("rollgate-resilience", ".yaml");
    Files.writeString(resilienceFile, SHORT_BUDGETS);
    int enginePort = ServiceProcess.freePort();
    Map<String, String> p = new LinkedHashMap<>(world.properties());
    p.put("rollgate.sandbox.enabled", "false");
    p.put("rollgate.engine.port", String.valueOf(enginePort));
    p.put("rollgate.bootstrap.token", ADMIN);
    p.put("rollgate.resilience.file", resilienceFile.toString());
    p.put("rollgate.gates.job-timeout", "15s");
    p.put("rollgate.gates.retry-initial", "1s");
    p.put("rollgate.gates.retry-max", "4s");
    p.put("camunda.client.worker.defaults.timeout", "PT15S");
    // a loaded machine may take longer than the default 10 s to deploy the models at start
    p.put("camunda.client.request-timeout", "PT60S");
    p.putAll(overrides);
    ServiceProcess service = ServiceProcess.start(null, p);
    world.sendApprovalsTo(service.baseUri());
    return new ServiceUnderFaults(service, resilienceFile, enginePort);
  }

  ServiceProcess process() {
    return service;
  }

  /** The gate API as the pipeline that starts releases calls it. */
  GateApi pipeline() {
    return pipeline;
  }

  /** The gate API as the admin calls it. */
  GateApi admin() {
    return admin;
  }

  /** The embedded engine's REST API, as an operator reaches it. */
  EngineOperator engine() {
    return new EngineOperator(URI.create("http://127.0.0.1:" + enginePort));
  }

  /** Starts a release; its id. */
  String startRelease(Map<String, Object> request) {
    return pipeline.post("/api/v1/releases", request).ok().path("id").asText();
  }

  JsonNode release(String id) {
    return pipeline.get("/api/v1/releases/" + id).ok();
  }

  /** The gates of the release's decisions, in the order they were recorded. */
  List<String> decidedGates(String id) {
    return pipeline.get("/api/v1/releases/" + id + "/decisions").ok().findValuesAsText("gate");
  }

  /** Whether the decision log's hash chain verifies. */
  boolean decisionLogIntact() {
    return admin.get("/api/v1/audit/verify").ok().path("intact").asBoolean();
  }

  /** SIGKILL, then the same service started again on the same data directory. */
  void killAndRestart() throws IOException, InterruptedException {
    service.kill();
    service.restart();
  }

  /** Waits for the release to end, failing with the service's log when it does not. */
  JsonNode awaitEnd(String releaseId, Duration timeout) throws InterruptedException {
    try {
      return pipeline.awaitEnd(releaseId, timeout);
    } catch (AssertionError e) {
      throw new AssertionError(e.getMessage() + "\n--- service log:\n" + service.log(), e);
    }
  }

  @Override
  public void close() throws IOException, InterruptedException {
    // what the service did stays readable after the run, beside the test reports
    service.keepLogsIn(Path.of("target", "fault-test-logs"));
    service.close();
    Files.deleteIfExists(resilienceFile);
  }
}
