package dev.live.benchmarks.neighbour;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The attacker of the noisy-neighbour benchmark, in a process of its own: one signed-in user who
 * subscribes to as many distinct queries as a connection may ({@link AttackerQueries}, 1,000 by
 * default, the server's {@code maxSubscriptions}), within the documented limits: paced at 90% of
 * the rate the welcome states, at most 32 requests waiting, a refusal for the rate sent again a
 * second later (10 times at most), any other refusal counted by its code and not sent again (so a
 * server with tighter per-user limits gets fewer subscriptions, and says which). Then it reads
 * whatever comes, counting deltas, reset snapshots and characters, and pings every 30 s.
 *
 * <p>Arguments: uri, token, queries. Prints {@code READY}, then takes lines on stdin: {@code
 * ATTACK} connects and subscribes, then prints {@code ATTACKING held=... refused=... millis=...};
 * {@code CALM} closes the connection normally (the server ends its subscriptions at once) and
 * prints {@code CALMED deltas=... resets=... chars=...}; {@code EXIT} ends.
 */
public final class Attacker {
  private static final Pattern ID = Pattern.compile("^\\{\"type\":\"(\\w+)\",\"id\":\"a(\\d+)\"");
  private static final Pattern CODE = Pattern.compile("\"code\":\"(\\w+)\"");
  private static final int IN_FLIGHT = 32;
  private static final int TRIES = 10;
  private static final long SUBSCRIBE_SECONDS = 180;

  private final List<String> queries;
  private final Semaphore window = new Semaphore(IN_FLIGHT);
  private final AtomicInteger held = new AtomicInteger();
  private final Map<String, AtomicInteger> refused = new ConcurrentHashMap<>();
  private final Map<Integer, Integer> tries = new ConcurrentHashMap<>();
  private final AtomicInteger answered = new AtomicInteger();
  private final AtomicLong deltas = new AtomicLong();
  private final AtomicLong resets = new AtomicLong();
  private final AtomicLong chars = new AtomicLong();
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
  private volatile WireClient client;

  private Attacker(List<String> queries) {
    this.queries = queries;
  }

  public static void main(String[] args) throws Exception {
    URI uri = URI.create(args[0]);
    String token = args[1];
    new Attacker(AttackerQueries.all(Integer.parseInt(args[2]))).run(uri, token);
  }

  private void run(URI uri, String token) throws Exception {
    timer.scheduleAtFixedRate(() -> {
      WireClient open = client;
      if (open != null) {
        open.send("{\"type\":\"ping\",\"id\":\"p\"}");
      }
    }, 30, 30, TimeUnit.SECONDS);
    System.out.println("READY");
    System.out.flush();
    BufferedReader commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    for (String line = commands.readLine(); line != null; line = commands.readLine()) {
      switch (line.trim()) {
        case "ATTACK" -> attack(uri, token);
        case "CALM" -> {
          WireClient open = client;
          client = null;
          if (open != null) {
            open.close();
          }
          System.out.printf("CALMED deltas=%d resets=%d chars=%d%n", deltas.get(), resets.get(), chars.get());
          System.out.flush();
        }
        case "EXIT" -> {
          timer.shutdownNow();
          System.exit(0);
        }
        default -> { }
      }
    }
  }

  private void attack(URI uri, String token) throws Exception {
    held.set(0);
    refused.clear();
    tries.clear();
    answered.set(0);
    deltas.set(0);
    resets.set(0);
    chars.set(0);
    window.drainPermits();
    window.release(IN_FLIGHT);
    long start = System.nanoTime();
    WireClient open = WireClient.open(uri, token, "attacker", this::onMessage);
    client = open;
    long interval = (long) (1e9 / (0.9 * open.messagesPerSecond()));
    long end = start + TimeUnit.SECONDS.toNanos(SUBSCRIBE_SECONDS);
    long next = System.nanoTime();
    for (int i = 0; i < queries.size() && acquire(open, end); i++) {
      LockSupport.parkNanos(next - System.nanoTime());
      next = Math.max(next + interval, System.nanoTime() - interval);
      open.send(subscribe(i));
    }
    while (answered.get() < queries.size() && System.nanoTime() < end && !open.closed.isDone()) {
      Thread.sleep(20);
    }
    StringBuilder codes = new StringBuilder();
    new TreeMap<>(refused).forEach((code, count) -> codes.append(codes.length() == 0 ? "" : ",").append(code)
        .append(':').append(count));
    System.out.printf("ATTACKING held=%d refused=%s millis=%d closed=%s%n", held.get(),
        codes.length() == 0 ? "none" : codes,
        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start), open.closed.getNow("no").replace(' ', '_'));
    System.out.flush();
  }

  /** Takes a place in the window of waiting requests; false when the time is up or the server closed the connection. */
  private boolean acquire(WireClient open, long end) throws InterruptedException {
    while (!window.tryAcquire(100, TimeUnit.MILLISECONDS)) {
      if (System.nanoTime() > end || open.closed.isDone()) {
        return false;
      }
    }
    return true;
  }

  private String subscribe(int i) {
    return "{\"type\":\"subscribe\",\"id\":\"a" + i + "\",\"query\":" + queries.get(i) + "}";
  }

  private void onMessage(String text) {
    chars.addAndGet(text.length());
    if (text.startsWith("{\"type\":\"delta\"")) {
      deltas.incrementAndGet();
      return;
    }
    Matcher matcher = ID.matcher(text);
    if (!matcher.find()) {
      return; // pong
    }
    String type = matcher.group(1);
    int index = Integer.parseInt(matcher.group(2));
    if (type.equals("snapshot")) {
      if (text.contains("\"reset\":true")) {
        resets.incrementAndGet();
        return;
      }
      held.incrementAndGet();
      answered.incrementAndGet();
      window.release();
    } else if (type.equals("error")) {
      Matcher code = CODE.matcher(text);
      String name = code.find() ? code.group(1) : "unknown";
      window.release();
      if (name.equals("RATE_LIMITED") && tries.merge(index, 1, Integer::sum) < TRIES) {
        // Sent again a second later, as the Java client does; it takes a place in the window again then.
        timer.schedule(() -> {
          WireClient open = client;
          if (open != null && window.tryAcquire()) {
            open.send(subscribe(index));
          } else {
            refused.computeIfAbsent(name, n -> new AtomicInteger()).incrementAndGet();
            answered.incrementAndGet();
          }
        }, 1, TimeUnit.SECONDS);
        return;
      }
      refused.computeIfAbsent(name, n -> new AtomicInteger()).incrementAndGet();
      answered.incrementAndGet();
    }
  }
}
