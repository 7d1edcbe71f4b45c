package io.rollgate.app.release;

import io.rollgate.app.problem.FieldProblem;
import io.rollgate.app.record.DecisionEntry;
import io.rollgate.app.record.DecisionLog;
import io.rollgate.app.record.ReleaseNotFoundException;
import io.rollgate.app.record.ReleaseRecord;
import io.rollgate.app.record.ReleaseRecords;
import io.rollgate.app.security.EndpointAccess;
import io.rollgate.app.security.Role;
import io.rollgate.processes.Lifecycle;
import jakarta.validation.Valid;
import java.net.URI;
import java.security.Principal;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.async.DeferredResult;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The gate API for pipelines and release managers: start a release, read its record and decision
 * log, wait for a gate's verdict, take the go/no-go, stop a release or retry the step it stopped
 * at.
 */
@RestController
@RequestMapping("/api/v1/releases")
class ReleaseController {

  private final ReleaseService releases;
  private final ReleaseRecords records;
  private final DecisionLog decisions;
  private final GateWaits waits;
  private final ReleaseSearch search;
  private final ReleaseEventStreams streams;
  private final ReleaseDiagrams diagrams;
  private final OutsidePages outsidePages;
  private final ReleaseIncidents incidents;
  private final CurrentSteps steps;

  ReleaseController(
      ReleaseService releases,
      ReleaseRecords records,
      DecisionLog decisions,
      GateWaits waits,
      ReleaseSearch search,
      ReleaseEventStreams streams,
      ReleaseDiagrams diagrams,
      OutsidePages outsidePages,
      ReleaseIncidents incidents,
      CurrentSteps steps) {
    this.releases = releases;
    this.records = records;
    this.decisions = decisions;
    this.waits = waits;
    this.search = search;
    this.streams = streams;
    this.diagrams = diagrams;
    this.outsidePages = outsidePages;
    this.incidents = incidents;
    this.steps = steps;
  }

  /**
   * Starts a release: 201 with its record. With an {@code Idempotency-Key} used before by the same
   * caller, the same body answers 200 with the release that call started; another body is 422.
   */
  @PostMapping
  ResponseEntity<ReleaseView> start(
      @RequestBody StartRelease request,
      @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey,
      Principal principal) {
    if (idempotencyKey != null && (idempotencyKey.isBlank() || idempotencyKey.length() > 200)) {
      throw new InvalidReleaseException("Idempotency-Key", "must be 1 to 200 characters");
    }
    ReleaseService.Started started = releases.start(request, principal.getName(), idempotencyKey);
    ReleaseView release = view(started.release());
    if (!started.created()) {
      return ResponseEntity.ok(release);
    }
    return ResponseEntity.created(URI.create("/api/v1/releases/" + release.id())).body(release);
  }

  /** Releases newest first, filtered by service, state and creation time, one page at a time. */
  @GetMapping
  ReleaseSearch.Page search(
      @RequestParam(required = false) String service,
      @RequestParam(required = false) String state,
      @RequestParam(required = false) Instant from,
      @RequestParam(required = false) Instant to,
      @RequestParam(defaultValue = "0") int page,
      @RequestParam(defaultValue = "50") int limit) {
    List<FieldProblem> problems = new ArrayList<>();
    if (limit < 1 || limit > 500) {
      problems.add(new FieldProblem("limit", "must be between 1 and 500"));
    }
    if (page < 0 || page > 100_000) {
      problems.add(new FieldProblem("page", "must be 0 or more"));
    }
    if (from != null && to != null && !from.isBefore(to)) {
      problems.add(new FieldProblem("to", "must be after from"));
    }
    if (!problems.isEmpty()) {
      throw new InvalidReleaseException(problems);
    }
    return search.search(new ReleaseSearch.Query(service, state, from, to, page, limit));
  }

  @GetMapping("/{id}")
  ReleaseView release(@PathVariable String id) {
    return view(record(id));
  }

  private ReleaseRecord record(String id) {
    return records.find(id).orElseThrow(() -> new ReleaseNotFoundException(id));
  }

  /** The record, with where the running release stands in the engine. */
  private ReleaseView view(ReleaseRecord release) {
    Map<String, String> outside = new LinkedHashMap<>();
    for (String name : List.of("pipelineUrl", "runbookUrl", "rollbackPlanUrl", "testReportUrl")) {
      if (release.plan().get(name) instanceof String url) {
        outside.put(name.substring(0, name.length() - "Url".length()), url);
      }
    }
    decisions.forRelease(release.id()).stream()
        .filter(d -> Lifecycle.Gates.READINESS.equals(d.gate()))
        .map(d -> d.inputs().get(Lifecycle.Variables.CI_URL))
        .filter(String.class::isInstance)
        .reduce((first, last) -> last)
        .ifPresent(url -> outside.put("ciRun", (String) url));
    if (release.changeNumber() != null) {
      outside.put("change", outsidePages.change(release.changeNumber()));
    }
    if (release.plan().get(Lifecycle.Variables.FLAG_KEY) instanceof String flagKey) {
      outside.put("flag", outsidePages.flag(flagKey));
    }
    return ReleaseView.of(
        release, steps.of(release).orElse(null), outside, incidents.of(release).orElse(null));
  }

