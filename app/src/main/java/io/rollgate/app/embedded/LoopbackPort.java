package io.rollgate.app.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.random.RandomGenerator;

/**
 * A free loopback port for the embedded engine, chosen below the operating system's ephemeral
 * range. The port is chosen when the service's configuration is read and bound only when the engine
 * starts, which on a loaded machine is a minute later; a port from the ephemeral range may by then
 * be the local end of any outgoing connection on the machine, and the engine would not start
 * ("Address already in use"). Ports below that range are never handed out that way.
 */
final class LoopbackPort {

  /** Linux: the range outgoing connections and port 0 take their local port from. */
  static final Path LINUX_EPHEMERAL_RANGE = Path.of("/proc/sys/net/ipv4/ip_local_port_range");

  /** IANA's dynamic ports, where other systems take ephemeral ports from. */
  static final int IANA_EPHEMERAL_LOW = 49152;

  private static final int LOWEST = 10_000;
  private static final int ATTEMPTS = 64;

  private LoopbackPort() {}

  /** A port free now and outside the ephemeral range, or any free port when there is none. */
  static int free(RandomGenerator random) {
    int low = ephemeralLow(LINUX_EPHEMERAL_RANGE);
    for (int i = 0; i < ATTEMPTS && low > LOWEST; i++) {
      int candidate = LOWEST + random.nextInt(low - LOWEST);
      if (isFree(candidate)) {
        return candidate;
      }
    }
    return bind(0);
  }

  /** The lowest ephemeral port as the given file states it, else IANA's. */
  static int ephemeralLow(Path range) {
    try {
      // read as lines: a /proc file states no size, and reading it by its size gets one byte
      return Integer.parseInt(Files.readAllLines(range).get(0).trim().split("\\s+")[0]);
    } catch (IOException | RuntimeException e) {
      return IANA_EPHEMERAL_LOW;
    }
  }

  private static boolean isFree(int port) {
    try {
      bind(port);
      return true;
    } catch (UncheckedIOException e) {
      return false;
    }
  }

  private static int bind(int port) {
    try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free port for the embedded engine", e);
    }
  }
}
