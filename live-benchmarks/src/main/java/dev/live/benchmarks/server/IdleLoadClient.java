package dev.live.benchmarks.server;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A load process of the idle-connections benchmark: opens N raw WebSocket connections one after
 * another ({@link RawWebSocket}: upgrade, hello, welcome), then holds them idle. Its own process,
 * because each process may have only so many open files. Prints {@code READY opened=<n>
 * millis=<t>} (fewer than asked if a connection failed or the deadline passed; the error goes to
 * stderr), then waits for {@code EXIT} on stdin, or for stdin to close when its parent is gone.
 *
 * <p>Arguments: host, port, path, connections, deadline in seconds.
 */
public final class IdleLoadClient {
  private IdleLoadClient() {}

  public static void main(String[] args) throws IOException {
    InetSocketAddress server = new InetSocketAddress(args[0], Integer.parseInt(args[1]));
    String path = args[2];
    int connections = Integer.parseInt(args[3]);
    long deadline = System.nanoTime() + Long.parseLong(args[4]) * 1_000_000_000L;
    List<Socket> held = new ArrayList<>(connections);
    long start = System.nanoTime();
    try {
      while (held.size() < connections && System.nanoTime() < deadline) {
        held.add(RawWebSocket.open(server, path));
      }
      if (held.size() < connections) {
        System.err.println("IdleLoadClient: deadline passed after " + held.size() + " connections");
      }
    } catch (IOException | RuntimeException e) {
      System.err.println("IdleLoadClient: connection " + (held.size() + 1) + " failed: " + e);
    }
    long millis = (System.nanoTime() - start) / 1_000_000;
    System.out.println("READY opened=" + held.size() + " millis=" + millis);
    System.out.flush();
    BufferedReader commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    for (String line = commands.readLine(); line != null && !line.trim().equals("EXIT"); line = commands.readLine()) {
      // nothing else is asked of an idle client
    }
    for (Socket socket : held) {
      socket.close();
    }
    System.exit(0);
  }
}
