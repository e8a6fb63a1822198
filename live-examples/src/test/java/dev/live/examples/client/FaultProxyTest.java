package dev.live.examples.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The fault proxy on real loopback sockets: a tiny server in the test accepts the proxy's
 * connections and hands its end of each to the test, which then plays the server byte by byte
 * (needed to split a message across two writes at a chosen moment).
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class FaultProxyTest {
  /** Long enough for a loaded machine; every read that should succeed or end is bounded by it. */
  private static final int READ_TIMEOUT_MILLIS = 5_000;
  /** How long a side must stay silent to count as getting nothing. */
  private static final int SILENCE_MILLIS = 300;
  private static final String ACK = "\"type\":\"ack\"";

  private ServerSocket server;
  private final BlockingQueue<Socket> serverSides = new LinkedBlockingQueue<>();
  private final List<Socket> sockets = new CopyOnWriteArrayList<>();
  private FaultProxy proxy;

  @BeforeEach
  void startServerAndProxy() throws IOException {
    server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread acceptor = new Thread(() -> {
      try {
        while (true) {
          serverSides.add(server.accept());
        }
      } catch (IOException e) {
        // The server socket was closed after the test.
      }
    }, "fault-proxy-test-server");
    acceptor.setDaemon(true);
    acceptor.start();
    proxy = FaultProxy.start(server.getLocalPort());
  }

  @AfterEach
  void stop() throws IOException {
    proxy.close();
    server.close();
    for (Socket socket : sockets) {
      socket.close();
    }
    for (Socket socket : serverSides) {
      socket.close();
    }
  }

  @Test
  void forwardsBytesBothWaysAndPassesAnOrderlyEndOn() throws Exception {
    Socket client1 = connect();
    Socket server1 = serverSide();
    Socket client2 = connect();
    Socket server2 = serverSide();

    send(client1, "hello from 1");
    send(client2, "hello from 2");
    assertReads(server1, "hello from 1");
    assertReads(server2, "hello from 2");
    send(server1, "reply to 1");
    send(server2, "reply to 2");
    assertReads(client1, "reply to 1");
    assertReads(client2, "reply to 2");
    assertThat(proxy.connectionsAccepted()).isEqualTo(2);
    assertThat(proxy.openConnections()).isEqualTo(2);

    // More than one 16 KiB buffer, so the copy loop has to go round.
    String big = "x".repeat(40 * 1024) + "end";
    send(client1, big);
    assertReads(server1, big);

    // A half close goes through as a half close: the server can still answer.
    client1.shutdownOutput();
    assertThat(server1.getInputStream().read()).isEqualTo(-1);
    send(server1, "last words");
    assertReads(client1, "last words");
    server1.close();
    assertThat(client1.getInputStream().read()).isEqualTo(-1);
    await().atMost(Duration.ofSeconds(5)).until(() -> proxy.openConnections() == 1);
  }

  @Test
  void dropAllResetsBothSidesAndLaterConnectionsWork() throws Exception {
    Socket client1 = connect();
    Socket server1 = serverSide();
    Socket client2 = connect();
    Socket server2 = serverSide();
    send(client1, "ping");
    assertReads(server1, "ping");

    proxy.dropAll();

    assertThat(proxy.openConnections()).isZero();
    // A reset, not an orderly end: a WebSocket client must take it as an abnormal close.
    assertReset(client1);
    assertReset(client2);
    assertReset(server1);
    assertReset(server2);

    Socket client3 = connect();
    Socket server3 = serverSide();
    send(client3, "again");
    assertReads(server3, "again");
    send(server3, "welcome back");
    assertReads(client3, "welcome back");
    assertThat(proxy.connectionsAccepted()).isEqualTo(3);
    assertThat(proxy.openConnections()).isEqualTo(1);
  }

  @Test
  void refuseEndsNewConnectionsAtOnceAndLeavesCurrentOnes() throws Exception {
    Socket existing = connect();
    Socket existingServer = serverSide();

    proxy.refuse(true);
    Socket refused = connect();
    assertEnded(refused);
    // The refused connection never reached the server.
    assertThat(serverSides.poll(SILENCE_MILLIS, TimeUnit.MILLISECONDS)).isNull();
    assertThat(proxy.connectionsAccepted()).isEqualTo(2);
    send(existing, "still here");
    assertReads(existingServer, "still here");

    proxy.refuse(false);
    Socket restored = connect();
    Socket restoredServer = serverSide();
    send(restored, "up again");
    assertReads(restoredServer, "up again");
    send(restoredServer, "hi");
    assertReads(restored, "hi");
  }

  @Test
  void blackholeSwallowsBytesBothWaysButKeepsSocketsOpen() throws Exception {
    Socket client = connect();
    Socket serverSide = serverSide();

    proxy.blackhole(true);
    send(client, "lost on the way up");
    send(serverSide, "lost on the way down");
    assertSilent(serverSide);
    assertSilent(client);

    // A connection made while it is on gets the same treatment.
    Socket late = connect();
    Socket lateServer = serverSide();
    send(late, "also lost");
    assertSilent(lateServer);
    assertThat(proxy.openConnections()).isEqualTo(2);

    proxy.blackhole(false);
    send(client, "up");
    send(serverSide, "down");
    send(late, "late up");
    // Exactly the new bytes arrive: what was swallowed does not come back.
    assertReads(serverSide, "up");
    assertReads(client, "down");
    assertReads(lateServer, "late up");
    assertSilent(serverSide);
    assertSilent(client);
  }

  @Test
  void dropWhenServerSendsDropsEverythingBeforeTheMarkerReachesTheClient() throws Exception {
    Socket client = connect();
    Socket serverSide = serverSide();
    Socket bystander = connect();
    Socket bystanderServer = serverSide();
    // Not armed yet: the marker goes through.
    send(serverSide, "{\"type\":\"ack\",\"id\":\"r0\"}");
    assertReads(client, "{\"type\":\"ack\",\"id\":\"r0\"}");

    proxy.dropWhenServerSends(ACK);
    assertThat(proxy.triggered()).isFalse();
    send(serverSide, "{\"type\":\"delta\",\"rows\":[]}");
    assertReads(client, "{\"type\":\"delta\",\"rows\":[]}");
    send(serverSide, "{\"type\":\"ack\",\"id\":\"r1\"}");

    assertThat(readUntilEnd(client)).isEmpty();
    proxy.awaitTriggered(Duration.ofSeconds(5));
    assertThat(proxy.triggered()).isTrue();
    assertThat(proxy.openConnections()).isZero();
    assertReset(serverSide);
    // Every connection is dropped, not only the one that carried the marker.
    assertReset(bystander);
    assertReset(bystanderServer);

    // Fired once: after reconnecting, the same message gets through.
    Socket reconnected = connect();
    Socket reconnectedServer = serverSide();
    send(reconnectedServer, "{\"type\":\"ack\",\"id\":\"r1\"}");
    assertReads(reconnected, "{\"type\":\"ack\",\"id\":\"r1\"}");
    assertThat(proxy.openConnections()).isEqualTo(1);

    // Arming again re-arms.
    proxy.dropWhenServerSends(ACK);
    assertThat(proxy.triggered()).isFalse();
    send(reconnectedServer, "{\"type\":\"ack\",\"id\":\"r2\"}");
    assertThat(readUntilEnd(reconnected)).isEmpty();
    proxy.awaitTriggered(Duration.ofSeconds(5));
    assertThat(proxy.triggered()).isTrue();
  }

  @Test
  void aMarkerSplitAcrossTwoServerWritesIsStillCaughtBeforeItsEnd() throws Exception {
    Socket client = connect();
    Socket serverSide = serverSide();
    proxy.dropWhenServerSends(ACK);

    String first = "{\"type\":\"a";
    send(serverSide, first);
    // The client holding the first part proves the proxy forwarded it as a read of its own, so
    // the rest of the marker comes in the next read.
    assertReads(client, first);
    Thread.sleep(100);
    send(serverSide, "ck\",\"id\":\"r1\"}");

    String received = first + new String(readUntilEnd(client), StandardCharsets.UTF_8);
    assertThat(received).isEqualTo(first).doesNotContain(ACK);
    proxy.awaitTriggered(Duration.ofSeconds(5));
    assertThat(proxy.triggered()).isTrue();
    assertReset(serverSide);
  }

  @Test
  void theMarkerOnlyCountsFromTheServer() throws Exception {
    Socket client = connect();
    Socket serverSide = serverSide();
    proxy.dropWhenServerSends(ACK);

    send(client, "{\"type\":\"ack\",\"id\":\"from the client\"}");
    assertReads(serverSide, "{\"type\":\"ack\",\"id\":\"from the client\"}");
    send(serverSide, "{\"type\":\"pong\"}");
    assertReads(client, "{\"type\":\"pong\"}");

    assertThatThrownBy(() -> proxy.awaitTriggered(Duration.ofMillis(SILENCE_MILLIS)))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining(ACK);
    assertThat(proxy.triggered()).isFalse();
    assertThat(proxy.openConnections()).isEqualTo(1);
  }

  @Test
  void closeEndsConnectionsAndThreadsAndCanBeRepeated() throws Exception {
    Socket client = connect();
    Socket serverSide = serverSide();
    send(client, "before close");
    assertReads(serverSide, "before close");
    int port = proxy.port();
    assertThat(proxyThreads(port)).isNotEmpty();

    proxy.close();

    assertReset(client);
    assertReset(serverSide);
    assertThat(proxy.openConnections()).isZero();
    assertThat(proxyThreads(port)).isEmpty();
    assertThatThrownBy(() -> new Socket(InetAddress.getLoopbackAddress(), port).close())
        .isInstanceOf(ConnectException.class);
    proxy.close();
  }

  private Socket connect() throws IOException {
    Socket socket = new Socket(InetAddress.getLoopbackAddress(), proxy.port());
    sockets.add(socket);
    socket.setTcpNoDelay(true);
    socket.setSoTimeout(READ_TIMEOUT_MILLIS);
    return socket;
  }

  /** The server's end of the connection the proxy made for the latest client. */
  private Socket serverSide() throws Exception {
    Socket socket = serverSides.poll(READ_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
    assertThat(socket).as("the proxy connected to the server").isNotNull();
    sockets.add(socket);
    socket.setTcpNoDelay(true);
    socket.setSoTimeout(READ_TIMEOUT_MILLIS);
    return socket;
  }

  private static void send(Socket socket, String text) throws IOException {
    OutputStream out = socket.getOutputStream();
    out.write(text.getBytes(StandardCharsets.UTF_8));
    out.flush();
  }

  /** Reads exactly as many bytes as {@code expected} has, and compares. */
  private static void assertReads(Socket socket, String expected) throws IOException {
    byte[] bytes = expected.getBytes(StandardCharsets.UTF_8);
    InputStream in = socket.getInputStream();
    int done = 0;
    while (done < bytes.length) {
      int read = in.read(bytes, done, bytes.length - done);
      assertThat(read).as("bytes read after %s of %s", done, bytes.length).isPositive();
      done += read;
    }
    assertThat(new String(bytes, StandardCharsets.UTF_8)).isEqualTo(expected);
  }

  /** The bytes a socket receives until it ends one way or the other; a timeout fails the test. */
  private static byte[] readUntilEnd(Socket socket) throws IOException {
    ByteArrayOutputStream received = new ByteArrayOutputStream();
    byte[] buffer = new byte[4096];
    try {
      int read;
      while ((read = socket.getInputStream().read(buffer)) != -1) {
        received.write(buffer, 0, read);
      }
    } catch (SocketTimeoutException e) {
      fail("the connection did not end within %s ms; received %s", READ_TIMEOUT_MILLIS,
          received.toString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      // Reset: the end expected.
    }
    return received.toByteArray();
  }

  /** The connection ends, by an orderly end or a failure, without any byte and within the timeout. */
  private static void assertEnded(Socket socket) throws IOException {
    try {
      assertThat(socket.getInputStream().read()).isEqualTo(-1);
    } catch (SocketTimeoutException e) {
      fail("the connection did not end within %s ms", READ_TIMEOUT_MILLIS);
    } catch (IOException e) {
      // Reset: ended too.
    }
  }

  /** The connection is reset (read fails with a SocketException; a timeout or -1 fails). */
  private static void assertReset(Socket socket) {
    assertThatThrownBy(() -> socket.getInputStream().read())
        .isInstanceOf(SocketException.class);
  }

  /** Nothing arrives for a while, and the connection is still open. */
  private static void assertSilent(Socket socket) throws IOException {
    socket.setSoTimeout(SILENCE_MILLIS);
    try {
      assertThatThrownBy(() -> socket.getInputStream().read())
          .isInstanceOf(SocketTimeoutException.class);
    } finally {
      socket.setSoTimeout(READ_TIMEOUT_MILLIS);
    }
  }

  private static List<String> proxyThreads(int port) {
    String prefix = "fault-proxy-" + port + "-";
    return Thread.getAllStackTraces().keySet().stream()
        .filter(Thread::isAlive)
        .map(Thread::getName)
        .filter(name -> name.startsWith(prefix))
        .toList();
  }
}
