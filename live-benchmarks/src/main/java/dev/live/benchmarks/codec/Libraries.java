package dev.live.benchmarks.codec;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.avaje.jsonb.Jsonb;
import java.time.Instant;
import java.util.List;

/**
 * The value every library encodes and decodes, and each library configured to write the same
 * JSON for it as Live's generated codec: every field, nulls included, instants as ISO-8601
 * strings, enums by name. {@code CodecConsistencyTest} checks that they agree.
 */
public final class Libraries {
  private Libraries() {}

  /** A typical row: short strings, a few numbers, two instants, an enum, three tags. */
  public static Todo sample() {
    return new Todo(
        "01JD6T6Y8Q3M2ZB3Z0K9V5XQ7C",
        "Write the quarterly report for the board meeting",
        false,
        3,
        Instant.parse("2026-11-22T10:15:30.123Z"),
        Instant.parse("2026-12-01T17:00:00Z"),
        2.5,
        42L,
        Status.DOING,
        List.of("work", "reports", "q4"));
  }

  /**
   * Jackson databind: records are supported natively; java.time needs the JSR-310 module, and
   * ISO-8601 strings rather than its default numeric timestamps.
   */
  public static ObjectMapper databind() {
    return JsonMapper.builder()
        .addModule(new JavaTimeModule())
        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
        .build();
  }

  /** avaje-jsonb with its generated adapter; nulls written, as Live and databind do. */
  public static Jsonb avaje() {
    return Jsonb.builder().serializeNulls(true).build();
  }
}
