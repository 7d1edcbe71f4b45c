package io.rollgate.engine;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code java -jar rollgate-engine-exec.jar --port 8088 --data-dir DIR}: runs the engine until it
 * is stopped (SIGTERM or Ctrl-C), printing the REST address. Secrets come from options or from the
 * environment ({@code ROLLGATE_ENGINE_USERNAME}, {@code _PASSWORD}, {@code _TOKEN}) and are never
 * printed. Exit code 2: bad options, or the engine refused the configuration; exit code 1: the data
 * directory cannot be used, or the engine stopped after a failure it cannot go on from.
 */
public final class EngineMain {
  static final String USAGE =
      "usage: rollgate-engine [--host ADDRESS] [--port PORT] [--data-dir DIR]"
          + " [--username NAME --password SECRET | --client-id ID --client-secret SECRET]"
          + " [--token TOKEN] [--max-queued-commands N] [--history-ttl DURATION]"
          + " [--max-connections N] [--idle-timeout DURATION] [--request-read-timeout DURATION]"
          + " [--max-request-size BYTES] [--max-json-size BYTES] [--allowed-hosts NAME,...]"
          + " [--evaluation-timeout DURATION] [--evaluation-memory BYTES]"
          + " [--max-activations-per-command N] [--max-queued-request-bytes BYTES]";

  private EngineMain() {}

  /** Options the command line or the environment got wrong; the message is one line. */
  static final class UsageException extends Exception {
    UsageException(String message) {
      super(message);
    }
  }

  /** What the command line asks for. */
  record Options(RollgateEngine.Builder builder, Path dataDir, boolean help) {}

