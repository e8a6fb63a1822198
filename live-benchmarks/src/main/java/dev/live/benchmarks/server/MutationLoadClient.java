package dev.live.benchmarks.server;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/**
 * The load client of the mutation throughput benchmark, run in a process of its own (DESIGN.md:
 * the load client's cost is part of the figure): N WebSocket clients on loopback, each of which
 * says {@code hello}, then pipelines {@code mutate} inserts into {@code todos} with increasing
 * {@code seq}, keeping a window of unacknowledged ones (below the server's {@code
 * maxRequestsInFlight}, 64, at which it stops reading). It counts the acks with status {@code
 * applied}; anything else (a rejection, an error, a closed connection) is a failure, printed to
 * stderr and counted, because a benchmark that measures refusals measures nothing.
 *
 * <p>Runs on its own: prints {@code READY} once every client is welcomed, then warms up, measures
 * for a window, lets the mutations in flight finish, and prints {@code RESULT acks=... seconds=...
 * failures=...} and exits. Arguments: uri, clients, window of unacknowledged mutations, warm-up
 * seconds, measured seconds.
 */
public final class MutationLoadClient {
  /** A bound on each client's mutations, far above what a run reaches, so no client loops unbounded. */
  private static final long MAX_SEQ = 10_000_000;

  private final LongAdder acks = new LongAdder();
  private final LongAdder failures = new LongAdder();
  private final AtomicInteger outstanding = new AtomicInteger();
  private final AtomicReference<String> firstFailure = new AtomicReference<>();
  private volatile boolean stopping;

  private MutationLoadClient() {}

  public static void main(String[] args) throws Exception {
    URI uri = URI.create(args[0]);
    int clients = Integer.parseInt(args[1]);
    int window = Integer.parseInt(args[2]);
    long warmUpMillis = TimeUnit.SECONDS.toMillis(Long.parseLong(args[3]));
    long measureMillis = TimeUnit.SECONDS.toMillis(Long.parseLong(args[4]));
    new MutationLoadClient().run(uri, clients, window, warmUpMillis, measureMillis);
  }

  private void run(URI uri, int count, int window, long warmUpMillis, long measureMillis) throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    List<Client> clients = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      Client client = new Client(i);
      client.socket = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10))
          .buildAsync(uri, client).get(30, TimeUnit.SECONDS);
      client.send("{\"type\":\"hello\",\"id\":\"h\",\"protocol\":1,\"clientId\":\"bench-" + i + "\"}");
      clients.add(client);
    }
    for (Client client : clients) {
      client.welcomed.get(60, TimeUnit.SECONDS);
    }
    System.out.println("READY");
    System.out.flush();
    for (Client client : clients) {
      for (int i = 0; i < window; i++) {
        client.mutate();
      }
    }
    Thread.sleep(warmUpMillis);
    long acksBefore = acks.sum();
    long start = System.nanoTime();
    Thread.sleep(measureMillis);
    long acksAfter = acks.sum();
    double seconds = (System.nanoTime() - start) / 1e9;
    stopping = true;
    // Lets the mutations in flight be answered, so that the server is not left mid-write.
    long drainBy = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (outstanding.get() > 0 && System.nanoTime() < drainBy) {
      Thread.sleep(10);
    }
    System.out.printf(Locale.ROOT, "RESULT acks=%d seconds=%.3f failures=%d unanswered=%d first=%s%n",
        acksAfter - acksBefore, seconds, failures.sum(), outstanding.get(),
        firstFailure.get() == null ? "-" : firstFailure.get().replace(' ', '_'));
    System.out.flush();
    for (Client client : clients) {
      client.socket.abort();
    }
    System.exit(0);
  }

  private void fail(String what) {
    failures.increment();
    if (firstFailure.compareAndSet(null, what)) {
      System.err.println("mutation load client: " + what);
    }
  }

  /** One connection: its next seq, and its sends chained one after another as the JDK client needs. */
  private final class Client implements WebSocket.Listener {
    private final int index;
    private final CompletableFuture<Void> welcomed = new CompletableFuture<>();
    private final StringBuilder partial = new StringBuilder();
    private CompletableFuture<?> sending = CompletableFuture.completedFuture(null);
    private long nextSeq = 1;
    volatile WebSocket socket;

    Client(int index) {
      this.index = index;
    }

    /** Sends the next insert, unless the run is over. */
    synchronized void mutate() {
      if (stopping || nextSeq > MAX_SEQ) {
        return;
      }
      long seq = nextSeq++;
      outstanding.incrementAndGet();
      send("{\"type\":\"mutate\",\"id\":\"m" + seq + "\",\"seq\":" + seq
          + ",\"op\":\"insert\",\"collection\":\"todos\",\"value\":{\"id\":\"c" + index + "-" + seq
          + "\",\"title\":\"bench\",\"done\":false,\"priority\":1,"
          + "\"createdAt\":\"2026-11-22T00:00:00Z\",\"estimate\":1.5,\"revision\":1,\"status\":\"DOING\","
          + "\"tags\":[\"bench\"]}}");
    }

    /** The JDK WebSocket takes one send at a time: each waits for the one before. */
    synchronized void send(String text) {
      sending = sending.thenCompose(ignored -> socket.sendText(text, true)).whenComplete((ignored, error) -> {
        if (error != null) {
          fail("client " + index + " could not send: " + error);
        }
      });
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        String text = partial.toString();
        partial.setLength(0);
        if (text.startsWith("{\"type\":\"ack\"") && text.contains("\"status\":\"applied\"")) {
          acks.increment();
          outstanding.decrementAndGet();
          mutate();
        } else if (text.startsWith("{\"type\":\"welcome\"")) {
          welcomed.complete(null);
        } else if (!welcomed.isDone()) {
          welcomed.completeExceptionally(new IllegalStateException("hello refused: " + text));
        } else {
          outstanding.decrementAndGet();
          fail("client " + index + " got " + (text.length() > 300 ? text.substring(0, 300) + "..." : text));
        }
      }
      webSocket.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
      if (!stopping) {
        fail("client " + index + " was closed: " + statusCode + " " + reason);
      }
      welcomed.completeExceptionally(new IllegalStateException("closed before welcome: " + statusCode + " " + reason));
      return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
      fail("client " + index + " failed: " + error);
      welcomed.completeExceptionally(error);
    }
  }
}
