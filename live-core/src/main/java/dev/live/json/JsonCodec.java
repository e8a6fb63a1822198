package dev.live.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import java.io.IOException;

/**
 * Reads and writes one type as JSON with Jackson's streaming API. Generated for every record
 * and enum a schema uses; {@link Codecs} holds the ones for built-in types.
 *
 * <p>Contract of {@link #read}: the parser's current token is the first token of the value
 * (the caller has called {@code nextToken()}); on return the current token is the value's last
 * token. A value of JSON {@code null} is handled by the caller, never passed to {@code read}.
 * Problems with the input are reported as {@link DecodeException}.
 *
 * @param <T> the Java type
 */
public interface JsonCodec<T> {
  /** Writes {@code value}, which is never null. */
  void write(JsonGenerator out, T value) throws IOException;

  /** Reads a value that starts at the parser's current token. */
  T read(JsonParser in) throws IOException;
}
