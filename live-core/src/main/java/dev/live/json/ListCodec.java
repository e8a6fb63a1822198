package dev.live.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.live.error.ErrorCode;
import dev.live.error.LiveException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** A JSON array of values of one codec. Lists in Live values hold no nulls. */
final class ListCodec<E> implements JsonCodec<List<E>> {
  private final JsonCodec<E> element;

  ListCodec(JsonCodec<E> element) {
    this.element = element;
  }

  @Override
  public void write(JsonGenerator out, List<E> value) throws IOException {
    out.writeStartArray(value, value.size());
    for (int i = 0; i < value.size(); i++) {
      E item = value.get(i);
      if (item == null) {
        throw new LiveException(ErrorCode.NULL_NOT_ALLOWED,
            "list element [" + i + "] is null; lists in Live values hold no nulls");
      }
      element.write(out, item);
    }
    out.writeEndArray();
  }

  @Override
  public List<E> read(JsonParser in) throws IOException {
    if (in.currentToken() != JsonToken.START_ARRAY) {
      throw JsonReads.unexpected(in, "", "an array");
    }
    List<E> items = new ArrayList<>();
    for (JsonToken token = in.nextToken(); token != JsonToken.END_ARRAY; token = in.nextToken()) {
      if (token == JsonToken.VALUE_NULL) {
        throw JsonReads.nullNotAllowed(in, "[" + items.size() + "]");
      }
      // The element's path is built only when it fails: most lists decode without an error.
      try {
        items.add(element.read(in));
      } catch (DecodeException e) {
        throw e.within("[" + items.size() + "]");
      }
    }
    return Collections.unmodifiableList(items);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ListCodec<?> that && element.equals(that.element);
  }

  @Override
  public int hashCode() {
    return 31 + element.hashCode();
  }
}
