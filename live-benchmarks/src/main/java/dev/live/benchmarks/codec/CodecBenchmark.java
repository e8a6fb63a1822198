package dev.live.benchmarks.codec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import dev.live.json.LiveJson;
import io.avaje.jsonb.JsonType;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Encoding a {@link Todo} to bytes and decoding it from bytes, with Live's generated codec
 * ({@link TodoJson#CODEC} through {@link LiveJson}), Jackson databind and avaje-jsonb's
 * generated adapter, in the same run.
 *
 * <p>Every library is used the way a server would use it: configured once, then shared. The
 * decoders all read the same bytes (the libraries write identical JSON for the sample; the
 * consistency test checks it). {@code roundTrip} is encode then decode, the figure the
 * performance target is stated for.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class CodecBenchmark {
  private Todo value;
  private byte[] json;

  private ObjectWriter databindWriter;
  private ObjectReader databindReader;
  private JsonType<Todo> avajeType;

  @Setup
  public void setUp() {
    value = Libraries.sample();
    json = LiveJson.encodeBytes(TodoJson.CODEC, value);
    // Readers and writers bound to the type: databind's fastest documented use, with no
    // per-call lookup of the root (de)serializer.
    ObjectMapper mapper = Libraries.databind();
    databindWriter = mapper.writerFor(Todo.class);
    databindReader = mapper.readerFor(Todo.class);
    avajeType = Libraries.avaje().type(Todo.class);
  }

  @Benchmark
  public byte[] liveEncode() {
    return LiveJson.encodeBytes(TodoJson.CODEC, value);
  }

  @Benchmark
  public Todo liveDecode() {
    return LiveJson.decode(TodoJson.CODEC, json);
  }

  @Benchmark
  public Todo liveRoundTrip() {
    return LiveJson.decode(TodoJson.CODEC, LiveJson.encodeBytes(TodoJson.CODEC, value));
  }

  @Benchmark
  public byte[] databindEncode() throws JsonProcessingException {
    return databindWriter.writeValueAsBytes(value);
  }

  @Benchmark
  public Todo databindDecode() throws IOException {
    return databindReader.readValue(json);
  }

  @Benchmark
  public Todo databindRoundTrip() throws IOException {
    return databindReader.readValue(databindWriter.writeValueAsBytes(value));
  }

  @Benchmark
  public byte[] avajeEncode() {
    return avajeType.toJsonBytes(value);
  }

  @Benchmark
  public Todo avajeDecode() {
    return avajeType.fromJson(json);
  }

  @Benchmark
  public Todo avajeRoundTrip() {
    return avajeType.fromJson(avajeType.toJsonBytes(value));
  }
}
