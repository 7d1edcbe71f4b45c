package io.rollgate.engine;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * {@code java -jar rollgate-engine-exec.jar --port 8088 --data-dir DIR}: runs the engine until it
 * is stopped (SIGTERM or Ctrl-C), printing the REST address.
 */
public final class EngineMain {
  private EngineMain() {}

  public static void main(String[] args) throws InterruptedException {
    int port = 8088;
    Path dataDir = Path.of("rollgate-data");
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      String value = i + 1 < args.length ? args[i + 1] : null;
      switch (arg) {
        case "--port" -> port = parsePort(require(arg, value));
        case "--data-dir" -> dataDir = Path.of(require(arg, value));
        case "--help", "-h" -> {
          System.out.println("usage: rollgate-engine [--port PORT] [--data-dir DIR]");
          return;
        }
        default ->
            fail(
                "unknown option '"
                    + arg
                    + "'; usage: rollgate-engine [--port PORT] [--data-dir DIR]");
      }
      i++;
    }
    RollgateEngine engine =
        RollgateEngine.builder().port(port).dataDirectory(dataDir).build().start();
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
            + dataDir.toAbsolutePath()
            + ")");
    stopped.await();
  }

  private static String require(String option, String value) {
    if (value == null) {
      fail(option + " needs a value");
    }
    return value;
  }

  private static int parsePort(String value) {
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      fail("--port needs a number, got '" + value + "'");
      return -1;
    }
  }

  private static void fail(String message) {
    System.err.println("rollgate-engine: " + message);
    System.exit(2);
  }
}
