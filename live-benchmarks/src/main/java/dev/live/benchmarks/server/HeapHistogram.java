package dev.live.benchmarks.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A class histogram of this JVM's heap ({@code jcmd <pid> GC.class_histogram}, which collects
 * first), to see which classes grow with the connections. For the idle-connections benchmark's
 * {@code histogram} option; the figures do not depend on it.
 */
final class HeapHistogram {
  private final Map<String, long[]> classes; // name -> {instances, bytes}

  private HeapHistogram(Map<String, long[]> classes) {
    this.classes = classes;
  }

  static HeapHistogram take() throws IOException, InterruptedException {
    String jcmd = System.getProperty("java.home") + "/bin/jcmd";
    Process process = new ProcessBuilder(jcmd, Long.toString(ProcessHandle.current().pid()), "GC.class_histogram")
        .redirectErrorStream(true).start();
    String text = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IOException("jcmd took over 60 s");
    }
    Map<String, long[]> classes = new HashMap<>();
    // Lines look like "   1:   20000   960000  java.lang.Object (java.base@17)".
    for (String line : text.split("\n")) {
      String[] parts = line.trim().split("\\s+");
      if (parts.length >= 4 && parts[0].endsWith(":") && Character.isDigit(parts[0].charAt(0))) {
        classes.put(parts[3], new long[] {Long.parseLong(parts[1]), Long.parseLong(parts[2])});
      }
    }
    return new HeapHistogram(classes);
  }

  /** The {@code top} classes that grew most in bytes since {@code before}, one line each, per connection too. */
  List<String> growthSince(HeapHistogram before, int top, int connections) {
    List<Map.Entry<String, long[]>> grown = new ArrayList<>();
    for (Map.Entry<String, long[]> entry : classes.entrySet()) {
      long[] old = before.classes.getOrDefault(entry.getKey(), new long[2]);
      grown.add(Map.entry(entry.getKey(), new long[] {entry.getValue()[0] - old[0], entry.getValue()[1] - old[1]}));
    }
    grown.sort((a, b) -> Long.compare(b.getValue()[1], a.getValue()[1]));
    List<String> lines = new ArrayList<>();
    for (Map.Entry<String, long[]> entry : grown.subList(0, Math.min(top, grown.size()))) {
      long[] delta = entry.getValue();
      lines.add(String.format(java.util.Locale.ROOT, "%10d bytes %8d objects %8.1f B/conn %6.2f obj/conn  %s",
          delta[1], delta[0], (double) delta[1] / connections, (double) delta[0] / connections, entry.getKey()));
    }
    return lines;
  }
}
