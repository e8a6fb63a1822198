package dev.live.examples.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What a user who is not part of an attack sees while it runs: a writer changes one task's title
 * every 200 ms ({@code tick <n>}), a reader subscribed to the task's board records when each tick
 * arrives, and {@code /live/health} is polled every 250 ms. {@link #checkpoint} then checks that
 * every tick written so far arrived, or was overtaken by a later one (the engine may fold two
 * quick changes of a row into one delta), within a bound, and that health never failed.
 */
final class BystanderProbe implements AutoCloseable {
  private static final long WRITE_PERIOD_MILLIS = 200;
  private static final long HEALTH_PERIOD_MILLIS = 250;

  private final ServerProcess server;
  private final String taskId;
  private final WsClient writer;
  private final WsClient reader;
  private final ScheduledExecutorService timer = Executors.newScheduledThreadPool(2, runnable -> {
    Thread thread = new Thread(runnable, "bystander-probe");
    thread.setDaemon(true);
    return thread;
  });
  /** Tick → when it was sent, in {@link System#nanoTime()}. */
  private final Map<Integer, Long> sent = new ConcurrentHashMap<>();
  /** Tick → when the reader first saw it. */
  private final ConcurrentSkipListMap<Integer, Long> arrived = new ConcurrentSkipListMap<>();
  private final AtomicInteger ticks = new AtomicInteger();
  private final AtomicInteger resets = new AtomicInteger();
  private final List<String> problems = java.util.Collections.synchronizedList(new ArrayList<>());
  private final AtomicInteger healthPolls = new AtomicInteger();
  /** The first tick {@link #checkpoint} has not checked yet. */
  private int checkedUpTo = 1;

  /** Subscribes {@code readerToken}'s user to {@code boardId}'s tasks; {@code writerToken}'s user writes {@code taskId}. */
  BystanderProbe(ServerProcess server, String readerToken, String writerToken, String boardId, String taskId) {
    this.server = server;
    this.taskId = taskId;
    this.reader = WsClient.connect(URI.create(server.uri("/live") + "?token=" + readerToken));
    reader.hello("bystander-reader");
    JsonNode snapshot = reader.subscribe("s1", "{\"collection\":\"tasks\",\"where\":{\"op\":\"eq\",\"field\":"
        + "\"boardId\",\"value\":\"" + boardId + "\"}}");
    assertThat(snapshot.path("type").asText()).as("%s", snapshot).isEqualTo("snapshot");
    reader.observe(this::observed); // from now on a snapshot is a reset
    this.writer = WsClient.connect(URI.create(server.uri("/live") + "?token=" + writerToken));
    writer.hello("bystander-writer");
  }

  void start() {
    timer.scheduleAtFixedRate(this::write, 0, WRITE_PERIOD_MILLIS, TimeUnit.MILLISECONDS);
    timer.scheduleWithFixedDelay(this::pollHealth, 0, HEALTH_PERIOD_MILLIS, TimeUnit.MILLISECONDS);
  }

  private void write() {
    int tick = ticks.incrementAndGet();
    try {
      sent.put(tick, System.nanoTime());
      writer.send(WsClient.mutation("w" + tick, tick, "update", "tasks", "\"" + taskId + "\"",
          "{\"title\":\"tick " + tick + "\"}"));
    } catch (RuntimeException e) {
      problems.add("tick " + tick + " could not be sent: " + e);
    }
  }

  private void pollHealth() {
    try {
      String health = server.health();
      healthPolls.incrementAndGet();
      if (!health.startsWith("200 ")) {
        problems.add("health: " + health);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** On the reader's connection thread: the ticks a delta or snapshot of the task carries. */
  private void observed(JsonNode message) {
    if (!message.path("id").asText().equals("s1")) {
      return;
    }
    long now = System.nanoTime();
    if (message.path("type").asText().equals("delta")) {
      for (JsonNode change : message.path("changes")) {
        tickOf(change.path("row")).ifPresent(tick -> arrived.putIfAbsent(tick, now));
      }
    } else if (message.path("type").asText().equals("snapshot")) {
      resets.incrementAndGet();
      for (JsonNode row : message.path("rows")) {
        tickOf(row).ifPresent(tick -> arrived.putIfAbsent(tick, now));
      }
    }
  }

  private java.util.Optional<Integer> tickOf(JsonNode row) {
    String title = row.path("title").asText();
    if (!row.path("id").asText().equals(taskId) || !title.startsWith("tick ")) {
      return java.util.Optional.empty();
    }
    return java.util.Optional.of(Integer.parseInt(title.substring("tick ".length())));
  }

  /**
   * Checks the ticks written since the last checkpoint: each arrived, or a later one did, within
   * {@code bound} of its sending; health never failed; and the reader was never sent a reset
   * (deltas dropped for it). Returns the latencies checked, in milliseconds, sorted.
   */
  long[] checkpoint(String phase, Duration bound) {
    int last = ticks.get();
    await().atMost(bound.plusSeconds(5)).pollInterval(Duration.ofMillis(50)).untilAsserted(() ->
        assertThat(arrived.ceilingKey(last)).as("%s: tick %d or a later one reached the bystander", phase, last)
            .isNotNull());
    long[] latencies = new long[last - checkedUpTo + 1];
    for (int tick = checkedUpTo; tick <= last; tick++) {
      Map.Entry<Integer, Long> first = arrived.ceilingEntry(tick);
      for (Map.Entry<Integer, Long> later : arrived.tailMap(tick).entrySet()) {
        if (later.getValue() < first.getValue()) {
          first = later; // the earliest arrival of this tick or one after it
        }
      }
      latencies[tick - checkedUpTo] = TimeUnit.NANOSECONDS.toMillis(first.getValue() - sent.get(tick));
    }
    checkedUpTo = last + 1;
    java.util.Arrays.sort(latencies);
    assertThat(problems).as("%s: what went wrong for the bystander", phase).isEmpty();
    assertThat(resets.get()).as("%s: reset snapshots the bystander got (its deltas were dropped)", phase).isZero();
    assertThat(latencies.length == 0 ? 0 : latencies[latencies.length - 1])
        .as("%s: the slowest tick's delivery, in ms (every latency: %s)", phase, java.util.Arrays.toString(latencies))
        .isLessThanOrEqualTo(bound.toMillis());
    assertThat(healthPolls.get()).as("health was polled").isPositive();
    return latencies;
  }

  /** Acks of the writer that did not say applied. */
  List<JsonNode> writesNotApplied() {
    return writer.received().stream().filter(m -> m.path("type").asText().equals("ack"))
        .filter(m -> !m.path("status").asText().equals("applied")).toList();
  }

  @Override
  public void close() {
    timer.shutdownNow();
    try {
      timer.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    writer.close();
    reader.close();
  }
}
