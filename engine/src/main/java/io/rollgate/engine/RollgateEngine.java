package io.rollgate.engine;

import io.rollgate.engine.http.RestServer;
import io.rollgate.engine.journal.Journal;
import io.rollgate.engine.journal.SnapshotStore;
import io.rollgate.engine.processor.CommandProcessor;
import io.rollgate.engine.processor.EngineClock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;

/**
 * Rollgate's embedded engine: runs BPMN processes and speaks the Camunda 8 REST API (v2) on
 * loopback, so that {@code camunda-client-java} and its job workers talk to it as to a cluster.
 *
 * <pre>{@code
 * try (RollgateEngine engine = RollgateEngine.builder().dataDirectory(dir).build().start()) {
 *   CamundaClient client = CamundaClient.newClientBuilder()
 *       .restAddress(engine.restAddress()).preferRestOverGrpc(true).build();
 * }
 * }</pre>
 *
 * <p>Every acknowledged command is durable in the data directory; starting again on the same
 * directory rebuilds the state. Not thread-safe to start or close concurrently.
 */
public final class RollgateEngine implements AutoCloseable {
  private final String host;
  private final int requestedPort;
  private final Path dataDirectory;
  private final Clock clock;
  private final long snapshotEvery;
  private CommandProcessor processor;
  private RestServer server;

  private RollgateEngine(Builder builder) {
    this.host = builder.host;
    this.requestedPort = builder.port;
    this.dataDirectory = builder.dataDirectory;
    this.clock = builder.clock;
    this.snapshotEvery = builder.snapshotEvery;
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Rebuilds state from the data directory and starts serving.
   *
   * @return this engine
   * @throws UncheckedIOException when the data directory or the port cannot be used
   * @throws IllegalStateException when already started
   */
  public RollgateEngine start() {
    if (processor != null) {
      throw new IllegalStateException("the engine is already started");
    }
    try {
      Files.createDirectories(dataDirectory);
      processor =
          new CommandProcessor(
              Journal.open(dataDirectory.resolve("journal")),
              SnapshotStore.open(dataDirectory.resolve("snapshots")),
              snapshotEvery,
              new EngineClock(clock));
      server = new RestServer(host, requestedPort, processor);
    } catch (IOException e) {
      close();
      throw new UncheckedIOException("cannot start the engine on " + host + ":" + requestedPort, e);
    }
    return this;
  }

  /** The bound port; valid once started. */
  public int port() {
    return server.port();
  }

  /** The REST address to give the client ({@code camunda.client.rest-address}). */
  public URI restAddress() {
    return URI.create("http://" + host + ":" + port());
  }

  /** Stops serving, then flushes and closes the journal. Safe to call more than once. */
  @Override
  public void close() {
    if (server != null) {
      server.close();
      server = null;
    }
    if (processor != null) {
      processor.close();
      processor = null;
    }
  }

  /** Options of an engine; defaults: loopback, a free port, the system clock. */
  public static final class Builder {
    private String host = "127.0.0.1";
    private int port;
    private Path dataDirectory;
    private Clock clock = Clock.systemUTC();
    private long snapshotEvery = 100_000;

    private Builder() {}

    /**
     * How many journal records between state snapshots (default 100,000): fewer means a faster
     * start-up and more snapshot writes.
     */
    public Builder snapshotEvery(long records) {
      if (records < 1) {
        throw new IllegalArgumentException("snapshotEvery must be at least 1, was " + records);
      }
      this.snapshotEvery = records;
      return this;
    }

    /** The TCP port; 0 (the default) picks a free one. */
    public Builder port(int port) {
      if (port < 0 || port > 65_535) {
        throw new IllegalArgumentException("port must be 0..65535, was " + port);
      }
      this.port = port;
      return this;
    }

    /** The interface to bind; loopback by default. */
    public Builder host(String host) {
      this.host = Objects.requireNonNull(host);
      return this;
    }

    /** Where the journal lives; required. */
    public Builder dataDirectory(Path dataDirectory) {
      this.dataDirectory = Objects.requireNonNull(dataDirectory);
      return this;
    }

    /** The base clock of the engine time (timers, deadlines, dates). */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock);
      return this;
    }

    /**
     * @throws IllegalStateException when no data directory was given
     */
    public RollgateEngine build() {
      if (dataDirectory == null) {
        throw new IllegalStateException(
            "a data directory is required: builder().dataDirectory(path)");
      }
      return new RollgateEngine(this);
    }
  }
}
