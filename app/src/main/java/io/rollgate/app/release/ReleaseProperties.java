package io.rollgate.app.release;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
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
   */
  record ServiceDefaults(
      @Pattern(regexp = "https?://\\S+", message = "must be an http(s) URL") String runbookUrl,
      @Pattern(regexp = "https?://\\S+", message = "must be an http(s) URL") String rollbackPlanUrl,
      @Pattern(regexp = "https?://\\S+", message = "must be an http(s) URL") String testReportUrl,
      @DecimalMin("0") @DecimalMax("1") Double minTestPassRatio,
      @Min(1) Integer emergencyApprovals) {

    static final ServiceDefaults NONE = new ServiceDefaults(null, null, null, null, null);
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
        request.changeModel(),
        request.repository(),
        request.deployWorkflow(),
        request.flagKey(),
        request.windowStart(),
        request.waves(),
        request.bakeTime(),
        request.ciProvider(),
        request.pipelineUrl(),
        request.runbookUrl() == null ? d.runbookUrl() : request.runbookUrl(),
        request.rollbackPlanUrl() == null ? d.rollbackPlanUrl() : request.rollbackPlanUrl(),
        request.testReportUrl() == null ? d.testReportUrl() : request.testReportUrl(),
        request.testPassRatio());
  }
}
