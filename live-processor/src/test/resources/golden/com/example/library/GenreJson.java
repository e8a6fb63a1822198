package com.example.library;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import dev.live.json.JsonCodec;
import dev.live.json.JsonReads;
import java.io.IOException;
import javax.annotation.processing.Generated;
import org.jspecify.annotations.Nullable;

/**
 * The JSON codec of enum {@link Genre}: constants by name.
 */
@Generated("dev.live.processor.LiveProcessor")
public final class GenreJson {
  /**
   * Reads and writes a constant as its name.
   */
  public static final JsonCodec<Genre> CODEC = new Codec();

  /**
   * The constants' names, for messages.
   */
  public static final String NAMES = "FICTION, SCIENCE, HISTORY";

  private GenreJson() {
  }

  /**
   * The constant named {@code name}, or null when there is none.
   */
  public static @Nullable Genre fromName(String name) {
    switch (name) {
      case "FICTION":
        return Genre.FICTION;
      case "SCIENCE":
        return Genre.SCIENCE;
      case "HISTORY":
        return Genre.HISTORY;
      default:
        return null;
    }
  }

  private static final class Codec implements JsonCodec<Genre> {
    @Override
    public void write(JsonGenerator out, Genre value) throws IOException {
      out.writeString(value.name());
    }

    @Override
    public Genre read(JsonParser in) throws IOException {
      String name = JsonReads.string(in, "");
      Genre value = fromName(name);
      if (value == null) {
        throw JsonReads.invalid(in, "", "\"" + JsonReads.shortened(name) + "\" is not a Genre; expected one of: " + NAMES);
      }
      return value;
    }
  }
}
