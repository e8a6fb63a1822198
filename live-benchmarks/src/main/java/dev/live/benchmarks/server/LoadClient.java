package dev.live.benchmarks.server;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Recorder;

/**
 * The load client of the fan-out benchmark, run in a process of its own (as DESIGN.md asks, so
 * that the figures include its cost): opens N WebSocket connections on loopback, subscribes each
 * (in {@code live} mode) or just listens (in {@code raw} mode), and counts the messages that
 * carry a row, recording for each the delay since the row's {@code createdAt}. Driven by lines on
 * stdin: {@code START} resets the counts, {@code STOP} prints {@code RESULT ...}, {@code EXIT} ends.
 *
 * <p>In {@code live} mode a delta is one delivery, timed by the first row it carries. In {@code
 * live-each} mode (subscribed as in {@code live}) every row a delta carries is a delivery, timed
 * by its own {@code createdAt}: a delta that gathers several writes (a tail that read them in one
 * batch) then counts each, the oldest included, rather than only its first row's.
 */
public final class LoadClient {
  private static final String QUERY = "{\"collection\":\"todos\",\"where\":{\"op\":\"eq\",\"field\":\"title\",\"value\":\"hot\"}}";

  private final Recorder latencies = new Recorder(3);
  private final AtomicLong deliveries = new AtomicLong();


  public static void main(String[] args) throws Exception {
    URI uri = URI.create(args[0]);
    int clients = Integer.parseInt(args[1]);
    boolean live = args[2].startsWith("live");
    new LoadClient(args[2].equals("live-each")).run(uri, clients, live);
  }

  /** Whether each row of a delta is timed, or only its first. */
  private final boolean eachRow;

  private LoadClient(boolean eachRow) {
    this.eachRow = eachRow;
  }

  private void run(URI uri, int clients, boolean live) throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    List<CompletableFuture<Void>> ready = new ArrayList<>();
    List<WebSocket> sockets = new ArrayList<>();
    for (int i = 0; i < clients; i++) {
      CompletableFuture<Void> subscribed = new CompletableFuture<>();
      ready.add(subscribed);
      WebSocket socket = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10))
          .buildAsync(uri, new Listener(live ? subscribed : null)).get(30, TimeUnit.SECONDS);
      sockets.add(socket);
      if (live) {
        socket.sendText("{\"type\":\"hello\",\"id\":\"h\",\"protocol\":1}", true).join();
        socket.sendText("{\"type\":\"subscribe\",\"id\":\"s\",\"query\":" + QUERY + "}", true).join();
      } else {
        subscribed.complete(null);
      }
    }
    CompletableFuture.allOf(ready.toArray(CompletableFuture[]::new)).get(120, TimeUnit.SECONDS);
    System.out.println("READY");
    System.out.flush();
    BufferedReader commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    long started = System.nanoTime();
    for (String line = commands.readLine(); line != null; line = commands.readLine()) {
      switch (line.trim()) {
        case "START" -> {
          latencies.reset();
          deliveries.set(0);
          started = System.nanoTime();
        }
        case "STOP" -> {
          double seconds = (System.nanoTime() - started) / 1e9;
          var histogram = latencies.getIntervalHistogram();
          System.out.printf("RESULT deliveries=%d seconds=%.3f p50=%.2f p99=%.2f max=%.2f%n", deliveries.get(), seconds,
              histogram.getValueAtPercentile(50) / 1000.0, histogram.getValueAtPercentile(99) / 1000.0,
              histogram.getMaxValue() / 1000.0);
          System.out.flush();
        }
        case "EXIT" -> {
          for (WebSocket socket : sockets) {
            socket.abort();
          }
          System.exit(0);
        }
        default -> { }
      }
    }
  }

  /** Counts rows; reads the send time from the row's createdAt. */
  private final class Listener implements WebSocket.Listener {
    private final CompletableFuture<Void> subscribed;
    private final StringBuilder partial = new StringBuilder();

    Listener(CompletableFuture<Void> subscribed) {
      this.subscribed = subscribed;
    }

    @Override
    public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        String text = partial.toString();
        partial.setLength(0);
        if (subscribed != null && !subscribed.isDone() && text.startsWith("{\"type\":\"snapshot\"")) {
          subscribed.complete(null);
        }
        if (text.startsWith("{\"type\":\"delta\"")) {
          Instant now = Instant.now();
          for (int at = text.indexOf("\"createdAt\":\""); at >= 0; at = text.indexOf("\"createdAt\":\"", at + 13)) {
            int from = at + 13;
            Instant sent = Instant.parse(text.substring(from, text.indexOf('"', from)));
            long micros = Duration.between(sent, now).toNanos() / 1_000;
            latencies.recordValue(Math.max(0, micros));
            deliveries.incrementAndGet();
            if (!eachRow) {
              break;
            }
          }
        }
      }
      socket.request(1);
      return null;
    }
  }
}
