package dev.live.processor.read;

import com.palantir.javapoet.ClassName;
import dev.live.processor.Diagnostics;
import dev.live.processor.Message;
import dev.live.processor.model.RoomModel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;

/**
 * Reads a {@code @LiveRoom} declaration into a {@link RoomModel}: the names follow the runtime's
 * rules for room types and events (checked here, so that a bad name fails the build instead of the
 * server's start), and the records are read as values, which gives them codecs and TypeScript types.
 */
final class RoomReader {
  /** As {@code RoomType}'s and {@code EventType}'s own checks. */
  private static final Pattern ROOM_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_-]{0,31}");
  private static final Pattern EVENT_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_.-]{0,63}");

  private final Diagnostics diagnostics;
  private final TypeReader types;

  RoomReader(Diagnostics diagnostics, TypeReader types) {
    this.diagnostics = diagnostics;
    this.types = types;
  }

  /** The room {@code element} declares, or empty when an error was reported. */
  Optional<RoomModel> read(TypeElement element) {
    int errorsBefore = diagnostics.errorCount();
    AnnotationMirror annotation = Annotations.find(element, LiveAnnotations.ROOM).orElseThrow();
    checkOwner(element);
    String name = Annotations.value(annotation, "name").map(Object::toString).orElse("");
    if (!ROOM_NAME.matcher(name).matches()) {
      diagnostics.error(element, annotation, Message.ROOM_NAME_INVALID, name);
    }
    ClassName state = record(element, annotation, "state", name);
    ClassName presence = record(element, annotation, "presence", name);

    List<RoomModel.Event> events = new ArrayList<>();
    Map<String, String> constants = new HashMap<>();
    for (AnnotationMirror event : eventMirrors(annotation)) {
      String eventName = Annotations.value(event, "name").map(Object::toString).orElse("");
      ClassName type = record(element, event, "type", name + "' event '" + eventName);
      if (!EVENT_NAME.matcher(eventName).matches()) {
        diagnostics.error(element, annotation, Message.ROOM_EVENT_NAME_INVALID, eventName, name);
        continue;
      }
      if (events.stream().anyMatch(e -> e.name().equals(eventName))) {
        diagnostics.error(element, annotation, Message.ROOM_EVENT_DUPLICATE, name, eventName);
        continue;
      }
      String constant = constant(eventName);
      String other = constants.putIfAbsent(constant, eventName);
      if (other != null) {
        diagnostics.error(element, annotation, Message.ROOM_EVENT_CONSTANT_CLASH, other, eventName, name, constant);
        continue;
      }
      events.add(new RoomModel.Event(eventName, type, constant));
    }
    if (diagnostics.errorCount() > errorsBefore) {
      return Optional.empty();
    }
    return Optional.of(new RoomModel(element, ClassName.get(element), name, state, presence, events));
  }

  /**
   * The generated {@code X_} takes the name Live gives a collection's metamodel and a procedure
   * class's descriptors, so the room is declared on a type that is neither.
   */
  private void checkOwner(TypeElement element) {
    String what = null;
    if (Annotations.has(element, LiveAnnotations.COLLECTION)) {
      what = "a @Collection record";
    } else if (element.getEnclosedElements().stream().anyMatch(member -> member.getKind() == ElementKind.METHOD
        && Annotations.has(member, LiveAnnotations.PROCEDURE))) {
      what = "a class with @Procedure methods";
    }
    if (what != null) {
      String flat = String.join("_", ClassName.get(element).simpleNames());
      diagnostics.error(element, Message.ROOM_OWNER_TAKEN, element.getSimpleName(), what, flat + "_");
    }
  }

  /**
   * The record a member names, read as a value: its components are checked and its codec
   * generated. Null (after reporting) when it is not one.
   */
  private ClassName record(TypeElement owner, AnnotationMirror annotation, String member, String room) {
    Object value = Annotations.value(annotation, member).orElse(null);
    if (!(value instanceof TypeMirror type) || type.getKind() == TypeKind.ERROR) {
      // javac gives an unresolved class literal as an error type or its text: maybe a type
      // another processor has yet to generate.
      throw UnresolvedTypeException.located("type " + value + " of room type '" + room + "'", owner);
    }
    String describe = "the " + member + " of room type '" + room + "'";
    Element typeElement = type instanceof DeclaredType declared ? declared.asElement() : null;
    if (typeElement == null || typeElement.getKind() != ElementKind.RECORD
        || !((TypeElement) typeElement).getTypeParameters().isEmpty()) {
      diagnostics.error(owner, annotation, Message.ROOM_RECORD_INVALID, describe,
          typeElement == null ? type.toString() : typeElement.getSimpleName());
      return null;
    }
    TypeReader.Result result;
    try {
      result = types.read(type);
    } catch (UnresolvedTypeException e) {
      throw e.at(describe, owner);
    }
    if (result.problem().isPresent()) {
      types.report(result.problem().get(), owner, describe, type);
      return null;
    }
    return ClassName.get((TypeElement) typeElement);
  }

  private static List<AnnotationMirror> eventMirrors(AnnotationMirror annotation) {
    List<AnnotationMirror> events = new ArrayList<>();
    Object value = Annotations.value(annotation, "events").orElse(List.of());
    if (value instanceof List<?> list) {
      for (Object item : list) {
        if (item instanceof AnnotationValue annotationValue
            && annotationValue.getValue() instanceof AnnotationMirror event) {
          events.add(event);
        }
      }
    }
    return events;
  }

  /** The Java constant of an event: {@code typing} → {@code TYPING}, {@code task.moved} → {@code TASK_MOVED}. */
  static String constant(String eventName) {
    return Names.column(eventName).replace('.', '_').replace('-', '_').toUpperCase(Locale.ROOT);
  }
}
