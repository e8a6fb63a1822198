package dev.live.processor.model;

import com.palantir.javapoet.ClassName;
import java.util.List;
import javax.lang.model.element.TypeElement;

/**
 * A room type declared by {@code @LiveRoom} on {@code element}: its name, the records of its state
 * and presence, and its events in declaration order.
 */
public record RoomModel(TypeElement element, ClassName type, String name, ClassName state, ClassName presence,
    List<Event> events) {
  public RoomModel {
    events = List.copyOf(events);
  }

  /** An event: its name on the wire, the record it carries, and the constant naming it in Java. */
  public record Event(String name, ClassName type, String constant) {}
}
