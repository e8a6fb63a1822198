package dev.live.storage;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The nodes serving one database: each node keeps a row of {@code live_nodes} with a heartbeat,
 * and sees as live the nodes whose heartbeat is recent. Times are the database's clock, never a
 * node's, so nodes whose clocks differ still agree on who is live. A node that stops cleanly
 * removes its row; one that dies is dropped by the others once its heartbeat is older than the
 * timeout. On embedded H2 the one process is the one node, and the same rows say so.
 */
public final class NodeRegistry implements AutoCloseable {
  /** How often a node writes its heartbeat. */
  public static final Duration HEARTBEAT = Duration.ofSeconds(2);
  /** How old a heartbeat may be for its node to count as live: several missed heartbeats. */
  public static final Duration TIMEOUT = Duration.ofSeconds(10);

  private static final Logger log = LoggerFactory.getLogger(NodeRegistry.class);

  private final Store store;
  private final String id;
  private final ScheduledExecutorService heartbeats;
  private final AtomicBoolean closed = new AtomicBoolean();
  private volatile List<String> live;
  private volatile long failedSince;

  private NodeRegistry(Store store, String id, ScheduledExecutorService heartbeats) {
    this.store = store;
    this.id = id;
    this.heartbeats = heartbeats;
  }

  /**
   * Registers node {@code id} in {@code store}'s database and keeps its heartbeat on {@code
   * heartbeats}, which the registry owns and shuts down at {@link #close()}: the server passes a
   * scheduler whose errors are fatal, since a node that stopped beating is dead to the others
   * while it still serves. A row left by an earlier run under the same id is taken over: two
   * running nodes must not share an id.
   */
  public static NodeRegistry join(Store store, String id, ScheduledExecutorService heartbeats) {
    NodeRegistry registry = new NodeRegistry(Objects.requireNonNull(store, "store"), Objects.requireNonNull(id, "id"),
        Objects.requireNonNull(heartbeats, "heartbeats"));
    try {
      registry.beat();
    } catch (RuntimeException e) {
      heartbeats.shutdownNow();
      throw e;
    }
    long period = HEARTBEAT.toMillis();
    registry.heartbeats.scheduleWithFixedDelay(registry::beatQuietly, period, period, TimeUnit.MILLISECONDS);
    return registry;
  }

  /** This node's id. */
  public String id() {
    return id;
  }

  /** The ids of the live nodes, this one included, in order, as of the last heartbeat. */
  public List<String> liveNodes() {
    return live;
  }

  /** Stops the heartbeat and removes this node's row; the other nodes see it gone at once. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    heartbeats.shutdownNow();
    try {
      heartbeats.awaitTermination(5, TimeUnit.SECONDS);
      store.read("leaving the nodes", sql -> {
        try (PreparedStatement delete = sql.prepare("DELETE FROM " + SqlNames.NODES + " WHERE id = ?")) {
          delete.setString(1, id);
          delete.executeUpdate();
        }
        sql.connection().commit();
        return null;
      });
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      log.warn("node {} could not remove its row; the other nodes drop it after {} s", id, TIMEOUT.toSeconds(), e);
    }
  }

  private void beatQuietly() {
    try {
      beat();
      failedSince = 0;
    } catch (RuntimeException e) {
      long now = System.nanoTime();
      if (failedSince == 0) {
        failedSince = now;
        log.warn("node {} could not write its heartbeat; trying again every {} s", id, HEARTBEAT.toSeconds(), e);
      } else if (now - failedSince > TIMEOUT.toNanos()) {
        failedSince = now; // once per timeout while it lasts: the other nodes may count this one dead
        log.warn("node {} has not written its heartbeat for {} s: the other nodes count it as gone", id,
            TIMEOUT.toSeconds(), e);
      }
    }
  }

  /** Writes the heartbeat (the row again, if another node dropped it), drops dead nodes, reads the live ones. */
  private void beat() {
    live = store.read("writing the node heartbeat", sql -> {
      String now = store.context().dialect().clockMillisSql();
      long timeout = TIMEOUT.toMillis();
      try (PreparedStatement update = sql.prepare("UPDATE " + SqlNames.NODES + " SET heartbeat_at = " + now
          + " WHERE id = ?")) {
        update.setString(1, id);
        if (update.executeUpdate() == 0) {
          try (PreparedStatement insert = sql.prepare("INSERT INTO " + SqlNames.NODES
              + " (id, started_at, heartbeat_at) VALUES (?, " + now + ", " + now + ")")) {
            insert.setString(1, id);
            insert.executeUpdate();
          }
        }
      }
      try (PreparedStatement sweep = sql.prepare("DELETE FROM " + SqlNames.NODES + " WHERE heartbeat_at < "
          + now + " - ?")) {
        sweep.setLong(1, timeout);
        sweep.executeUpdate();
      }
      sql.connection().commit();
      List<String> ids = new ArrayList<>();
      try (PreparedStatement select = sql.prepare("SELECT id FROM " + SqlNames.NODES + " ORDER BY id");
          ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          ids.add(rows.getString(1));
        }
      }
      return List.copyOf(ids);
    });
  }
}
