package dev.live.examples.server;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;
import org.jspecify.annotations.Nullable;

/**
 * A WebSocket client on a plain socket with a small receive buffer, which reads only when asked
 * to: JDK's client keeps reading into memory when its listener stops asking for messages, so it
 * cannot play a client that stopped reading.
 */
final class RawSocketClient implements AutoCloseable {
  private final Socket socket;
  private final DataInputStream in;
  private final OutputStream out;

  private RawSocketClient(Socket socket) throws IOException {
    this.socket = socket;
    this.in = new DataInputStream(socket.getInputStream());
    this.out = socket.getOutputStream();
  }

  static RawSocketClient connect(URI uri) throws IOException {
    Upgrade upgrade = tryConnect(uri);
    if (upgrade.client() == null) {
      throw new IOException("upgrade refused: " + upgrade.status());
    }
    return upgrade.client();
  }

  /**
   * The server's answer to an upgrade: the client when it switched protocols (101), or else the
   * refusal's status line, headers and body, its socket closed.
   */
  record Upgrade(@Nullable RawSocketClient client, String status, String headers, String body) {}

  /** Asks {@code uri} (its path and query) for an upgrade. */
  static Upgrade tryConnect(URI uri) throws IOException {
    Socket socket = new Socket();
    socket.setReceiveBufferSize(4096);
    socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 10_000);
    socket.setSoTimeout(10_000);
    RawSocketClient client = new RawSocketClient(socket);
    try {
      String key = Base64.getEncoder().encodeToString(new byte[16]);
      String target = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
      client.out.write(("GET " + target + " HTTP/1.1\r\nHost: " + uri.getHost() + ":" + uri.getPort()
          + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: " + key
          + "\r\nSec-WebSocket-Version: 13\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      client.out.flush();
      String headers = client.readHeaders();
      String status = headers.substring(0, headers.indexOf("\r\n"));
      if (status.startsWith("HTTP/1.1 101")) {
        return new Upgrade(client, status, headers, "");
      }
      java.util.regex.Matcher length = java.util.regex.Pattern.compile("(?i)\r\ncontent-length: *(\\d+)")
          .matcher(headers);
      String body = length.find() ? new String(client.in.readNBytes(Integer.parseInt(length.group(1))),
          StandardCharsets.UTF_8) : "";
      socket.close();
      return new Upgrade(null, status, headers, body);
    } catch (IOException | RuntimeException e) {
      socket.close();
      throw e;
    }
  }

  private String readHeaders() throws IOException {
    StringBuilder headers = new StringBuilder();
    while (!headers.toString().endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("connection closed during the handshake");
      }
      headers.append((char) b);
    }
    return headers.toString();
  }

  /** Sends one text message in a masked frame, as clients must. */
  void send(String text) throws IOException {
    byte[] payload = text.getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream frame = new ByteArrayOutputStream();
    frame.write(0x81);
    if (payload.length < 126) {
      frame.write(0x80 | payload.length);
    } else {
      frame.write(0x80 | 126);
      frame.write(payload.length >>> 8);
      frame.write(payload.length & 0xff);
    }
    byte[] mask = new byte[4];
    ThreadLocalRandom.current().nextBytes(mask);
    frame.write(mask);
    for (int i = 0; i < payload.length; i++) {
      frame.write(payload[i] ^ mask[i % 4]);
    }
    out.write(frame.toByteArray());
    out.flush();
  }

  /**
   * Reads the next whole message, joining continuation frames; null when the server closed the
   * connection (a close frame, or the end of the stream).
   */
  String next() throws IOException {
    ByteArrayOutputStream message = new ByteArrayOutputStream();
    while (true) {
      int first = in.read();
      if (first < 0) {
        return null;
      }
      int opcode = first & 0x0f;
      int second = in.readUnsignedByte();
      long length = second & 0x7f;
      if (length == 126) {
        length = in.readUnsignedShort();
      } else if (length == 127) {
        length = in.readLong();
      }
      byte[] payload = in.readNBytes((int) length);
      if (opcode == 0x8) {
        return null;
      }
      if (opcode == 0x9 || opcode == 0xA) {
        continue; // ping or pong
      }
      message.write(payload);
      if ((first & 0x80) != 0) {
        return message.toString(StandardCharsets.UTF_8);
      }
    }
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
