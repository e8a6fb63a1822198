package dev.live.benchmarks.codec;

import dev.live.benchmarks.suite.Figure;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * The codec target in one JMH run: encode+decode (roundTrip) of the 10-field {@link Todo} with
 * Live's generated codec, Jackson databind and avaje-jsonb, one fork, short iterations so that the
 * suite stays bounded (about a minute); {@code docs/benchmarks.md} has the longer command.
 */
public final class CodecFigures {
  private CodecFigures() {}

  public static List<Figure> figures(int iterations, int secondsPerIteration) throws RunnerException {
    Options options = new OptionsBuilder()
        .include(CodecBenchmark.class.getName() + "\\.(live|databind|avaje)RoundTrip$")
        .forks(1)
        .warmupIterations(2)
        .warmupTime(TimeValue.seconds(secondsPerIteration))
        .measurementIterations(iterations)
        .measurementTime(TimeValue.seconds(secondsPerIteration))
        .build();
    Collection<RunResult> results = new Runner(options).run();
    double live = score(results, "liveRoundTrip");
    double databind = score(results, "databindRoundTrip");
    double avaje = score(results, "avajeRoundTrip");
    return List.of(
        Figure.checked("codec", "encode+decode, 10-field record, vs Jackson databind", ratio(live, databind),
            "≥ 1.5×", live >= 1.5 * databind, ops(live) + " vs " + ops(databind) + " ops/s"),
        Figure.checked("codec", "encode+decode, 10-field record, vs avaje-jsonb", ratio(live, avaje),
            "≥ 1×", live >= avaje, ops(live) + " vs " + ops(avaje) + " ops/s"));
  }

  private static double score(Collection<RunResult> results, String method) {
    return results.stream()
        .filter(result -> result.getParams().getBenchmark().endsWith("." + method))
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("JMH ran no " + method))
        .getPrimaryResult().getScore();
  }

  private static String ratio(double a, double b) {
    return String.format(Locale.ROOT, "%.2f×", a / b);
  }

  private static String ops(double value) {
    return String.format(Locale.ROOT, "%,.0f", value);
  }
}
