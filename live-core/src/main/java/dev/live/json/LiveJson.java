package dev.live.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.util.BufferRecycler;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import dev.live.error.ErrorCode;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;

/**
 * Whole-document encoding and decoding with a codec: the entry point for code that holds a
 * string or bytes rather than a parser.
 *
 * <pre>{@code
 * String json = LiveJson.encode(TaskJson.CODEC, task);
 * Task back = LiveJson.decode(TaskJson.CODEC, json);
 * }</pre>
 *
 * <p>Decoding reports every problem, malformed JSON and exceeded limits included, as a {@link
 * DecodeException}; it never lets a Jackson exception through.
 */
public final class LiveJson {
  private static final JsonFactory DEFAULT_FACTORY = JsonFactory.builder().build();

  private LiveJson() {}

  /** The factory used when none is given: Jackson's defaults, including its read limits. */
  public static JsonFactory factory() {
    return DEFAULT_FACTORY;
  }

  public static <T> String encode(JsonCodec<T> codec, T value) {
    StringWriter text = new StringWriter();
    try (JsonGenerator out = DEFAULT_FACTORY.createGenerator(text)) {
      codec.write(out, value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return text.toString();
  }

  public static <T> byte[] encodeBytes(JsonCodec<T> codec, T value) {
    // The output buffer comes from the factory's pool, as databind's writeValueAsBytes does:
    // a fresh builder would allocate its first block on every call.
    BufferRecycler recycler = DEFAULT_FACTORY._getBufferRecycler();
    try (ByteArrayBuilder bytes = new ByteArrayBuilder(recycler)) {
      try (JsonGenerator out = DEFAULT_FACTORY.createGenerator(bytes)) {
        codec.write(out, value);
      }
      return bytes.getClearAndRelease();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      recycler.releaseToPool();
    }
  }

  public static <T> T decode(JsonCodec<T> codec, String json) {
    return decode(DEFAULT_FACTORY, codec, json);
  }

  public static <T> T decode(JsonCodec<T> codec, byte[] json) {
    try (JsonParser in = DEFAULT_FACTORY.createParser(json)) {
      return readWhole(codec, in);
    } catch (IOException e) {
      throw asDecodeException(e);
    }
  }

  /** Decodes with a factory of the caller's, which sets the read limits. */
  public static <T> T decode(JsonFactory factory, JsonCodec<T> codec, String json) {
    try (JsonParser in = factory.createParser(json)) {
      return readWhole(codec, in);
    } catch (IOException e) {
      throw asDecodeException(e);
    }
  }

  /** Reads one value that must make up all of the input. */
  private static <T> T readWhole(JsonCodec<T> codec, JsonParser in) throws IOException {
    if (in.nextToken() == null) {
      throw JsonReads.at(in, ErrorCode.MALFORMED_JSON, "", "the input is empty");
    }
    T value = codec.read(in);
    if (in.nextToken() != null) {
      throw JsonReads.at(in, ErrorCode.MALFORMED_JSON, "", "unexpected content after the value");
    }
    return value;
  }

  /** Jackson's own exceptions, as the typed error every caller handles. */
  public static DecodeException asDecodeException(IOException e) {
    if (e instanceof StreamConstraintsException limit) {
      return withLocation(ErrorCode.LIMIT_EXCEEDED, limit.getOriginalMessage(), limit.getLocation());
    }
    if (e instanceof JsonProcessingException malformed) {
      return withLocation(ErrorCode.MALFORMED_JSON, malformed.getOriginalMessage(), malformed.getLocation());
    }
    throw new UncheckedIOException(e);
  }

  private static DecodeException withLocation(ErrorCode code, String problem, JsonLocation location) {
    if (location == null) {
      return new DecodeException(code, "", problem, -1, -1);
    }
    return new DecodeException(code, "", problem, location.getLineNr(), location.getColumnNr());
  }
}
