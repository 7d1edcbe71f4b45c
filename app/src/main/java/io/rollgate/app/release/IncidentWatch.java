package io.rollgate.app.release;

import io.camunda.client.CamundaClient;
import io.camunda.client.api.command.ClientException;
import io.camunda.client.api.search.enums.IncidentState;
import io.camunda.client.api.search.response.Incident;
import io.camunda.client.api.search.response.SearchResponse;
import io.rollgate.app.outside.GateProperties;
import io.rollgate.app.record.ReleaseRecord;
import io.rollgate.app.record.ReleaseRecords;
import java.time.Duration;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/**
 * Tells a release's followers when it stops at an incident: a step that fails for good changes no
 * record, so without this a pipeline's long poll would learn of it only when its wait ran out.
 * Every {@code rollgate.gates.incident-watch-interval} (5 s) the engine's open incidents are read;
 * each new one that belongs to a running release (in its own process or one it called) becomes a
 * {@code stopped} event on the release's timeline and wakes its long polls and event streams.
 * Service instances that share a database record each incident once.
 */
@Component
class IncidentWatch implements SchedulingConfigurer {

  private static final Logger LOG = LoggerFactory.getLogger(IncidentWatch.class);
  private static final Duration ASK_FOR = Duration.ofSeconds(5);
  private static final int PAGE = 100;

  private final CamundaClient camunda;
  private final ProcessTree tree;
  private final ReleaseRecords records;
  private final ReleaseTimeline timeline;
  private final GateSignals signals;
  private final Duration interval;

  /** Open incidents already looked at, so that each costs one look. */
  private Set<Long> seen = new HashSet<>();

  private boolean engineUnanswered;

  IncidentWatch(
      CamundaClient camunda,
      ProcessTree tree,
      ReleaseRecords records,
      ReleaseTimeline timeline,
      GateSignals signals,
      GateProperties gates) {
    this.camunda = camunda;
    this.tree = tree;
    this.records = records;
    this.timeline = timeline;
    this.signals = signals;
    this.interval = gates.incidentWatchInterval();
  }

  @Override
  public void configureTasks(ScheduledTaskRegistrar tasks) {
    tasks.addFixedDelayTask(new FixedDelayTask(this::look, interval, interval));
  }

  /** Reads the open incidents once and tells each new one's release. */
  void look() {
    Set<Long> open = new HashSet<>();
    try {
      String after = null;
      do {
        String cursor = after;
        SearchResponse<Incident> page =
            camunda
                .newIncidentSearchRequest()
                .filter(f -> f.state(IncidentState.ACTIVE))
                .page(
                    p -> {
                      p.limit(PAGE);
                      if (cursor != null) {
                        p.after(cursor);
                      }
                    })
                .requestTimeout(ASK_FOR)
                .send()
                .join();
        for (Incident incident : page.items()) {
          if (!seen.contains(incident.getIncidentKey())) {
            tell(incident);
          }
          open.add(incident.getIncidentKey());
        }
        after = page.items().size() < PAGE ? null : page.page().endCursor();
      } while (after != null);
      if (engineUnanswered) {
        LOG.info("open incidents known again");
        engineUnanswered = false;
      }
    } catch (ClientException e) {
      // the next look tries again: an incident not told yet is still open then
      if (!engineUnanswered) {
        LOG.warn("open incidents unknown, looking again every {}: {}", interval, e.getMessage());
        engineUnanswered = true;
      }
      open.addAll(seen);
    }
    seen = open;
  }

  /**
   * Records the incident on its running release's timeline, once, and wakes the release's
   * followers; nothing for an incident of no running release.
   *
   * @throws ClientException when the engine cannot say which process called the incident's
   */
  private void tell(Incident incident) {
    Optional<ReleaseRecord> release =
        records
            .findByProcessInstance(tree.rootOf(incident.getProcessInstanceKey()))
            .filter(r -> r.endedAt() == null);
    if (release.isEmpty()) {
      return;
    }
    ReleaseIncidents.StoppedAt at = ReleaseIncidents.StoppedAt.of(incident);
    String id = release.get().id();
    timeline.record(
        id,
        ReleaseTimeline.STOPPED,
        ReleaseTimeline.data(
            "element", at.element(), "errorType", at.errorType(), "message", at.message()),
        "incident:" + incident.getIncidentKey());
    signals.publish(id);
    LOG.info(
        "release_id={} stopped at element={} error_type={}: {}",
        id,
        at.element(),
        at.errorType(),
        at.message());
  }
}
