package dev.live.examples.board;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;

/**
 * How {@link BoardApp} runs: from its arguments ({@code --port 9090 --host 0.0.0.0 --data
 * data/board-app --origin http://board.local:9090}) or, for {@code mvn exec:java}, system
 * properties ({@code -Dboard.port=9090}, {@code board.host}, {@code board.data}); arguments win.
 * By default: {@code localhost:8080} (this machine only) and the H2 file {@code data/board-app}.
 */
record BoardAppSettings(String host, int port, Path data, List<String> extraOrigins) {
  static final String USAGE = "usage: BoardApp [--port N] [--host NAME] [--data PATH] [--origin URL]...";

  BoardAppSettings {
    extraOrigins = List.copyOf(extraOrigins);
  }

  static BoardAppSettings parse(String[] args, Properties properties) {
    String host = properties.getProperty("board.host", "localhost");
    String port = properties.getProperty("board.port", "8080");
    String data = properties.getProperty("board.data", "data/board-app");
    List<String> origins = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      String name = args[i];
      if (i + 1 == args.length) {
        throw new IllegalArgumentException("option " + name + " needs a value; " + USAGE);
      }
      String value = args[++i];
      switch (name) {
        case "--port" -> port = value;
        case "--host" -> host = value;
        case "--data" -> data = value;
        case "--origin" -> origins.add(value);
        default -> throw new IllegalArgumentException("unknown option " + name + "; " + USAGE);
      }
    }
    return new BoardAppSettings(host, port(port), Path.of(data), origins);
  }

  /** The file beside the database that keeps the token secret. */
  Path secretFile() {
    return data.resolveSibling(data.getFileName() + ".secret");
  }

  /** The address to open in a browser on this machine. */
  String url() {
    return "http://localhost:" + port + "/";
  }

  /** The pages that may connect: this machine's names for the server, and the origins given. */
  Set<String> allowedOrigins() {
    Set<String> origins = new LinkedHashSet<>(List.of("http://localhost:" + port, "http://127.0.0.1:" + port));
    origins.addAll(extraOrigins);
    return origins;
  }

  private static int port(String text) {
    try {
      int port = Integer.parseInt(text);
      if (port >= 1 && port <= 65535) {
        return port;
      }
    } catch (NumberFormatException e) {
      // reported below, with the value
    }
    throw new IllegalArgumentException("a port is a number from 1 to 65535, not '" + text + "'");
  }
}
