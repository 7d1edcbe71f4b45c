package io.rollgate.app.release;

import io.rollgate.app.record.GateVerdict;
import io.rollgate.app.record.ReleaseRecord;
import io.rollgate.processes.Lifecycle.Gates;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A release as {@code GET /api/v1/releases/{id}} shows it: the record, where it stands and where to
 * look.
 *
 * @param currentStep the step the running release is at, as the engine shows it: the active
 *     elements' names, for example {@code Bake time} or {@code Wait for the CAB}; null once it
 *     ended, or while the engine cannot be asked
 * @param gates each decided gate's latest verdict and its reasons ({@code justification})
 * @param change the ServiceNow change: {@code number} and {@code state} ({@code requested}, {@code
 *     approved}, {@code rejected}, {@code closed}); null before it is opened
 * @param rollout {@code wavePercent}, the highest wave started, and {@code waves}, the plan
 * @param links the record's own resources and the outside systems' pages (CI run, pipeline, change)
 * @param incident where and why the running release stands still until someone resolves it; null
 *     while it moves on or once it ended
 */
record ReleaseView(
    String id,
    String service,
    String version,
    String commitSha,
    String environment,
    String changeModel,
    String requestedBy,
    String changeNumber,
    Long processInstanceKey,
    String state,
    String currentStep,
    String outcome,
    int wavePercent,
    List<GateVerdict> gates,
    Map<String, Object> change,
    Map<String, Object> rollout,
    Map<String, Object> plan,
    Map<String, String> links,
    Instant createdAt,
    Instant endedAt,
    ReleaseIncidents.StoppedAt incident) {

  static ReleaseView of(
      ReleaseRecord r,
      String currentStep,
      Map<String, String> outsideLinks,
      ReleaseIncidents.StoppedAt incident) {
    String base = "/api/v1/releases/" + r.id();
    Map<String, String> links = new LinkedHashMap<>();
    links.put("self", base);
    links.put("decisions", base + "/decisions");
    links.put("evidence", base + "/evidence");
    links.put("events", base + "/events");
    links.putAll(outsideLinks);
    Map<String, Object> rollout = new LinkedHashMap<>();
    rollout.put("wavePercent", r.wavePercent());
    rollout.put("waves", r.plan().get("waves"));
    return new ReleaseView(
        r.id(),
        r.service(),
        r.version(),
        r.commitSha(),
        r.environment(),
        r.changeModel(),
        r.requestedBy(),
        r.changeNumber(),
        r.processInstanceKey(),
        r.state(),
        currentStep,
        r.outcome(),
        r.wavePercent(),
        r.gates(),
        change(r),
        rollout,
        r.plan(),
        links,
        r.createdAt(),
        r.endedAt(),
        incident);
  }

  private static Map<String, Object> change(ReleaseRecord r) {
    GateVerdict cab =
        r.gates().stream().filter(g -> Gates.CAB.equals(g.gate())).findFirst().orElse(null);
    if (r.changeNumber() == null && cab == null) {
      return null;
    }
    String state;
    if (r.endedAt() != null) {
      state = "closed";
    } else if (cab == null) {
      state = "requested";
    } else {
      state = cab.verdict().toLowerCase(java.util.Locale.ROOT);
    }
    Map<String, Object> change = new LinkedHashMap<>();
    change.put("number", r.changeNumber());
    change.put("state", state);
    change.put("cabVerdict", cab == null ? null : cab.verdict());
    return change;
  }
}
