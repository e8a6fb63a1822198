package dev.live.benchmarks.server;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The least a WebSocket client can be: a blocking socket that upgrades, says {@code hello} and
 * reads the {@code welcome}. The idle-connections benchmark holds thousands of these per process,
 * which the JDK's WebSocket client (a selector, buffers and futures per connection) would make
 * heavy on the load side. No compression is asked for, so the server keeps no compressor.
 */
final class RawWebSocket {
  private static final byte[] HELLO = "{\"type\":\"hello\",\"id\":\"h\",\"protocol\":1}".getBytes(StandardCharsets.US_ASCII);
  private static final int TIMEOUT_MILLIS = 10_000;

  private RawWebSocket() {}

  /** Connects, upgrades and exchanges hello/welcome; returns the socket, left open and idle. */
  static Socket open(InetSocketAddress server, String path) throws IOException {
    Socket socket = new Socket();
    try {
      socket.setSoTimeout(TIMEOUT_MILLIS); // a stalled server fails this connection, not the run
      socket.setTcpNoDelay(true);
      socket.connect(server, TIMEOUT_MILLIS);
      OutputStream out = socket.getOutputStream();
      // The stream wrappers are dropped on return: an idle connection keeps only its Socket.
      DataInputStream in = new DataInputStream(new BufferedInputStream(socket.getInputStream(), 512));
      out.write(upgrade(server, path));
      readUpgradeResponse(in);
      out.write(maskedText(HELLO));
      String welcome = readText(in);
      if (!welcome.startsWith("{\"type\":\"welcome\"")) {
        throw new IOException("expected a welcome, got " + welcome);
      }
      return socket;
    } catch (IOException | RuntimeException e) {
      socket.close();
      throw e;
    }
  }

  private static byte[] upgrade(InetSocketAddress server, String path) {
    // The key need not be unique: the server only hashes it back, and nothing here checks that.
    return ("GET " + path + " HTTP/1.1\r\n"
        + "Host: " + server.getHostString() + ":" + server.getPort() + "\r\n"
        + "Upgrade: websocket\r\nConnection: Upgrade\r\n"
        + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
        .getBytes(StandardCharsets.US_ASCII);
  }

  /** Reads the response headers up to the blank line; nothing else comes before our hello. */
  private static void readUpgradeResponse(DataInputStream in) throws IOException {
    StringBuilder head = new StringBuilder();
    while (head.length() < 4 || !head.substring(head.length() - 4).equals("\r\n\r\n")) {
      int b = in.read();
      if (b < 0 || head.length() > 8_192) {
        throw new IOException("the upgrade response ended early: " + head);
      }
      head.append((char) b);
    }
    if (!head.toString().startsWith("HTTP/1.1 101")) {
      throw new IOException("the upgrade was refused: " + head);
    }
  }

  /** A client frame must be masked (RFC 6455, 5.3); the hello is short, so one length byte. */
  private static byte[] maskedText(byte[] payload) {
    byte[] frame = new byte[6 + payload.length];
    frame[0] = (byte) 0x81; // FIN, text
    frame[1] = (byte) (0x80 | payload.length);
    int mask = ThreadLocalRandom.current().nextInt();
    for (int i = 0; i < 4; i++) {
      frame[2 + i] = (byte) (mask >>> (24 - 8 * i));
    }
    for (int i = 0; i < payload.length; i++) {
      frame[6 + i] = (byte) (payload[i] ^ frame[2 + i % 4]);
    }
    return frame;
  }

  /** Reads one unmasked, unfragmented text frame from the server. */
  private static String readText(DataInputStream in) throws IOException {
    int first = in.readUnsignedByte();
    int second = in.readUnsignedByte();
    if ((first & 0x0f) != 1 || (first & 0x80) == 0) {
      throw new IOException("expected one text frame, got opcode " + (first & 0x0f));
    }
    long length = second & 0x7f;
    if (length == 126) {
      length = in.readUnsignedShort();
    } else if (length == 127) {
      length = in.readLong();
    }
    if (length > 65_536) {
      throw new IOException("a welcome of " + length + " bytes");
    }
    byte[] payload = new byte[(int) length];
    in.readFully(payload);
    return new String(payload, StandardCharsets.UTF_8);
  }
}
