package dev.live.benchmarks.suite;

import java.io.PrintStream;
import java.util.List;

/** Prints figures as one Markdown table, ready for docs/benchmarks.md. */
public final class SummaryTable {
  private SummaryTable() {}

  public static void print(PrintStream out, List<Figure> figures) {
    out.println();
    out.println("| area | figure | value | target | verdict | note |");
    out.println("|---|---|---:|---|---|---|");
    for (Figure figure : figures) {
      out.println("| " + String.join(" | ", figure.area(), figure.what(), figure.value(), figure.target(),
          figure.verdict() == Figure.Verdict.NOT_MET ? "**" + figure.verdict().label() + "**" : figure.verdict().label(),
          figure.note().replace("|", "\\|")) + " |");
    }
    long missed = figures.stream().filter(f -> f.verdict() == Figure.Verdict.NOT_MET).count();
    long met = figures.stream().filter(f -> f.verdict() == Figure.Verdict.MET).count();
    out.println();
    out.println(met + " targets met, " + missed + " not met.");
  }
}
