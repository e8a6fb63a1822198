package dev.live.room;

import dev.live.json.JsonCodec;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One kind of event a room carries: its name on the wire and the codec of its payload, a
 * {@code @LiveMessage} record ({@code new EventType<>("typing", TypingJson.CODEC)}). A payload
 * is decoded, and so validated, before it is passed on.
 */
public record EventType<E>(String name, JsonCodec<E> codec) {
  private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_.-]{0,63}");

  public EventType {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(codec, "codec");
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("an event name is a letter followed by up to 63 letters, digits and _ . -;"
          + " not '" + name + "'");
    }
  }
}
