package io.rollgate.app.release;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Signals across every service instance on one PostgreSQL database, through {@code LISTEN/NOTIFY}
 * on the channel {@value #CHANNEL} with the release id as payload. One connection per instance
 * listens; when it is lost, it is opened again and every local waiter is woken, since signals may
 * have gone by meanwhile.
 */
final class PostgresGateSignals implements GateSignals, AutoCloseable {

  static final String CHANNEL = "rollgate_release";
  private static final Logger LOG = LoggerFactory.getLogger(PostgresGateSignals.class);
  private static final Duration RECONNECT = Duration.ofSeconds(2);

  private final DataSource dataSource;
  private final LocalWaiters waiters = new LocalWaiters();
  private final Thread listener;
  private volatile boolean running = true;

  PostgresGateSignals(DataSource dataSource) {
    this.dataSource = dataSource;
    this.listener = new Thread(this::listen, "rollgate-release-signals");
    this.listener.setDaemon(true);
    this.listener.start();
  }

  @Override
  public void publish(String releaseId) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement notify = c.prepareStatement("SELECT pg_notify(?, ?)")) {
      notify.setString(1, CHANNEL);
      notify.setString(2, releaseId);
      notify.execute();
    } catch (SQLException e) {
      // Waiters on this instance still learn of it; others at their timeout or next signal.
      LOG.warn("release signal not sent release_id={}: {}", releaseId, e.toString());
      waiters.wake(releaseId);
    }
  }

  @Override
  public Runnable onNextChange(String releaseId, Runnable listener) {
    return waiters.add(releaseId, listener);
  }

  private void listen() {
    while (running) {
      try (Connection c = dataSource.getConnection()) {
        try (Statement s = c.createStatement()) {
          s.execute("LISTEN " + CHANNEL);
        }
        PGConnection pg = c.unwrap(PGConnection.class);
        waiters.wakeAll();
        while (running) {
          PGNotification[] notifications = pg.getNotifications(1000);
          if (notifications != null) {
            for (PGNotification n : notifications) {
              waiters.wake(n.getParameter());
            }
          }
        }
      } catch (SQLException e) {
        if (running) {
          LOG.warn("release signals lost their connection, listening again: {}", e.toString());
          sleep();
        }
      }
    }
  }

  private static void sleep() {
    try {
      Thread.sleep(RECONNECT.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    running = false;
    listener.interrupt();
  }
}
