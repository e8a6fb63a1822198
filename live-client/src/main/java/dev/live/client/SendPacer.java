package dev.live.client;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * Keeps a client under the server's message rate (which {@code welcome} states): messages go out
 * at once while the client has tokens, and wait in order otherwise. Without it a client
 * re-sending hundreds of subscriptions and writes after a reconnect would be refused or, for a
 * write, have its connection ended, again and again. Runs on the client's loop thread only.
 */
final class SendPacer {
  /** Below the server's figures, so that timing differences between the two never tip it over. */
  private static final double MARGIN = 0.9;

  private final Consumer<String> wire;
  private final BiConsumer<Runnable, Long> later;
  private final Deque<String> queue = new ArrayDeque<>();
  private double perSecond;
  private double burst;
  private double tokens;
  private long refilledAt;
  private boolean drainScheduled;

  /**
   * @param wire sends a message on the current connection
   * @param later runs a task on the loop after a delay in nanoseconds
   */
  SendPacer(Consumer<String> wire, BiConsumer<Runnable, Long> later) {
    this.wire = wire;
    this.later = later;
  }

  /** A new connection, not limited until its welcome says how: what waited for the old one is dropped. */
  void unlimited() {
    queue.clear();
    perSecond = 0;
  }

  /** The connection's rate: {@code perSecond} messages a second, bursts of {@code burst}; one was the hello. */
  void limit(int perSecond, int burst) {
    this.perSecond = perSecond * MARGIN;
    this.burst = Math.max(1, Math.floor(burst * MARGIN) - 1);
    this.tokens = this.burst;
    this.refilledAt = System.nanoTime();
  }

  void send(String text) {
    if (perSecond <= 0) {
      wire.accept(text);
      return;
    }
    queue.addLast(text);
    drain();
  }

  /** Messages waiting for a token. */
  int waiting() {
    return queue.size();
  }

  private void drain() {
    long now = System.nanoTime();
    tokens = Math.min(burst, tokens + (now - refilledAt) / 1e9 * perSecond);
    refilledAt = now;
    while (!queue.isEmpty() && tokens >= 1) {
      tokens -= 1;
      wire.accept(queue.pollFirst());
    }
    if (!queue.isEmpty() && !drainScheduled) {
      drainScheduled = true;
      long delay = (long) Math.ceil((1 - tokens) / perSecond * 1e9);
      later.accept(() -> {
        drainScheduled = false;
        if (perSecond > 0) {
          drain();
        }
      }, Math.max(1_000_000L, delay));
    }
  }
}
