package io.rollgate.sandbox.launchdarkly;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.rollgate.sandbox.SimJson;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * What the server-side SDKs of each environment have been told: the published flags (served by
 * polling and by a new stream's {@code put}) and the open streams, which get a {@code patch} event
 * per change. While paused, changes are not published at all, as if LaunchDarkly's delivery were
 * stuck; resuming publishes the current state to everyone with a fresh {@code put}.
 */
final class SdkFeed {

  /** A stream's end marker. */
  static final String CLOSE = "\u0000close";

  private final Map<String, Map<String, ObjectNode>> published = new HashMap<>();
  private final Map<String, Set<BlockingQueue<String>>> streams = new HashMap<>();
  private boolean paused;

  /** Publishes one flag's new SDK representation to an environment (by environment id). */
  synchronized void publish(String environmentId, String flagKey, ObjectNode sdkFlag) {
    if (paused) {
      return;
    }
    published.computeIfAbsent(environmentId, k -> new LinkedHashMap<>()).put(flagKey, sdkFlag);
    ObjectNode data = SimJson.object().put("path", "/flags/" + flagKey);
    data.set("data", sdkFlag);
    send(environmentId, "patch", data);
  }

  /** Opens a stream whose first event is a {@code put} of everything published so far. */
  synchronized BlockingQueue<String> subscribe(String environmentId) {
    BlockingQueue<String> queue = new LinkedBlockingQueue<>();
    queue.add(event("put", putData(environmentId)));
    streams.computeIfAbsent(environmentId, k -> ConcurrentHashMap.newKeySet()).add(queue);
    return queue;
  }

  synchronized void unsubscribe(String environmentId, BlockingQueue<String> queue) {
    Set<BlockingQueue<String>> set = streams.get(environmentId);
    if (set != null) {
      set.remove(queue);
    }
  }

  synchronized int openStreams() {
    return streams.values().stream().mapToInt(Set::size).sum();
  }

  /** The polling answer: {@code {"flags":{...},"segments":{}}}. */
  synchronized ObjectNode allData(String environmentId) {
    ObjectNode all = SimJson.object();
    ObjectNode flags = all.putObject("flags");
    published.getOrDefault(environmentId, Map.of()).forEach(flags::set);
    all.putObject("segments");
    return all;
  }

  synchronized void pause() {
    paused = true;
  }

  /** Ends the pause with the environments' current flags and sends each stream a new put. */
  synchronized void resume(Map<String, Map<String, ObjectNode>> current) {
    paused = false;
    published.clear();
    current.forEach((env, flags) -> published.put(env, new LinkedHashMap<>(flags)));
    streams.keySet().forEach(env -> send(env, "put", putData(env)));
  }

  synchronized void closeAll() {
    streams.values().forEach(set -> set.forEach(q -> q.add(CLOSE)));
    streams.clear();
  }

  private ObjectNode putData(String environmentId) {
    ObjectNode data = SimJson.object().put("path", "/");
    data.set("data", allData(environmentId));
    return data;
  }

  private void send(String environmentId, String eventName, ObjectNode data) {
    String event = event(eventName, data);
    streams.getOrDefault(environmentId, Set.of()).forEach(q -> q.add(event));
  }

  private static String event(String name, ObjectNode data) {
    return "event: " + name + "\ndata: " + data + "\n\n";
  }
}
