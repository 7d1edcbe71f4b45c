package io.rollgate.app.release;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * What the gate API accepts ({@code rollgate.services}) and each service's release defaults ({@code
 * rollgate.service-defaults.<service>.*}).
 *
 * @param services the services releases may be started for, as ServiceNow and LaunchDarkly know
 *     them; empty accepts any well-formed name (a service with defaults is known too)
 * @param serviceDefaults per service, what a start request (API, CLI, GitHub webhook) that leaves
 *     it out gets; what the request gives wins
 */
@Validated
@ConfigurationProperties("rollgate")
record ReleaseProperties(
    @DefaultValue List<String> services,
    @DefaultValue @Valid Map<String, ServiceDefaults> serviceDefaults) {

  ReleaseProperties {
    services = services == null ? List.of() : List.copyOf(services);
    serviceDefaults = serviceDefaults == null ? Map.of() : Map.copyOf(serviceDefaults);
  }

  /**
   * One service's release defaults.
   *
   * @param runbookUrl the service's runbook
   * @param rollbackPlanUrl how a release of the service is undone by hand
   * @param testReportUrl where the service's test reports are, when a request names none
   * @param minTestPassRatio the readiness threshold of the test pass ratio, 0 to 1; every test (1)
   *     when absent
   * @param emergencyApprovals how many distinct release managers an emergency change of the service
   *     needs to GO; {@code GoNoGoPolicy.DEFAULT_QUORUM} when absent
   * @param changeModel {@code standard}, {@code normal} or {@code emergency}
   * @param waves rollout percentages, rising to 100
   * @param bakeTime how long each wave runs before its health check
   * @param ciProvider {@code github}, {@code gitlab} or {@code jenkins}
   * @param ciWorkflow the workflow file whose run on the commit readiness counts, e.g. {@code
   *     build.yml}
   * @param cutoverSteps the service's cutover plan ({@code cutover-steps[0].name}, ...), checked
   *     with each request that gets it as a request's own plan is
   * @param readinessMaxAge how old readiness may be when cutover would begin before it is assessed
   *     again (a CAB wait, a window that opens later); 4 hours when absent
   */
  record ServiceDefaults(
      @Pattern(regexp = "https?://\\S+", message = "must be an http(s) URL") String runbookUrl,
      @Pattern(regexp = "https?://\\S+", message = "must be an http(s) URL") String rollbackPlanUrl,
      @Pattern(regexp = "https?://\\S+", message = "must be an http(s) URL") String testReportUrl,
      @DecimalMin("0") @DecimalMax("1") Double minTestPassRatio,
      @Min(1) Integer emergencyApprovals,
      @Pattern(regexp = "standard|normal|emergency") String changeModel,
      List<@Min(1) @Max(100) Integer> waves,
      Duration bakeTime,
      @Pattern(regexp = "github|gitlab|jenkins") String ciProvider,
      @Pattern(regexp = StartRelease.WORKFLOW_FILE) String ciWorkflow,
      List<@Valid CutoverStep> cutoverSteps,
      Duration readinessMaxAge) {

    static final ServiceDefaults NONE =
        new ServiceDefaults(null, null, null, null, null, null, null, null, null, null, null, null);

    ServiceDefaults {
      waves = waves == null || waves.isEmpty() ? null : List.copyOf(waves);
      cutoverSteps =
          cutoverSteps == null || cutoverSteps.isEmpty() ? null : List.copyOf(cutoverSteps);
    }
  }

  /** Each service's emergency quorum, for the services that configure one. */
  Map<String, Integer> emergencyApprovals() {
    Map<String, Integer> quorums = new TreeMap<>();
    serviceDefaults.forEach(
        (service, d) -> {
          if (d.emergencyApprovals() != null) {
            quorums.put(service, d.emergencyApprovals());
          }
        });
    return quorums;
  }

  boolean knows(String service) {
    return services.isEmpty() || services.contains(service) || serviceDefaults.containsKey(service);
  }

  /** Every service named in the configuration, sorted, for a problem naming the known ones. */
  List<String> known() {
    TreeSet<String> all = new TreeSet<>(services);
    all.addAll(serviceDefaults.keySet());
    return new ArrayList<>(all);
  }

  /** The service's defaults; none configured gives {@link ServiceDefaults#NONE}. */
  ServiceDefaults defaultsFor(String service) {
    return service == null
        ? ServiceDefaults.NONE
        : serviceDefaults.getOrDefault(service, ServiceDefaults.NONE);
  }

  /** The request with the service's defaults filled in where the request left them out. */
  StartRelease withDefaults(StartRelease request) {
    ServiceDefaults d = defaultsFor(request.service());
    return new StartRelease(
        request.service(),
        request.version(),
        request.commitSha(),
        request.environment(),
        or(request.changeModel(), d.changeModel()),
        request.repository(),
        request.deployWorkflow(),
        request.flagKey(),
        request.windowStart(),
        request.windowEnd(),
        or(request.waves(), d.waves()),
        or(request.bakeTime(), d.bakeTime()),
        or(request.ciProvider(), d.ciProvider()),
        or(request.ciWorkflow(), d.ciWorkflow()),
        request.pipelineUrl(),
        or(request.runbookUrl(), d.runbookUrl()),
        or(request.rollbackPlanUrl(), d.rollbackPlanUrl()),
        or(request.testReportUrl(), d.testReportUrl()),
        request.testPassRatio(),
        or(request.cutoverSteps(), d.cutoverSteps()));
  }

  private static <T> T or(T given, T byDefault) {
    return given == null ? byDefault : given;
  }
}
