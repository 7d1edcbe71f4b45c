package io.rollgate.engine;

import io.rollgate.engine.internal.feel.EvaluationBudget;
import io.rollgate.engine.internal.http.Authenticator;
import io.rollgate.engine.internal.http.HttpOptions;
import io.rollgate.engine.internal.http.RestServer;
import io.rollgate.engine.internal.journal.Journal;
import io.rollgate.engine.internal.journal.SnapshotStore;
import io.rollgate.engine.internal.processor.CommandProcessor;
import io.rollgate.engine.internal.processor.EngineClock;
import io.rollgate.engine.internal.processor.Limits;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Rollgate's embedded engine: runs BPMN processes and speaks the Camunda 8 REST API (v2), on
 * loopback unless told otherwise, so that {@code camunda-client-java} and its job workers talk to
 * it as to a cluster.
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
  private final int maxQueuedCommands;
  private final long maxQueuedRequestBytes;
  private final Duration historyRetention;
  private final Authenticator authenticator;
  private final Limits limits;
  private final Consumer<Throwable> onFailure;
  private final HttpOptions httpOptions;
  private CommandProcessor processor;
  private RestServer server;

  private RollgateEngine(Builder builder) {
    this.host = builder.host;
    this.requestedPort = builder.port;
    this.dataDirectory = builder.dataDirectory;
    this.clock = builder.clock;
    this.snapshotEvery = builder.snapshotEvery;
    this.maxQueuedCommands = builder.maxQueuedCommands;
    this.maxQueuedRequestBytes = builder.maxQueuedRequestBytes;
    this.historyRetention = builder.historyRetention;
    this.authenticator = Authenticator.of(builder.username, builder.password, builder.bearerToken);
    this.limits =
        new Limits(
            builder.evaluationTime, builder.evaluationAllocation, builder.maxActivationsPerCommand);
    this.onFailure = builder.onFailure;
    this.httpOptions =
        new HttpOptions(
            builder.maxConnections,
            builder.idleTimeout,
            builder.requestReadTimeout,
            builder.maxRequestBytes,
            builder.maxJsonBytes,
            builder.allowedHosts);
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Rebuilds state from the data directory and starts serving.
   *
   * @return this engine
   * @throws UncheckedIOException when the data directory or the port cannot be used
   * @throws IllegalStateException when already started, or when asked to listen on an address other
   *     than loopback without credentials
   */
  public RollgateEngine start() {
    if (processor != null) {
      throw new IllegalStateException("the engine is already started");
    }
    if (!authenticator.enabled() && !isLoopback(host)) {
      throw new IllegalStateException(
          "refusing to listen on "
              + host
              + " without credentials: set a username and password or a token, or bind to"
              + " 127.0.0.1");
    }
    try {
      Files.createDirectories(dataDirectory);
      processor =
          new CommandProcessor(
              Journal.open(dataDirectory.resolve("journal")),
              SnapshotStore.open(dataDirectory.resolve("snapshots")),
              snapshotEvery,
              new EngineClock(clock),
              maxQueuedCommands,
              limits,
              onFailure);
      processor.historyRetention(historyRetention);
      server =
          new RestServer(
              host, requestedPort, processor, authenticator, httpOptions, maxQueuedRequestBytes);
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
    return URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port());
  }

  /**
   * The failure that stopped the engine (the journal could not be written, the heap ran out), or
   * empty while it runs. A stopped engine answers every request with {@code 503} until it is closed
   * and started again, which recovers everything acknowledged.
   */
  public Optional<Throwable> failure() {
    CommandProcessor current = processor;
    return current == null ? Optional.empty() : current.failure();
  }

  /** Whether requests must carry credentials. */
  public boolean authenticationEnabled() {
    return authenticator.enabled();
  }

  private static boolean isLoopback(String host) {
    try {
      for (InetAddress address : InetAddress.getAllByName(host)) {
        if (!address.isLoopbackAddress()) {
          return false;
        }
      }
      return true;
    } catch (UnknownHostException e) {
      throw new UncheckedIOException("cannot resolve the host '" + host + "'", e);
    }
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
    private int maxQueuedCommands = CommandProcessor.DEFAULT_MAX_QUEUED;
    private long maxQueuedRequestBytes = RestServer.DEFAULT_MAX_QUEUED_BYTES;
    private Duration historyRetention = Duration.ZERO;
    private String username;
    private String password;
    private String bearerToken;
    private Duration evaluationTime = EvaluationBudget.DEFAULT_TIME;
    private long evaluationAllocation = EvaluationBudget.DEFAULT_ALLOCATION;
    private int maxActivationsPerCommand = Limits.DEFAULT_MAX_ACTIVATIONS;
    private Consumer<Throwable> onFailure = failure -> {};
    private int maxConnections = HttpOptions.DEFAULT_MAX_CONNECTIONS;
    private Duration idleTimeout = HttpOptions.DEFAULT_IDLE_TIMEOUT;
    private Duration requestReadTimeout = HttpOptions.DEFAULT_REQUEST_READ_TIMEOUT;
    private int maxRequestBytes = HttpOptions.DEFAULT_MAX_REQUEST_BYTES;
    private int maxJsonBytes = HttpOptions.DEFAULT_MAX_JSON_BYTES;
    private Set<String> allowedHosts = Set.of();

    private Builder() {}

    /**
     * How many connections may be open at once (default 10,000). A new connection beyond that
     * closes the one idle the longest, so idle sockets never lock clients out; when every
     * connection has a request in progress the new one is closed.
     */
    public Builder maxConnections(int max) {
      if (max < 1) {
        throw new IllegalArgumentException("maxConnections must be at least 1, was " + max);
      }
      this.maxConnections = max;
      return this;
    }

    /**
     * How long a connection without a request in progress may stay silent before it is closed
     * (default 60 s); a held job activation or awaited instance is not idle.
     */
    public Builder idleTimeout(Duration timeout) {
      this.idleTimeout = positive("idleTimeout", timeout);
      return this;
    }

    /**
     * How long a request may take to arrive completely, headers and body, after its first byte
     * (default 30 s); a slower one is answered {@code 408} and disconnected.
     */
    public Builder requestReadTimeout(Duration timeout) {
      this.requestReadTimeout = positive("requestReadTimeout", timeout);
      return this;
    }

    /**
     * Largest request bodies: any body, deployments included (default 16 MiB), and a JSON body,
     * which is what carries variables (default 4 MiB). Larger ones are answered {@code 413}.
     */
    public Builder maxRequestSize(int anyBytes, int jsonBytes) {
      if (anyBytes < 1 || jsonBytes < 1) {
        throw new IllegalArgumentException(
            "request size limits must be positive, were " + anyBytes + " and " + jsonBytes);
      }
      this.maxRequestBytes = anyBytes;
      this.maxJsonBytes = jsonBytes;
      return this;
    }

    /**
     * Host names (without port) to accept in the {@code Host} header when listening on loopback,
     * besides {@code localhost}, {@code 127.0.0.1}, {@code [::1]} and the bound address: the names
     * a local reverse proxy forwards. Any other is refused with {@code 403} (DNS rebinding).
     */
    public Builder allowedHosts(Collection<String> hosts) {
      this.allowedHosts =
          hosts.stream()
              .map(h -> h.strip().toLowerCase(Locale.ROOT))
              .collect(Collectors.toUnmodifiableSet());
      return this;
    }

    private static Duration positive(String name, Duration value) {
      if (value == null || value.isNegative() || value.isZero()) {
        throw new IllegalArgumentException(name + " must be positive, was " + value);
      }
      return value;
    }

    /**
     * Bounds one evaluation of a FEEL expression that loops or recurses ({@code for}, {@code
     * some}/{@code every}, functions, regular expressions) and of a decision: wall time (default
     * 500 ms) and bytes allocated (default 256 MiB). One that exceeds it is stopped and its element
     * gets an incident (a standalone decision evaluation fails).
     */
    public Builder evaluationBudget(Duration time, long allocationBytes) {
      new EvaluationBudget(time, allocationBytes); // checks the values
      this.evaluationTime = time;
      this.evaluationAllocation = allocationBytes;
      return this;
    }

    /**
     * How many elements one command may activate (default 100,000) before the next one gets an
     * incident: a flow that loops without a wait state stops there instead of exhausting memory.
     */
    public Builder maxActivationsPerCommand(int max) {
      if (max < 1) {
        throw new IllegalArgumentException(
            "maxActivationsPerCommand must be at least 1, was " + max);
      }
      this.maxActivationsPerCommand = max;
      return this;
    }

    /**
     * Called once, on a thread of its own, when the engine stops after a failure it cannot go on
     * from (the journal cannot be written, the heap ran out); the default does nothing. The
     * standalone engine exits with code 1 so that a supervisor restarts it.
     */
    public Builder onFailure(Consumer<Throwable> callback) {
      this.onFailure = Objects.requireNonNull(callback);
      return this;
    }

    /**
     * How long ended process instances stay in the engine's state after they ended, in engine time
     * ({@link java.time.Duration#ZERO}, the default, keeps them until purged). Older ones are
     * removed with everything that belongs to them and no longer show up in searches.
     */
    public Builder historyRetention(Duration retention) {
      if (retention == null || retention.isNegative()) {
        throw new IllegalArgumentException(
            "historyRetention must be zero (keep forever) or positive, was " + retention);
      }
      this.historyRetention = retention;
      return this;
    }

    /**
     * How many requests may wait for the processor (default 10,000); beyond that a request is
     * answered at once with {@code 503 RESOURCE_EXHAUSTED}, which clients retry after a back-off.
     */
    public Builder maxQueuedCommands(int max) {
      if (max < 1) {
        throw new IllegalArgumentException("maxQueuedCommands must be at least 1, was " + max);
      }
      this.maxQueuedCommands = max;
      return this;
    }

    /**
     * How many bytes of request bodies may wait for their answers (default 256 MiB), so that a
     * flood of large requests cannot exhaust the heap before the queue bound is reached; beyond it
     * a request is answered at once with {@code 503 RESOURCE_EXHAUSTED}. A single request larger
     * than the bound is still taken when nothing else waits.
     */
    public Builder maxQueuedRequestBytes(long bytes) {
      if (bytes < 1) {
        throw new IllegalArgumentException(
            "maxQueuedRequestBytes must be at least 1, was " + bytes);
      }
      this.maxQueuedRequestBytes = bytes;
      return this;
    }

    /**
     * Requires requests to carry these basic credentials ({@code Authorization: Basic}), as the
     * client sends them with {@code CredentialsProvider.newBasicAuthCredentialsProviderBuilder()};
     * can be combined with {@link #bearerToken(String)}, either is then accepted.
     */
    public Builder basicAuth(String username, String password) {
      this.username = Objects.requireNonNull(username);
      this.password = Objects.requireNonNull(password);
      return this;
    }

    /** Requires requests to carry this static token ({@code Authorization: Bearer <token>}). */
    public Builder bearerToken(String token) {
      this.bearerToken = Objects.requireNonNull(token);
      return this;
    }

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

    /**
     * The address to listen on; {@code 127.0.0.1} by default. Any other than loopback needs
     * credentials ({@link #basicAuth}, {@link #bearerToken}), or {@link RollgateEngine#start()}
     * refuses.
     */
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
      Authenticator.of(username, password, bearerToken); // rejects blank or malformed secrets
      return new RollgateEngine(this);
    }
  }
}
