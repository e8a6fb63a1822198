package dev.live.processor.read;

import java.util.Map;
import java.util.Set;

/**
 * Names that generated types use for their own members, so that a component or relation of
 * the same name would clash. Each maps to the generated type that owns it, for the message.
 */
final class ReservedNames {
  static final Map<String, String> COMPONENTS = Map.ofEntries(
      Map.entry("builder", "Insert DTO"),
      Map.entry("build", "Insert DTO builder"),
      Map.entry("toRecord", "Insert DTO"),
      Map.entry("collection", "Insert and Update DTOs"),
      Map.entry("applyTo", "Update DTO"),
      Map.entry("isSet", "Update DTO"),
      Map.entry("isSetAt", "Update DTO"),
      Map.entry("valueAt", "Update DTO"),
      Map.entry("get", "Update DTO"),
      Map.entry("changedFields", "Update DTO"),
      Map.entry("isEmpty", "Update DTO"),
      Map.entry("equals", "Update DTO"),
      Map.entry("COLLECTION", "metamodel"));

  static final Map<String, String> RELATIONS = Map.ofEntries(
      Map.entry("value", "Row"),
      Map.entry("included", "Row"),
      Map.entry("toOne", "Row"),
      Map.entry("toMany", "Row"),
      Map.entry("equals", "Row"),
      Map.entry("hashCode", "Row"),
      Map.entry("toString", "Row"),
      Map.entry("getClass", "Row"),
      Map.entry("wait", "Row"),
      Map.entry("notify", "Row"),
      Map.entry("notifyAll", "Row"),
      Map.entry("finalize", "Row"),
      Map.entry("COLLECTION", "metamodel"));

  /** Each procedure is a method of the generated client, so Object's own methods are taken. */
  static final Map<String, String> PROCEDURES = Map.ofEntries(
      Map.entry("hashCode", "client"),
      Map.entry("toString", "client"),
      Map.entry("getClass", "client"),
      Map.entry("wait", "client"),
      Map.entry("notify", "client"),
      Map.entry("notifyAll", "client"),
      Map.entry("finalize", "client"));

  /** Names the Java language forbids for record components (JLS 8.10.1): Object's methods. */
  static final Set<String> OBJECT_METHODS = Set.of(
      "clone", "finalize", "getClass", "hashCode", "notify", "notifyAll", "toString", "wait");

  private ReservedNames() {}
}