  public static void main(String[] args) throws InterruptedException {
    Options options;
    try {
      options = parse(args, System.getenv());
    } catch (UsageException e) {
      fail(e.getMessage());
      return;
    }
    if (options.help()) {
      System.out.println(USAGE);
      return;
    }
    RollgateEngine engine;
    try {
      engine = options.builder().onFailure(EngineMain::stopAfterFailure).build().start();
    } catch (IllegalStateException | IllegalArgumentException e) {
      fail(e.getMessage());
      return;
    } catch (UncheckedIOException e) {
      System.err.println("rollgate-engine: " + oneLine(e));
      System.exit(1);
      return;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  engine.close();
                  stopped.countDown();
                }));
    System.out.println(
        "rollgate engine listening on "
            + engine.restAddress()
            + " (data: "
            + options.dataDir().toAbsolutePath()
            + ", authentication: "
            + (engine.authenticationEnabled() ? "on" : "off")
            + ")");
    stopped.await();
  }

  /**
   * Reads the options; an option wins over its environment variable.
   *
   * @throws UsageException when an option is unknown, lacks a value or has a bad one
   */
  static Options parse(String[] args, Map<String, String> env) throws UsageException {
    String host = env.getOrDefault("ROLLGATE_ENGINE_HOST", "127.0.0.1");
    int port = 8088;
    Path dataDir = Path.of("rollgate-data");
    String username = env.get("ROLLGATE_ENGINE_USERNAME");
    String password = env.get("ROLLGATE_ENGINE_PASSWORD");
    String token = env.get("ROLLGATE_ENGINE_TOKEN");
    int maxQueued = -1;
    Duration historyTtl = null;
    Map<String, String> limits = new LinkedHashMap<>();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (arg.equals("--help") || arg.equals("-h")) {
        return new Options(null, dataDir, true);
      }
      String value = require(arg, i + 1 < args.length ? args[i + 1] : null);
      switch (arg) {
        case "--host" -> host = value;
        case "--port" -> port = number(arg, value);
        case "--data-dir" -> dataDir = Path.of(value);
        case "--username", "--client-id" -> username = value;
        case "--password", "--client-secret" -> password = value;
        case "--token" -> token = value;
        case "--max-queued-commands" -> maxQueued = number(arg, value);
        case "--history-ttl" -> historyTtl = duration(arg, value);
        case "--max-connections",
            "--idle-timeout",
            "--request-read-timeout",
            "--max-request-size",
            "--max-json-size",
            "--allowed-hosts",
            "--evaluation-timeout",
            "--evaluation-memory",
            "--max-activations-per-command",
            "--max-queued-request-bytes" ->
            limits.put(arg, value);
        default -> throw new UsageException("unknown option '" + arg + "'; " + USAGE);
      }
      i++;
    }
    username = blankToNull(username);
    password = blankToNull(password);
    token = blankToNull(token);
    if ((username == null) != (password == null)) {
      throw new UsageException(
          username == null
              ? "a password needs a username (--username or ROLLGATE_ENGINE_USERNAME)"
              : "a username needs a password (--password or ROLLGATE_ENGINE_PASSWORD)");
    }
    try {
      RollgateEngine.Builder builder =
          RollgateEngine.builder().host(host).port(port).dataDirectory(dataDir);
      if (username != null) {
        builder.basicAuth(username, password);
      }
      if (token != null) {
        builder.bearerToken(token);
      }
      if (historyTtl != null) {
        builder.historyRetention(historyTtl);
      }
      if (maxQueued != -1) {
        builder.maxQueuedCommands(maxQueued);
      }
      applyLimits(builder, limits);
      builder.build(); // checks the options now, so a bad one is a usage error
      return new Options(builder, dataDir, false);
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
  }

  /** The limits of the engine's Limits section, each only when given. */
  private static void applyLimits(RollgateEngine.Builder builder, Map<String, String> limits)
      throws UsageException {
    for (Map.Entry<String, String> limit : limits.entrySet()) {
      String option = limit.getKey();
      String value = limit.getValue();
      switch (option) {
        case "--max-connections" -> builder.maxConnections(number(option, value));
        case "--idle-timeout" -> builder.idleTimeout(duration(option, value));
        case "--request-read-timeout" -> builder.requestReadTimeout(duration(option, value));
        case "--allowed-hosts" -> builder.allowedHosts(List.of(value.split(",")));
        case "--max-activations-per-command" ->
            builder.maxActivationsPerCommand(number(option, value));
        case "--max-queued-request-bytes" ->
            builder.maxQueuedRequestBytes(bytes(option, value, Long.MAX_VALUE));
        default -> {}
      }
    }
    if (limits.containsKey("--max-request-size") || limits.containsKey("--max-json-size")) {
      builder.maxRequestSize(
          bytes("--max-request-size", limits.getOrDefault("--max-request-size", "16MiB")),
          bytes("--max-json-size", limits.getOrDefault("--max-json-size", "4MiB")));
    }
    if (limits.containsKey("--evaluation-timeout") || limits.containsKey("--evaluation-memory")) {
      builder.evaluationBudget(
          duration("--evaluation-timeout", limits.getOrDefault("--evaluation-timeout", "PT0.5S")),
          bytes("--evaluation-memory", limits.getOrDefault("--evaluation-memory", "256MiB")));
    }
  }

  /** A size in bytes, or with a unit, of at most 2 GiB: {@code 4MiB}, {@code 512KiB}. */
  private static int bytes(String option, String value) throws UsageException {
    return (int) bytes(option, value, Integer.MAX_VALUE);
  }

  /** A size in bytes, or with a unit: {@code 4MiB}, {@code 512KiB}, {@code 1GiB}. */
  private static long bytes(String option, String value, long max) throws UsageException {
    Matcher m = Pattern.compile("(\\d+)\\s*(KiB|MiB|GiB)?").matcher(value.strip());
    if (!m.matches()) {
      throw new UsageException(
          option + " needs a size such as 4194304, 512KiB or 4MiB, was '" + value + "'");
    }
    long unit =
        m.group(2) == null
            ? 1
            : switch (m.group(2)) {
              case "KiB" -> 1024L;
              case "MiB" -> 1024L * 1024;
              default -> 1024L * 1024 * 1024;
            };
    long size;
    try {
      size = Math.multiplyExact(Long.parseLong(m.group(1)), unit);
    } catch (ArithmeticException | NumberFormatException e) {
      size = -1;
    }
    if (size < 1 || size > max) {
      String range = max == Integer.MAX_VALUE ? "between 1 byte and 2 GiB" : "at least 1 byte";
      throw new UsageException(option + " must be " + range + ", was '" + value + "'");
    }
    return size;
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }

  private static String require(String option, String value) throws UsageException {
    if (value == null) {
      throw new UsageException(option + " needs a value");
    }
    return value;
  }

  /**
   * An ISO-8601 duration ({@code P30D}, {@code PT12H}), days ({@code 30d}), seconds ({@code 60s})
   * or milliseconds ({@code 500ms}); 0 keeps forever.
   */
  private static Duration duration(String option, String value) throws UsageException {
    try {
      Duration parsed =
          value.matches("\\d+d")
              ? Duration.ofDays(Long.parseLong(value.substring(0, value.length() - 1)))
              : value.matches("\\d+ms")
                  ? Duration.ofMillis(Long.parseLong(value.substring(0, value.length() - 2)))
                  : value.matches("\\d+s")
                      ? Duration.ofSeconds(Long.parseLong(value.substring(0, value.length() - 1)))
                      : Duration.parse(value);
      if (parsed.isNegative()) {
        throw new UsageException(option + " must not be negative, was '" + value + "'");
      }
      return parsed;
    } catch (DateTimeParseException | NumberFormatException e) {
      throw new UsageException(
          option + " needs a duration such as P30D, PT12H or 30d, was '" + value + "'");
    }
  }

  private static int number(String option, String value) throws UsageException {
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new UsageException(option + " needs a number, got '" + value + "'");
    }
  }

  /**
   * After a failure the engine cannot go on from, the process exits with code 1 so that a
   * supervisor restarts it; recovery from the journal on restart is complete.
   */
  private static void stopAfterFailure(Throwable failure) {
    System.err.println("rollgate-engine: stopped after a failure, exiting: " + failure);
    System.exit(1);
  }

  /** The messages of an exception and its causes on one line, without a stack trace. */
  static String oneLine(Throwable e) {
    StringBuilder line = new StringBuilder(String.valueOf(e.getMessage()));
    for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
      String message = cause.getMessage() == null ? cause.toString() : cause.getMessage();
      if (line.indexOf(message) < 0) {
        line.append(": ").append(message);
      }
    }
    return line.toString().replace('\n', ' ');
  }

  private static void fail(String message) {
    System.err.println("rollgate-engine: " + message);
    System.exit(2);
  }
}