  /**
   * Stops a running release (release managers, or the pipeline that started it): 200 with the
   * release once its model undid what ran and ended it, 202 while it is still undoing.
   */
  @PostMapping("/{id}/abort")
  ResponseEntity<ReleaseView> abort(
      @PathVariable String id, @Valid @RequestBody AbortRelease request, Authentication caller) {
    ReleaseRecord release =
        releases.abort(id, request.reason(), caller.getName(), mayActOnAny(caller));
    return ResponseEntity.status(release.endedAt() != null ? HttpStatus.OK : HttpStatus.ACCEPTED)
        .body(view(release));
  }

  /**
   * Runs the step a release stopped at again (release managers): records who decided it and why,
   * gives the failed job its retries back and resolves the incident; 202 with the release, which
   * goes on from that step.
   */
  @PostMapping("/{id}/retry")
  @ResponseStatus(HttpStatus.ACCEPTED)
  ReleaseView retry(
      @PathVariable String id, @Valid @RequestBody RetryStep request, Principal principal) {
    return view(releases.retry(id, request.justification(), principal.getName()));
  }

  /** A deploy step's result from a pipeline that deploys itself: recorded, then published. */
  @PostMapping("/{id}/deployments")
  @ResponseStatus(HttpStatus.ACCEPTED)
  Map<String, Object> deployment(
      @PathVariable String id, @Valid @RequestBody DeploymentReport report, Authentication caller) {
    DecisionEntry entry =
        releases.reportDeployment(id, report, caller.getName(), mayActOnAny(caller));
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("releaseId", id);
    answer.put("step", report.step());
    answer.put("result", report.result());
    answer.put("decision", entry.decision());
    answer.put("sequence", entry.sequence());
    return answer;
  }

  /** The evidence pack: the record and each decision with the snapshot it saw, and the hashes. */
  @GetMapping("/{id}/evidence")
  EvidencePack evidence(@PathVariable String id) {
    return releases.evidence(id);
  }

  /**
   * The evidence pack as a printable page for people ({@code Accept: text/html}), with the chain
   * check of the release's decision log entries for callers who may check the log.
   */
  @GetMapping(path = "/{id}/evidence", produces = MediaType.TEXT_HTML_VALUE)
  String evidencePage(@PathVariable String id, Authentication caller) {
    EvidencePack pack = releases.evidence(id);
    boolean mayCheckLog = EndpointAccess.allows(caller, HttpMethod.GET, EvidencePage.LOG_CHECK);
    return EvidencePage.render(pack, mayCheckLog ? decisions.verifyRelease(id) : null);
  }

  /**
   * The release's timeline as Server-Sent Events; resumes after {@code Last-Event-ID} (header, or
   * {@code lastEventId} parameter), and ends after the release's last event.
   */
  @GetMapping(path = "/{id}/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
  SseEmitter events(
      @PathVariable String id,
      @RequestHeader(name = "Last-Event-ID", required = false) String lastEventIdHeader,
      @RequestParam(name = "lastEventId", required = false) String lastEventIdParameter) {
    String lastEventId = lastEventIdHeader != null ? lastEventIdHeader : lastEventIdParameter;
    long after = 0;
    if (lastEventId != null && !lastEventId.isBlank()) {
      try {
        after = Long.parseLong(lastEventId.trim());
      } catch (NumberFormatException e) {
        throw new InvalidReleaseException("Last-Event-ID", "must be an event id this stream sent");
      }
    }
    return streams.open(id, after);
  }

  private static boolean mayActOnAny(Authentication caller) {
    return caller.getAuthorities().stream()
        .map(GrantedAuthority::getAuthority)
        .anyMatch(
            a -> a.equals(Role.RELEASE_MANAGER.authority()) || a.equals(Role.ADMIN.authority()));
  }

  /** The release's BPMN diagram with the elements it waits in and the path it took. */
  @GetMapping("/{id}/diagram")
  ReleaseDiagram diagram(@PathVariable String id) {
    return diagrams.of(id);
  }

  @GetMapping("/{id}/decisions")
  List<DecisionEntry> decisions(@PathVariable String id) {
    record(id);
    return decisions.forRelease(id);
  }

  /** Answers when the gate is decided, or at {@code wait} (ISO-8601, at most PT10M). */
  @GetMapping("/{id}/gates/{gate}")
  DeferredResult<GateStatus> gate(
      @PathVariable String id,
      @PathVariable String gate,
      @RequestParam(defaultValue = "PT0S") String wait) {
    if (!Lifecycle.Gates.ALL.contains(gate)) {
      throw new UnknownGateException(gate);
    }
    return waits.await(id, gate, waitOf(wait));
  }

  @PostMapping("/{id}/gates/go-no-go/decision")
  @ResponseStatus(HttpStatus.ACCEPTED)
  Map<String, String> decide(
      @PathVariable String id, @Valid @RequestBody GoNoGoDecision decision, Principal principal) {
    releases.decideGoNoGo(id, decision, principal.getName());
    return Map.of(
        "releaseId",
        id,
        "decision",
        decision.decision(),
        "status",
        "the release continues; GET /api/v1/releases/" + id + "/gates/go-no-go shows the record");
  }

  private static Duration waitOf(String wait) {
    Duration duration;
    try {
      duration = Duration.parse(wait);
    } catch (DateTimeParseException e) {
      throw new InvalidReleaseException("wait", "must be an ISO-8601 duration such as PT10M");
    }
    if (duration.isNegative() || duration.compareTo(GateWaits.MAX_WAIT) > 0) {
      throw new InvalidReleaseException("wait", "must be between PT0S and PT10M");
    }
    return duration;
  }
}
