package io.rollgate.workers;

import com.sun.net.httpserver.HttpServer;
import io.camunda.client.CamundaClient;
import io.camunda.client.annotation.JobWorker;
import io.camunda.client.annotation.VariablesAsType;
import io.camunda.zeebe.model.bpmn.Bpmn;
import io.camunda.zeebe.model.bpmn.BpmnModelInstance;
import io.rollgate.connector.Secret;
import io.rollgate.connector.launchdarkly.FlagEvaluator;
import io.rollgate.connector.launchdarkly.LaunchDarklyClient;
import io.rollgate.connector.launchdarkly.LaunchDarklySettings;
import io.rollgate.connector.launchdarkly.SdkSettings;
import io.rollgate.connector.servicenow.ServiceNowAuth;
import io.rollgate.connector.servicenow.ServiceNowClient;
import io.rollgate.connector.servicenow.ServiceNowConfig;
import io.rollgate.engine.RollgateEngine;
import io.rollgate.engine.testing.TestEngine;
import io.rollgate.sandbox.ci.CiSimulator;
import io.rollgate.sandbox.launchdarkly.EnvironmentSeed;
import io.rollgate.sandbox.launchdarkly.LaunchDarklySimulator;
import io.rollgate.sandbox.servicenow.ServiceNowSimulator;
import io.rollgate.workers.job.RetryBackoff;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The workers as the service runs them: a Spring Boot context with the starter's auto-configuration
 * and {@link ReleaseWorkersConfiguration}, its client on an embedded engine over REST, its
 * connections on the ServiceNow, LaunchDarkly and CI simulators. The engine, the simulators and the
 * context are started once per JVM and shared by every test class extending this one.
 */
@SpringBootTest(
    classes = WorkersOnEngine.App.class,
    properties = {
      "camunda.client.mode=self-managed",
      "camunda.client.grpc-address=http://127.0.0.1:1",
      "camunda.client.prefer-rest-over-grpc=true",
      "camunda.client.worker.defaults.stream-enabled=false",
      "camunda.client.worker.defaults.poll-interval=100ms",
      "camunda.client.execution-threads=4"
    })
public abstract class WorkersOnEngine {

  protected static final World WORLD = World.INSTANCE;

  /** A job type outside the lifecycle, whose worker does what the test puts in {@link #PROBES}. */
  public static final String PROBE = "rollgate-test-probe";

  /** What the probe worker does, by the job's release id. */
  public static final Map<String, Function<Question, Answer>> PROBES = new ConcurrentHashMap<>();

  public record Question(String releaseId, int number) {}

  public record Answer(int answer) {}

  private static final AtomicInteger PROCESSES = new AtomicInteger();

  @Autowired protected CamundaClient client;

  /** Starts {@code process} and waits for it to end; its variables at the end. */
  protected Map<String, Object> runToEnd(String process, Map<String, Object> variables) {
    return client
        .newCreateInstanceCommand()
        .bpmnProcessId(process)
        .latestVersion()
        .variables(variables)
        .withResult()
        .requestTimeout(Duration.ofSeconds(30))
        .send()
        .join()
        .getVariablesAsMap();
  }

  /** Starts {@code process}; the instance's key. */
  protected long start(String process, Map<String, Object> variables) {
    return client
        .newCreateInstanceCommand()
        .bpmnProcessId(process)
        .latestVersion()
        .variables(variables)
        .send()
        .join()
        .getProcessInstanceKey();
  }

  @DynamicPropertySource
  static void engine(DynamicPropertyRegistry registry) {
    registry.add("camunda.client.rest-address", () -> WORLD.engine.restAddress().toString());
  }

  /**
   * Deploys start, a service task {@code work} of {@code jobType}, end {@code done}; an error
   * boundary on {@code work} catches any error code into end {@code handled}.
   *
   * @return the process id
   */
  protected String deployOneTask(String jobType) {
    String id = "one-task-" + PROCESSES.incrementAndGet();
    BpmnModelInstance model =
        Bpmn.createExecutableProcess(id)
            .startEvent()
            .serviceTask("work", t -> t.zeebeJobType(jobType))
            .endEvent("done")
            .moveToActivity("work")
            .boundaryEvent("caught", b -> b.error())
            .endEvent("handled")
            .done();
    client.newDeployResourceCommand().addProcessModel(model, id + ".bpmn").send().join();
    return id;
  }

