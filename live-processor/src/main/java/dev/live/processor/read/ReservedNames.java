package dev.live.processor.read;

import java.util.Map;

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
      Map.entry("COLLECTION", "metamodel"));

  private ReservedNames() {}
}
