package io.rollgate.engine.internal.http;

import static io.rollgate.engine.internal.http.Routes.VERSION;
import static io.rollgate.engine.internal.http.Routes.decode;
import static io.rollgate.engine.internal.http.Routes.done;
import static io.rollgate.engine.internal.http.Routes.json;
import static io.rollgate.engine.internal.http.Routes.noContent;

import io.rollgate.engine.internal.api.Views;
import io.rollgate.engine.internal.processor.Command;
import io.rollgate.engine.internal.processor.CommandProcessor;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.IntSupplier;

/** The cluster and the engine itself: topology, status and health, the engine clock, purge. */
final class ClusterRoutes {
  private final CommandProcessor processor;
  private final IntSupplier port;

  ClusterRoutes(CommandProcessor processor, IntSupplier port) {
    this.processor = processor;
    this.port = port;
  }

  void register(Router router) {
    router.add("GET", "/v2/topology", req -> topology());
    router.add("PUT", "/v2/clock", this::pinClock);
    router.add("POST", "/v2/clock/reset", this::resetClock);
    router.add(
        "GET",
        "/actuator/clock",
        req -> json(processor.read(s -> Views.clock(processor.clock().millis()))));
    router.add("POST", "/actuator/clock/add", this::addClock);
    router.add(
        "DELETE", "/actuator/clock", req -> json(processor.submit(new Command.ResetClock())));
    router.add(
        "POST", "/actuator/cluster/purge", req -> json(processor.submit(new Command.Purge())));
    router.add("GET", "/v2/status", req -> done(Response.noContent()));
    router.add("GET", "/actuator/health", req -> done(Response.json(Map.of("status", "UP"))));
  }

  /**
   * Answered at once, as a gateway answers it, not queued behind commands: a long evaluation on the
   * processor does not make the engine look down. Once the engine has stopped after a failure it is
   * queued like any request and gets the 503 that says why.
   */
  private CompletableFuture<Response> topology() {
    if (processor.failure().isPresent()) {
      return json(processor.read(s -> topology(s.changeId)));
    }
    return CompletableFuture.completedFuture(Response.json(topology(processor.completedChanges())));
  }

  private Map<String, Object> topology(long lastCompletedChangeId) {
    Map<String, Object> partition = Map.of("partitionId", 1, "role", "leader", "health", "healthy");
    Map<String, Object> broker =
        Map.of(
            "nodeId",
            0,
            "host",
            "127.0.0.1",
            "port",
            port.getAsInt(),
            "version",
            VERSION,
            "partitions",
            List.of(partition));
    return Map.of(
        "brokers",
        List.of(broker),
        "clusterSize",
        1,
        "partitionsCount",
        1,
        "replicationFactor",
        1,
        "gatewayVersion",
        VERSION,
        "lastCompletedChangeId",
        Long.toString(lastCompletedChangeId));
  }

  private CompletableFuture<Response> pinClock(Request request) throws IOException {
    Requests.PinClock body = decode(request, Requests.PinClock.class);
    if (body.timestamp() == null || body.timestamp() < 0) {
      throw HttpError.badRequest(
          "timestamp is required: the instant to pin the clock at, in epoch milliseconds.");
    }
    return noContent(processor.submit(new Command.PinClock(body.timestamp())));
  }

  private CompletableFuture<Response> resetClock(Request request) {
    return noContent(processor.submit(new Command.ResetClock()));
  }

  private CompletableFuture<Response> addClock(Request request) throws IOException {
    Requests.AddClock body = decode(request, Requests.AddClock.class);
    if (body.offsetMilli() == null) {
      throw HttpError.badRequest(
          "offsetMilli is required: how far to move the clock, in milliseconds.");
    }
    return json(processor.submit(new Command.AdvanceClock(body.offsetMilli())));
  }
}
