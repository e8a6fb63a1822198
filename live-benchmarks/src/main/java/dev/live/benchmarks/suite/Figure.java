package dev.live.benchmarks.suite;

import java.util.Objects;

/**
 * One line of the benchmark suite's summary table: what was measured, the figure, the target it
 * is held to (DESIGN.md, "Performance targets"), and whether it met it.
 *
 * @param area the group, such as "codec", "storage", "fan-out"
 * @param what what the figure is, such as "inserts/s, single row, H2, 16 threads"
 * @param value the figure as printed, with its unit
 * @param target the target as printed, or "—" for a figure without one
 * @param verdict met, not met, or a figure reported without a target
 * @param note what a reader needs to read the figure right (empty for nothing)
 */
public record Figure(String area, String what, String value, String target, Verdict verdict, String note) {
  public Figure {
    Objects.requireNonNull(area, "area");
    Objects.requireNonNull(what, "what");
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(verdict, "verdict");
    Objects.requireNonNull(note, "note");
  }

  /** A figure without a target, reported for context. */
  public static Figure info(String area, String what, String value, String note) {
    return new Figure(area, what, value, "—", Verdict.INFO, note);
  }

  /** A figure this machine cannot measure, and why (a service not reachable, a limit of the machine). */
  public static Figure notMeasurable(String area, String what, String reason) {
    return new Figure(area, what, "—", "—", Verdict.NOT_MEASURABLE, reason);
  }

  /** A figure held to {@code target}: met when {@code met}. */
  public static Figure checked(String area, String what, String value, String target, boolean met, String note) {
    return new Figure(area, what, value, target, met ? Verdict.MET : Verdict.NOT_MET, note);
  }

  /** How a figure stands against its target. */
  public enum Verdict {
    MET("met"),
    NOT_MET("NOT MET"),
    INFO(""),
    /** The machine cannot measure it (a limit of the machine, said in the note). */
    NOT_MEASURABLE("not measurable here");

    private final String label;

    Verdict(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }
}
