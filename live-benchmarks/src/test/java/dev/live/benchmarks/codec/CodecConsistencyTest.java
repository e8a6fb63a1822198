package dev.live.benchmarks.codec;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.live.json.LiveJson;
import io.avaje.jsonb.JsonType;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The benchmark compares like with like: for the same value, Live's codec, databind and avaje
 * write the same JSON, and each reads back what the others write.
 */
class CodecConsistencyTest {
  private final ObjectMapper databind = Libraries.databind();
  private final JsonType<Todo> avaje = Libraries.avaje().type(Todo.class);

  static Stream<Todo> values() {
    Todo sample = Libraries.sample();
    return Stream.of(
        sample,
        // No due date, no tags, a whole estimate, nanoseconds, extreme numbers, escapes.
        new Todo("a", "Quote \" and \\ and \u00e9 and \n", true, Integer.MIN_VALUE,
            Instant.parse("2026-01-02T03:04:05.123456789Z"), null, 3.0, Long.MAX_VALUE,
            Status.DONE, List.of()),
        new Todo("b", "", false, 0, Instant.EPOCH, Instant.parse("1999-12-31T23:59:59Z"),
            0.1, -1L, Status.TODO, List.of("x")));
  }

  @ParameterizedTest
  @MethodSource("values")
  void allThreeWriteTheSameJson(Todo value) throws Exception {
    String live = new String(LiveJson.encodeBytes(TodoJson.CODEC, value), StandardCharsets.UTF_8);
    String databindJson = new String(databind.writeValueAsBytes(value), StandardCharsets.UTF_8);
    String avajeJson = new String(avaje.toJsonBytes(value), StandardCharsets.UTF_8);

    // Same members in the same order, as the benchmark's decoders share one input.
    assertThat(databindJson).isEqualTo(live);
    assertThat(avajeJson).isEqualTo(live);
  }

  @ParameterizedTest
  @MethodSource("values")
  void eachReadsWhatTheOthersWrite(Todo value) throws Exception {
    List<byte[]> outputs = List.of(
        LiveJson.encodeBytes(TodoJson.CODEC, value),
        databind.writeValueAsBytes(value),
        avaje.toJsonBytes(value));
    for (byte[] json : outputs) {
      assertThat(LiveJson.decode(TodoJson.CODEC, json)).isEqualTo(value);
      assertThat(databind.readValue(json, Todo.class)).isEqualTo(value);
      assertThat(avaje.fromJson(json)).isEqualTo(value);
    }
  }

  @Test
  void benchmarksGiveBackTheSample() throws Exception {
    CodecBenchmark benchmark = new CodecBenchmark();
    benchmark.setUp();
    Todo sample = Libraries.sample();
    assertThat(benchmark.liveRoundTrip()).isEqualTo(sample);
    assertThat(benchmark.databindRoundTrip()).isEqualTo(sample);
    assertThat(benchmark.avajeRoundTrip()).isEqualTo(sample);
    assertThat(benchmark.liveDecode()).isEqualTo(sample);
    assertThat(benchmark.databindDecode()).isEqualTo(sample);
    assertThat(benchmark.avajeDecode()).isEqualTo(sample);
    assertThat(benchmark.databindEncode()).isEqualTo(benchmark.liveEncode());
    assertThat(benchmark.avajeEncode()).isEqualTo(benchmark.liveEncode());
  }
}
