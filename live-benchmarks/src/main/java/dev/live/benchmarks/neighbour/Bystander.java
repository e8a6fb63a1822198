package dev.live.benchmarks.neighbour;

import dev.live.examples.board.TaskQuery;
import dev.live.examples.board.Task_;
import dev.live.query.QueryJson;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * The bystander of the noisy-neighbour benchmark, in a process of its own: a signed-in user of
 * another team than the attacker's, subscribed to their board (the tasks by position, with the
 * assignee), who updates one of its tasks every 200 ms with a {@code mutate} and times it, from
 * just before the send to the first delta that shows it. Each update sets the task's {@code
 * revision} to a number of its own (from 1,000,000 up), so a delta showing revision r answers
 * every update up to r still waiting (a delta may carry several, coalesced).
 *
 * <p>Arguments: uri, token. Prints {@code READY} once subscribed, then takes lines on stdin:
 * {@code START} resets the counts, {@code STOP} prints {@code RESULT count=... missing=...
 * failures=... histogram=...} (missing: updates without a delta after 5 s; the histogram of
 * latencies in microseconds, HdrHistogram's compressed form in base64), {@code EXIT} ends.
 */
public final class Bystander {
  private static final long FIRST_REVISION = 1_000_000;
  private static final Pattern REVISION = Pattern.compile("\"revision\":(\\d{7,})");
  private static final long MISSING_NANOS = TimeUnit.SECONDS.toNanos(5);

  private final Recorder latencies = new Recorder(3);
  /** Revision → when its update was sent (System.nanoTime()). */
  private final ConcurrentSkipListMap<Long, Long> waiting = new ConcurrentSkipListMap<>();
  private final AtomicLong missing = new AtomicLong();
  private final AtomicLong failures = new AtomicLong();
  private final AtomicReference<String> firstFailure = new AtomicReference<>();
  private final CompletableFuture<Void> subscribed = new CompletableFuture<>();

  private Bystander() {}

  public static void main(String[] args) throws Exception {
    new Bystander().run(URI.create(args[0]), args[1]);
  }

  private void run(URI uri, String token) throws Exception {
    WireClient client = WireClient.open(uri, token, "bystander", this::onMessage);
    String query = QueryJson.encode(TaskQuery.where(Task_.boardId.eq(NeighbourData.BYSTANDER_BOARD))
        .orderBy(Task_.position.asc()).include(Task_.assignee).spec());
    client.send("{\"type\":\"subscribe\",\"id\":\"calm\",\"query\":" + query + "}");
    subscribed.get(30, TimeUnit.SECONDS);
    ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    AtomicLong seq = new AtomicLong();
    timer.scheduleAtFixedRate(() -> {
      long n = seq.incrementAndGet();
      long revision = FIRST_REVISION + n;
      waiting.put(revision, System.nanoTime());
      client.send("{\"type\":\"mutate\",\"id\":\"m" + n + "\",\"seq\":" + n + ",\"op\":\"update\",\"collection\":\"tasks\","
          + "\"key\":\"" + NeighbourData.BYSTANDER_TASK + "\",\"value\":{\"title\":\"Calm " + n + "\",\"revision\":"
          + revision + "}}");
    }, 200, 200, TimeUnit.MILLISECONDS);
    // Clients ping more often than the server's idle timeout (2 min by default).
    timer.scheduleAtFixedRate(() -> client.send("{\"type\":\"ping\",\"id\":\"p\"}"), 30, 30, TimeUnit.SECONDS);
    System.out.println("READY");
    System.out.flush();
    BufferedReader commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    for (String line = commands.readLine(); line != null; line = commands.readLine()) {
      switch (line.trim()) {
        case "START" -> {
          latencies.reset();
          missing.set(0);
          failures.set(0);
        }
        case "STOP" -> {
          long now = System.nanoTime();
          for (Map.Entry<Long, Long> entry : waiting.entrySet()) {
            if (now - entry.getValue() > MISSING_NANOS && waiting.remove(entry.getKey()) != null) {
              missing.incrementAndGet();
            }
          }
          Histogram histogram = latencies.getIntervalHistogram();
          ByteBuffer encoded = ByteBuffer.allocate(histogram.getNeededByteBufferCapacity());
          histogram.encodeIntoCompressedByteBuffer(encoded);
          System.out.printf(Locale.ROOT, "RESULT count=%d missing=%d failures=%d first=%s histogram=%s%n",
              histogram.getTotalCount(), missing.get(), failures.get(),
              firstFailure.get() == null ? "-" : firstFailure.get().replace(' ', '_'),
              Base64.getEncoder().encodeToString(Arrays.copyOf(encoded.array(), encoded.position())));
          System.out.flush();
        }
        case "EXIT" -> {
          timer.shutdownNow();
          client.close();
          System.exit(0);
        }
        default -> { }
      }
      if (client.closed.isDone()) {
        System.err.println("bystander: the connection closed: " + client.closed.getNow(""));
      }
    }
  }

  private void onMessage(String text) {
    long now = System.nanoTime();
    if (text.startsWith("{\"type\":\"delta\"") || text.startsWith("{\"type\":\"snapshot\"")) {
      subscribed.complete(null);
      long newest = -1;
      Matcher matcher = REVISION.matcher(text);
      while (matcher.find()) {
        newest = Math.max(newest, Long.parseLong(matcher.group(1)));
      }
      if (newest >= 0) {
        Map<Long, Long> answered = waiting.headMap(newest, true);
        for (Map.Entry<Long, Long> entry : answered.entrySet()) {
          if (waiting.remove(entry.getKey()) != null) {
            latencies.recordValue(Math.max(0, (now - entry.getValue()) / 1_000));
          }
        }
      }
    } else if (text.startsWith("{\"type\":\"ack\"") && text.contains("\"status\":\"applied\"")
        || text.startsWith("{\"type\":\"pong\"")) {
      return;
    } else {
      failures.incrementAndGet();
      if (firstFailure.compareAndSet(null, text.length() > 200 ? text.substring(0, 200) : text)) {
        System.err.println("bystander: " + text);
      }
      if (!subscribed.isDone()) {
        subscribed.completeExceptionally(new IllegalStateException("the subscription was refused: " + text));
      }
    }
  }
}
