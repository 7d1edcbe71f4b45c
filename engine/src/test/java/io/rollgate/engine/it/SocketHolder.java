package io.rollgate.engine.it;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;

/**
 * A careless client in a process of its own: opens idle connections to the engine, says how many it
 * holds on one line, and keeps them open until its standard input closes.
 */
final class SocketHolder {
  private SocketHolder() {}

  public static void main(String[] args) throws IOException {
    List<Socket> held = open(args[0], Integer.parseInt(args[1]), Integer.parseInt(args[2]));
    System.out.println("held " + held.size());
    System.out.flush();
    while (System.in.read() != -1) {
      // keep holding until the test lets go
    }
    closeAll(held);
  }

  /**
   * Opens up to {@code count} connections; a connect the engine does not take counts as not held.
   */
  static List<Socket> open(String host, int port, int count) {
    List<Socket> held = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      Socket socket = new Socket();
      try {
        socket.connect(new InetSocketAddress(host, port), 1_000);
        held.add(socket);
      } catch (IOException refused) {
        closeQuietly(socket);
      }
    }
    return held;
  }

  static void closeAll(List<Socket> sockets) {
    sockets.forEach(SocketHolder::closeQuietly);
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException ignored) {
      // closing a socket the engine already dropped
    }
  }
}
