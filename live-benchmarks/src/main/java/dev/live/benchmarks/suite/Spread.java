package dev.live.benchmarks.suite;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * One figure measured in repeated, interleaved runs: its median (the value a verdict is drawn
 * from) and its spread (the lowest and the highest), as the summary table prints them.
 */
public record Spread(List<Double> values) {
  public Spread {
    if (values.isEmpty()) {
      throw new IllegalArgumentException("a spread of no values");
    }
    values = List.copyOf(values);
  }

  public double median() {
    List<Double> sorted = sorted();
    int middle = sorted.size() / 2;
    return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
  }

  public double min() {
    return sorted().get(0);
  }

  public double max() {
    return sorted().get(values.size() - 1);
  }

  /** {@code 12.3 ms (10.1–14.0)} for {@code format} "%.1f ms": the median, then the range. */
  public String describe(String format) {
    return String.format(Locale.ROOT, format, median()) + " (" + String.format(Locale.ROOT, format, min())
        .replaceAll("[^0-9.,\\-]+$", "") + "–" + String.format(Locale.ROOT, format, max()) + ")";
  }

  /** Every value in the order measured, such as {@code 1.21, 1.35, 1.18}. */
  public String list(String format) {
    return values.stream().map(v -> String.format(Locale.ROOT, format, v)).collect(Collectors.joining(", "));
  }

  private List<Double> sorted() {
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    return sorted;
  }
}
