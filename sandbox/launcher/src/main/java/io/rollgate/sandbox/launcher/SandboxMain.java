package io.rollgate.sandbox.launcher;

import java.util.Arrays;
import java.util.concurrent.CountDownLatch;

/**
 * {@code java -jar rollgate-sandbox-exec.jar [options]}: runs the sandbox until the process is
 * stopped. Bad options end it with a one-line message and exit code 2.
 */
public final class SandboxMain {

  private SandboxMain() {}

  public static void main(String[] args) throws InterruptedException {
    if (Arrays.asList(args).contains("--help")) {
      System.out.println(SandboxOptions.USAGE);
      return;
    }
    SandboxOptions options;
    try {
      options = SandboxOptions.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("rollgate-sandbox: " + e.getMessage() + "; " + SandboxOptions.USAGE);
      System.exit(2);
      return;
    }
    Sandbox sandbox;
    try {
      sandbox = Sandbox.start(options);
    } catch (RuntimeException e) {
      System.err.println("rollgate-sandbox: cannot start: " + e.getMessage());
      System.exit(1);
      return;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  sandbox.close();
                  stopped.countDown();
                }));
    System.out.println("Rollgate sandbox is running; stop it with Ctrl-C.\n" + sandbox.describe());
    stopped.await();
  }
}