  /** Whether an instance of {@code process} passed {@code elementId}. */
  protected boolean visited(String process, String elementId) {
    return !client
        .newElementInstanceSearchRequest()
        .filter(f -> f.processDefinitionId(process).elementId(elementId))
        .send()
        .join()
        .items()
        .isEmpty();
  }

  /** The application the tests run: the workers, with connections and settings as the app gives. */
  @SpringBootConfiguration
  @EnableAutoConfiguration
  @Import(ReleaseWorkersConfiguration.class)
  static class App {

    @Bean(destroyMethod = "")
    WorkerConnections workerConnections() {
      return WORLD.connections;
    }

    @Bean
    WorkerSettings workerSettings() {
      return WORLD.settings;
    }

    @Bean
    Probe probe() {
      return new Probe();
    }
  }

  static final class Probe {

    @JobWorker(type = PROBE)
    public Answer handle(@VariablesAsType Question question) {
      return PROBES.get(question.releaseId()).apply(question);
    }
  }

  /** The engine, the simulators and the clients on them, closed when the JVM ends. */
  public static final class World {

    /**
     * How long a flag change waits for its LaunchDarkly approval, where the environment requires
     * one, before a person is asked. (Before {@link #INSTANCE}, which reads it.)
     */
    public static final Duration FLAG_APPROVAL_TIMEOUT = Duration.ofSeconds(5);

    static final World INSTANCE = new World();

    private final TestEngine engineUnderTest = TestEngine.start(UnaryOperator.identity());
    public final RollgateEngine engine;
    public final ServiceNowSimulator servicenow = ServiceNowSimulator.start();
    public final LaunchDarklySimulator launchDarkly = LaunchDarklySimulator.start();
    public final List<EnvironmentSeed> environments = launchDarkly.seedDemo();
    public final CiSimulator ci = CiSimulator.builder().queueTime(Duration.ofMillis(20)).start();
    public final WorkerConnections connections;
    public final WorkerSettings settings;

    /**
     * The service whose rollout waves are checked against its metrics too, at an endpoint on
     * loopback that serves none of the metric: its health checks are inconclusive.
     */
    public static final String SERVICE_WITHOUT_METRICS_DATA = "metrics-svc";

    private final HttpServer metrics = emptyMetricsEndpoint();

    private World() {
      engine = engineUnderTest.engine();
      connections =
          new WorkerConnections(
              new ServiceNowClient(
                  ServiceNowConfig.of(
                      servicenow.baseUri(), ServiceNowAuth.basic("admin", Secret.of("admin")))),
              LaunchDarklyClient.create(
                  LaunchDarklySettings.of(
                      launchDarkly.baseUri(), Secret.of(launchDarkly.apiToken()))),
              FlagEvaluator.start(
                  SdkSettings.singleHost(
                      Secret.of(environments.get(0).sdkKey()), launchDarkly.baseUri())),
              SimulatedCi.providers(ci));
      settings =
          WorkerSettings.of("rollgate", environments.get(0).key())
              .withStandardChangeTemplateId(ServiceNowSimulator.DEFAULT_TEMPLATE_ID)
              .withDeploy("main", Duration.ofSeconds(10), Duration.ofMillis(50))
              .withPropagationTimeout(Duration.ofSeconds(10))
              .withJobs(
                  Duration.ofMinutes(2),
                  4,
                  new RetryBackoff(Duration.ofSeconds(10), Duration.ofMinutes(1)))
              .withHealthMetrics(
                  Map.of(
                      SERVICE_WITHOUT_METRICS_DATA,
                      new HealthMetrics(
                          URI.create(
                              "http://127.0.0.1:" + metrics.getAddress().getPort() + "/metrics"),
                          List.of(new HealthMetrics.Threshold("http_error_ratio", 0.05)))),
                  Duration.ofSeconds(5))
              .withFlagApproval(FLAG_APPROVAL_TIMEOUT, Duration.ofMillis(100));
      Runtime.getRuntime().addShutdownHook(new Thread(this::close, "rollgate-test-world"));
    }

    private static HttpServer emptyMetricsEndpoint() {
      try {
        HttpServer server =
            HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext(
            "/metrics",
            exchange -> {
              exchange.sendResponseHeaders(200, -1);
              exchange.close();
            });
        server.start();
        return server;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    private void close() {
      metrics.stop(0);
      connections.close();
      ci.close();
      launchDarkly.close();
      servicenow.close();
      engineUnderTest.close();
    }
  }
}
