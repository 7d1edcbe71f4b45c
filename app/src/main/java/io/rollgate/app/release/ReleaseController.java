package io.rollgate.app.release;

import io.rollgate.app.record.DecisionEntry;
import io.rollgate.app.record.DecisionLog;
import io.rollgate.app.record.ReleaseNotFoundException;
import io.rollgate.app.record.ReleaseRecord;
import io.rollgate.app.record.ReleaseRecords;
import io.rollgate.processes.Lifecycle;
import jakarta.validation.Valid;
import java.net.URI;
import java.security.Principal;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.async.DeferredResult;

/**
 * The gate API for pipelines and release managers: start a release, read its record and decision
 * log, wait for a gate's verdict, take the go/no-go.
 */
@RestController
@RequestMapping("/api/v1/releases")
class ReleaseController {

  private final ReleaseService releases;
  private final ReleaseRecords records;
  private final DecisionLog decisions;
  private final GateWaits waits;

  ReleaseController(
      ReleaseService releases, ReleaseRecords records, DecisionLog decisions, GateWaits waits) {
    this.releases = releases;
    this.records = records;
    this.decisions = decisions;
    this.waits = waits;
  }

  @PostMapping
  ResponseEntity<ReleaseRecord> start(
      @Valid @RequestBody StartRelease request, Principal principal) {
    ReleaseRecord release = releases.start(request, principal.getName());
    return ResponseEntity.created(URI.create("/api/v1/releases/" + release.id())).body(release);
  }

  @GetMapping
  List<ReleaseRecord> recent(@RequestParam(defaultValue = "50") int limit) {
    if (limit < 1 || limit > 500) {
      throw new InvalidReleaseException("limit", "must be between 1 and 500");
    }
    return records.recent(limit);
  }

  @GetMapping("/{id}")
  ReleaseRecord release(@PathVariable String id) {
    return records.find(id).orElseThrow(() -> new ReleaseNotFoundException(id));
  }

  @GetMapping("/{id}/decisions")
  List<DecisionEntry> decisions(@PathVariable String id) {
    release(id);
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

  @ExceptionHandler(ReleaseNotFoundException.class)
  ProblemDetail notFound(ReleaseNotFoundException e) {
    return problem(HttpStatus.NOT_FOUND, "Release not found", e.getMessage());
  }

  @ExceptionHandler(UnknownGateException.class)
  ProblemDetail unknownGate(UnknownGateException e) {
    return problem(HttpStatus.NOT_FOUND, "Unknown gate", e.getMessage());
  }

  @ExceptionHandler(InvalidReleaseException.class)
  ProblemDetail invalid(InvalidReleaseException e) {
    ProblemDetail problem =
        problem(HttpStatus.UNPROCESSABLE_ENTITY, "Invalid release", e.getMessage());
    problem.setProperty("errors", List.of(Map.of("field", e.field(), "message", e.getMessage())));
    return problem;
  }

  @ExceptionHandler(SeparationOfDutiesException.class)
  ProblemDetail separation(SeparationOfDutiesException e) {
    return problem(HttpStatus.FORBIDDEN, "Separation of duties", e.getMessage());
  }

  @ExceptionHandler(GoNoGoDeniedException.class)
  ProblemDetail goNoGoDenied(GoNoGoDeniedException e) {
    return problem(HttpStatus.UNPROCESSABLE_ENTITY, "Go/no-go refused", e.getMessage());
  }

  @ExceptionHandler(NoOpenDecisionException.class)
  ProblemDetail noOpenDecision(NoOpenDecisionException e) {
    return problem(HttpStatus.CONFLICT, "No open decision", e.getMessage());
  }

  @ExceptionHandler(EngineUnavailableException.class)
  ProblemDetail engineUnavailable(EngineUnavailableException e) {
    return problem(HttpStatus.SERVICE_UNAVAILABLE, "Engine unavailable", e.getMessage());
  }

  private static ProblemDetail problem(HttpStatus status, String title, String detail) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
    problem.setTitle(title);
    return problem;
  }
}
