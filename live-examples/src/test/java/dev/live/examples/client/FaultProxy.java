package dev.live.examples.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP forwarding proxy on loopback that sits between a WebSocket client and a server and
 * breaks the network on demand, for the Java client's reconnect tests.
 *
 * <p>A client's reconnect logic only runs when the connection fails the way real networks fail:
 * a reset with no WebSocket close frame, a server that refuses new connections for a while, a
 * peer that stays connected but never answers, or a connection lost at the worst moment (after
 * the server committed a write, before its acknowledgement reached the client). Neither the
 * server nor the client can be asked to misbehave like that, so the tests point the client at
 * this proxy and make the proxy do it:
 *
 * <ul>
 *   <li>{@link #dropAll()} resets every current connection on both sides;
 *   <li>{@link #refuse(boolean)} closes new connections as soon as they are accepted;
 *   <li>{@link #blackhole(boolean)} swallows bytes in both directions but keeps sockets open;
 *   <li>{@link #dropWhenServerSends(String)} drops every connection just before a chosen server
 *       message would reach the client.
 * </ul>
 *
 * <p>It forwards raw bytes and knows nothing of HTTP or WebSocket: the handshake and the frames
 * pass through unchanged. Server frames are unmasked, so the text of a server message appears
 * verbatim in the server-to-client stream, which is what makes {@link #dropWhenServerSends}
 * work without parsing frames.
 *
 * <p>Threads: one accept thread, and one thread per direction per connection, all daemons named
 * {@code fault-proxy-<port>-...}, so a test that forgets {@link #close()} cannot keep the JVM
 * alive. Every thread blocks in {@code accept} or {@code read} and ends when its socket closes.
 */
final class FaultProxy implements AutoCloseable {
  private static final int BUFFER_BYTES = 16 * 1024;
  private static final int CONNECT_TIMEOUT_MILLIS = 5_000;
  private static final long JOIN_MILLIS = 5_000;
  private static final byte[] NO_BYTES = new byte[0];

  private final ServerSocket listener;
  private final int targetPort;
  private final String threadPrefix;
  private final Thread acceptor;
  /** The live connections: read by the test thread while proxy threads add and remove them. */
  private final List<Connection> connections = new CopyOnWriteArrayList<>();
  /** Every proxy thread still running, so close() can wait for them to end. */
  private final Set<Thread> threads = ConcurrentHashMap.newKeySet();
  private final AtomicInteger accepted = new AtomicInteger();
  private final AtomicInteger connectionIds = new AtomicInteger();
  private final AtomicBoolean closing = new AtomicBoolean();

  private volatile boolean closed;
  private volatile boolean refusing;
  private volatile boolean blackholed;
  /** The armed one-shot trigger, or null when none was ever armed. */
  private volatile Trigger trigger;

  private FaultProxy(ServerSocket listener, int targetPort) {
    this.listener = listener;
    this.targetPort = targetPort;
    this.threadPrefix = "fault-proxy-" + listener.getLocalPort();
    this.acceptor = newThread(threadPrefix + "-accept", this::acceptLoop);
  }

  /**
   * Starts a proxy on an ephemeral loopback port that forwards each connection to
   * 127.0.0.1:{@code targetPort}. The target is connected to once per accepted connection, so it
   * may be down when the proxy starts.
   */
  static FaultProxy start(int targetPort) throws IOException {
    ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    FaultProxy proxy = new FaultProxy(listener, targetPort);
    proxy.acceptor.start();
    return proxy;
  }

  /** The loopback port clients connect to instead of the server's. */
  int port() {
    return listener.getLocalPort();
  }

  /**
   * Ends every current connection abruptly on both sides: the sockets are closed with a zero
   * linger time, so the client and the server see a TCP reset, not an orderly end and no
   * WebSocket close frame, as when a network path or a machine goes away. New connections are
   * still accepted and forwarded afterwards.
   */
  void dropAll() {
    synchronized (connections) {
      for (Connection connection : connections) {
        connection.abort();
      }
    }
  }

  /**
   * While true, each newly accepted connection is reset at once without connecting to the
   * server, so a client sees the server as down (combine with {@link #dropAll()} to also end the
   * current connections, which this leaves alone). The listening socket stays bound rather than
   * being closed, so that the port cannot be taken by someone else before {@code refuse(false)}.
   */
  void refuse(boolean refuse) {
    this.refusing = refuse;
  }

  /**
   * While on, every byte read in either direction, on current and new connections, is thrown
   * away instead of forwarded, and the sockets stay open: each side sees a peer that is still
   * connected but never answers, which only heartbeats can detect. An orderly end or a reset
   * read from one side while on is not passed on either, since a dead peer would not send one.
   * Turning it off resumes forwarding; the bytes thrown away stay lost.
   */
  void blackhole(boolean on) {
    this.blackholed = on;
  }

  /**
   * Arms a one-shot trigger: as soon as the server-to-client stream of any connection contains
   * the UTF-8 bytes of {@code marker}, every connection is dropped as by {@link #dropAll()},
   * before the chunk holding the marker is forwarded, so the client never receives that
   * message. This is how a test loses a connection after the server acted on a request but
   * before the client learned of it (for example with {@code "\"type\":\"ack\""}). A marker split
   * across two reads is found too. Arming again replaces the trigger and re-arms it; once fired,
   * the trigger lets everything through, so the marker reaches the client after it reconnects.
   */
  void dropWhenServerSends(String marker) {
    if (marker.isEmpty()) {
      throw new IllegalArgumentException("the marker must not be empty");
    }
    trigger = new Trigger(marker, false);
  }

  /**
   * Like {@link #dropWhenServerSends}, but the chunk holding the marker is forwarded first: the
   * client receives that message, and the connection is reset right after it. With {@code
   * "HTTP/1.1 101"}, the client's connection is upgraded and then ends before it can say hello.
   */
  void dropJustAfterServerSends(String marker) {
    if (marker.isEmpty()) {
      throw new IllegalArgumentException("the marker must not be empty");
    }
    trigger = new Trigger(marker, true);
  }

  /** Whether the trigger armed last by {@link #dropWhenServerSends} fired (connections dropped). */
  boolean triggered() {
    Trigger current = trigger;
    return current != null && current.dropped.getCount() == 0;
  }

  /**
   * Waits until the trigger armed last by {@link #dropWhenServerSends} fired and the connections
   * were dropped.
   *
   * @throws AssertionError if it did not fire within {@code timeout}
   * @throws IllegalStateException if no trigger was armed
   */
  void awaitTriggered(Duration timeout) {
    Trigger current = trigger;
    if (current == null) {
      throw new IllegalStateException("no trigger armed: call dropWhenServerSends first");
    }
    try {
      if (!current.dropped.await(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
        throw new AssertionError("the server did not send \"" + current.text + "\" within " + timeout);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted while waiting for \"" + current.text + "\"", e);
    }
  }

  /** How many connections were accepted since the start, refused ones included. */
  int connectionsAccepted() {
    return accepted.get();
  }

  /** How many connections are being forwarded now. */
  int openConnections() {
    return connections.size();
  }

  /**
   * Stops accepting, resets every connection and waits (boundedly) for the proxy's threads to
   * end. Calling it again does nothing.
   */
  @Override
  public void close() {
    if (!closing.compareAndSet(false, true)) {
      return;
    }
    closed = true;
    closeQuietly(listener);
    // The accept thread is joined before dropping, so that a connection it was setting up is
    // either in the list dropped below or sees `closed` and aborts itself.
    join(acceptor, JOIN_MILLIS);
    dropAll();
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(JOIN_MILLIS);
    for (Thread thread : threads) {
      join(thread, Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
    }
  }

  @Override
  public String toString() {
    return "FaultProxy[" + port() + " -> " + targetPort + ", open=" + openConnections() + "]";
  }

  private void acceptLoop() {
    while (!closed) {
      Socket client;
      try {
        client = listener.accept();
      } catch (IOException e) {
        // Closed by close(), or broken: either way no further accept would succeed.
        return;
      }
      accepted.incrementAndGet();
      if (refusing || closed) {
        abort(client);
        continue;
      }
      // Connecting and listing happen under the lock dropAll takes: once the server has
      // accepted this connection, a dropAll waits for it to be listed, and so ends it too.
      synchronized (connections) {
        forward(client);
      }
    }
  }

  /** Connects {@code client} to the server and starts forwarding, or resets it if the server is down. */
  private void forward(Socket client) {
    Socket server = new Socket();
    try {
      server.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), targetPort), CONNECT_TIMEOUT_MILLIS);
      // Small frames (pings, acks) must go out at once, not wait on Nagle's algorithm.
      client.setTcpNoDelay(true);
      server.setTcpNoDelay(true);
    } catch (IOException e) {
      // The server is really down: the client sees the same as a refused connection.
      abort(client);
      abort(server);
      return;
    }
    Connection connection = new Connection(connectionIds.incrementAndGet(), client, server);
    connections.add(connection);
    connection.start();
    if (closed) {
      connection.abort();
    }
  }

  private Thread newThread(String name, Runnable body) {
    Thread thread = new Thread(() -> {
      try {
        body.run();
      } finally {
        threads.remove(Thread.currentThread());
      }
    }, name);
    thread.setDaemon(true);
    threads.add(thread);
    return thread;
  }

  private static void join(Thread thread, long millis) {
    if (thread == Thread.currentThread()) {
      return;
    }
    try {
      thread.join(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Closes with a zero linger time, which sends a reset instead of an orderly end. */
  private static void abort(Socket socket) {
    try {
      socket.setSoLinger(true, 0);
    } catch (IOException e) {
      // Already closed: nothing left to reset.
    }
    closeQuietly(socket);
  }

  private static void closeQuietly(AutoCloseable closeable) {
    try {
      closeable.close();
    } catch (Exception e) {
      // Closing is best effort: the socket is unusable either way.
    }
  }

  /** One client connection and its connection to the server. */
  private final class Connection {
    private final int id;
    private final Socket client;
    private final Socket server;
    private final AtomicBoolean ended = new AtomicBoolean();
    private final AtomicInteger directionsLeft = new AtomicInteger(2);

    Connection(int id, Socket client, Socket server) {
      this.id = id;
      this.client = client;
      this.server = server;
    }

    void start() {
      String name = threadPrefix + "-" + id;
      newThread(name + "-client-to-server", () -> pump(client, server, null)).start();
      newThread(name + "-server-to-client", () -> pump(server, client, new MarkerScan())).start();
    }

    /** Resets both sides; safe to call from any thread, any number of times. */
    void abort() {
      if (ended.compareAndSet(false, true)) {
        connections.remove(this);
        FaultProxy.abort(client);
        FaultProxy.abort(server);
      }
    }

    /** Called as each direction ends normally; the sockets are closed once both have. */
    private void directionEnded() {
      if (directionsLeft.decrementAndGet() == 0 && ended.compareAndSet(false, true)) {
        connections.remove(this);
        closeQuietly(client);
        closeQuietly(server);
      }
    }

    /**
     * Copies bytes from one socket to the other until the source ends. An orderly end is passed
     * on as a half close, and a failure on either socket as a reset of both, so that each peer
     * sees what the other did. {@code scan} is non-null for the server-to-client direction only.
     */
    private void pump(Socket from, Socket to, MarkerScan scan) {
      byte[] buffer = new byte[BUFFER_BYTES];
      try {
        InputStream in = from.getInputStream();
        OutputStream out = to.getOutputStream();
        int read;
        while ((read = in.read(buffer)) != -1) {
          if (blackholed) {
            // The bytes are lost, so a marker cannot span them.
            if (scan != null) {
              scan.forget();
            }
            continue;
          }
          if (scan != null && scan.fires(buffer, read)) {
            if (scan.trigger.forwardFirst) {
              out.write(buffer, 0, read);
              out.flush();
            }
            // Drop first and only then report, so a test that saw triggered() also sees the drop.
            dropAll();
            scan.trigger.dropped.countDown();
            return;
          }
          out.write(buffer, 0, read);
          out.flush();
        }
        if (blackholed) {
          directionEnded();
          return;
        }
        to.shutdownOutput();
        directionEnded();
      } catch (IOException e) {
        if (blackholed && !ended.get()) {
          // A dead peer sends no reset either: only this direction stops.
          directionEnded();
          return;
        }
        abort();
      }
    }
  }

  /** A marker armed by dropWhenServerSends, and whether it fired. */
  private static final class Trigger {
    final String text;
    final byte[] marker;
    /** Whether the chunk holding the marker reaches the client before the drop. */
    final boolean forwardFirst;
    final AtomicBoolean fired = new AtomicBoolean();
    /** Counted down once the connections were dropped. */
    final CountDownLatch dropped = new CountDownLatch(1);

    Trigger(String text, boolean forwardFirst) {
      this.text = text;
      this.forwardFirst = forwardFirst;
      this.marker = text.getBytes(StandardCharsets.UTF_8);
    }
  }

  /**
   * Looks for the armed marker in one connection's server-to-client stream. It keeps the last
   * {@code marker.length - 1} bytes forwarded since the trigger was armed, so a marker split
   * between two reads (the server wrote it in two parts, or TCP split it) is still found.
   */
  private final class MarkerScan {
    /** The trigger the tail was collected for: a new arming starts a new tail. */
    private Trigger trigger;
    private byte[] tail = NO_BYTES;

    /** Whether this chunk completes the armed marker and this connection won the trigger. */
    boolean fires(byte[] buffer, int length) {
      Trigger current = FaultProxy.this.trigger;
      if (current == null || current.fired.get()) {
        forget();
        return false;
      }
      if (current != trigger) {
        trigger = current;
        tail = NO_BYTES;
      }
      byte[] window = Arrays.copyOf(tail, tail.length + length);
      System.arraycopy(buffer, 0, window, tail.length, length);
      boolean found = indexOf(window, current.marker) >= 0;
      int keep = Math.min(current.marker.length - 1, window.length);
      tail = Arrays.copyOfRange(window, window.length - keep, window.length);
      // One shot: when two connections see the marker at once, only one drops everything.
      return found && current.fired.compareAndSet(false, true);
    }

    void forget() {
      tail = NO_BYTES;
    }

    private int indexOf(byte[] haystack, byte[] needle) {
      outer:
      for (int i = 0; i <= haystack.length - needle.length; i++) {
        for (int j = 0; j < needle.length; j++) {
          if (haystack[i + j] != needle[j]) {
            continue outer;
          }
        }
        return i;
      }
      return -1;
    }
  }
}
