package dev.live.query;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import dev.live.error.ErrorCode;
import dev.live.json.JsonReads;
import dev.live.json.LiveJson;
import dev.live.schema.LiveSchema;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;

/**
 * The wire form of queries, documented in {@code docs/protocol.md}. Encoding writes members in
 * a canonical order; decoding accepts any order and validates the query against a schema and
 * {@link QueryLimits}, since queries arrive from untrusted clients:
 *
 * <pre>{@code
 * String json = TaskQuery.where(Task_.done.isFalse()).limit(20).toJson();
 * QuerySpec<?> back = QueryJson.decode(AppSchema.INSTANCE, json);   // equals the original spec
 * }</pre>
 *
 * <p>Every problem is a {@link dev.live.json.DecodeException} with a code ({@code
 * UNKNOWN_COLLECTION}, {@code UNKNOWN_FIELD}, {@code UNKNOWN_RELATION}, {@code
 * UNKNOWN_OPERATOR}, {@code OPERATOR_NOT_ALLOWED}, {@code WRONG_TYPE}, {@code INVALID_QUERY},
 * {@code LIMIT_EXCEEDED}, ...), the path of the offending member and its position.
 */
public final class QueryJson {
  private QueryJson() {}

  public static String encode(QuerySpec<?> spec) {
    StringWriter text = new StringWriter();
    try (JsonGenerator out = LiveJson.factory().createGenerator(text)) {
      write(out, spec);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return text.toString();
  }

  public static void write(JsonGenerator out, QuerySpec<?> spec) throws IOException {
    QueryWriter.query(out, spec);
  }

  /** Decodes a whole document with the default limits. */
  public static QuerySpec<?> decode(LiveSchema schema, String json) {
    return decode(schema, json, QueryLimits.DEFAULT);
  }

  /** Decodes a whole document. */
  public static QuerySpec<?> decode(LiveSchema schema, String json, QueryLimits limits) {
    JsonFactory factory = LiveJson.factory();
    try (JsonParser in = factory.createParser(json)) {
      if (in.nextToken() == null) {
        throw JsonReads.at(in, ErrorCode.MALFORMED_JSON, "", "the input is empty");
      }
      QuerySpec<?> spec = read(schema, in, limits, factory);
      if (in.nextToken() != null) {
        throw JsonReads.at(in, ErrorCode.MALFORMED_JSON, "", "unexpected content after the query");
      }
      return spec;
    } catch (IOException e) {
      throw LiveJson.asDecodeException(e);
    }
  }

  /**
   * Reads a query that starts at the parser's current token (within a larger message); {@code
   * factory} reads members that must be buffered and should have the same limits as the
   * parser's.
   */
  public static QuerySpec<?> read(LiveSchema schema, JsonParser in, QueryLimits limits, JsonFactory factory)
      throws IOException {
    return new QueryReader(schema, limits, factory).query(in);
  }
}
