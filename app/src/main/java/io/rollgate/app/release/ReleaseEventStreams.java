package io.rollgate.app.release;

import io.rollgate.app.record.ReleaseNotFoundException;
import io.rollgate.app.record.ReleaseRecords;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Server-Sent Events of a release's timeline. A stream first sends what happened after the client's
 * {@code Last-Event-ID}, then each new event as {@link GateSignals} tells of it, and ends after the
 * release's last event. A stream holds no thread while it waits; after {@link #MAX_OPEN} it closes
 * and the client reconnects with {@code Last-Event-ID}, missing nothing.
 */
@Component
class ReleaseEventStreams {

  /** How long one connection stays open. */
  static final Duration MAX_OPEN = Duration.ofMinutes(10);

  private final ReleaseTimeline timeline;
  private final ReleaseRecords records;
  private final GateSignals signals;

  ReleaseEventStreams(ReleaseTimeline timeline, ReleaseRecords records, GateSignals signals) {
    this.timeline = timeline;
    this.records = records;
    this.signals = signals;
  }

  /**
   * @param afterId the last event the client has; 0 for the whole timeline
   * @throws ReleaseNotFoundException for an unknown release
   */
  SseEmitter open(String releaseId, long afterId) {
    records.find(releaseId).orElseThrow(() -> new ReleaseNotFoundException(releaseId));
    SseEmitter emitter = new SseEmitter(MAX_OPEN.toMillis());
    Stream stream = new Stream(releaseId, emitter, afterId);
    emitter.onCompletion(stream::cancel);
    emitter.onTimeout(stream::close);
    emitter.onError(e -> stream.cancel());
    stream.listen();
    stream.sendNew();
    return emitter;
  }

  private final class Stream {

    private final String releaseId;
    private final SseEmitter emitter;
    private final AtomicReference<Runnable> cancel = new AtomicReference<>(() -> {});
    private long lastSent;
    private boolean done;

    Stream(String releaseId, SseEmitter emitter, long afterId) {
      this.releaseId = releaseId;
      this.emitter = emitter;
      this.lastSent = afterId;
    }

    void listen() {
      if (isDone()) {
        return;
      }
      cancel.set(
          signals.onNextChange(
              releaseId,
              () -> {
                // listen again before reading, so an event recorded meanwhile is not missed
                listen();
                sendNew();
              }));
    }

    /** Sends what is new; false once the stream is over. */
    synchronized boolean sendNew() {
      if (done) {
        return false;
      }
      List<ReleaseTimeline.Event> events = timeline.after(releaseId, lastSent);
      try {
        for (ReleaseTimeline.Event event : events) {
          emitter.send(
              SseEmitter.event()
                  .id(Long.toString(event.id()))
                  .name(event.type())
                  .data(payload(event), MediaType.APPLICATION_JSON));
          lastSent = event.id();
          if (ReleaseTimeline.RELEASE_ENDED.equals(event.type())) {
            close();
            return false;
          }
        }
      } catch (IOException | IllegalStateException e) {
        // the client went away; its next connection resumes from its Last-Event-ID
        cancel();
        return false;
      }
      return true;
    }

    synchronized void close() {
      if (!done) {
        done = true;
        cancel.get().run();
        emitter.complete();
      }
    }

    synchronized boolean isDone() {
      return done;
    }

    void cancel() {
      synchronized (this) {
        done = true;
      }
      cancel.get().run();
    }
  }

  static Map<String, Object> payload(ReleaseTimeline.Event event) {
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("id", event.id());
    payload.put("releaseId", event.releaseId());
    payload.put("type", event.type());
    payload.put("at", event.at().toString());
    payload.putAll(event.data());
    return payload;
  }
}
