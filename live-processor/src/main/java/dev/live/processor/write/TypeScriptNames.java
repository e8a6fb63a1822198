package dev.live.processor.write;

import com.palantir.javapoet.ClassName;
import dev.live.processor.Diagnostics;
import dev.live.processor.Message;
import dev.live.processor.model.CollectionModel;
import dev.live.processor.model.EnumModel;
import dev.live.processor.model.RecordModel;
import dev.live.processor.model.SchemaModel;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.lang.model.element.Element;

/**
 * The names of a schema's types in its TypeScript declarations. A type is named as the Java
 * generation names its siblings: its simple names joined by {@code _} ({@code Outer.Task} is
 * {@code Outer_Task}); a collection adds {@code TaskInsert}, {@code TaskUpdate} and {@code
 * TaskWithRelations}; the schema interface is named like the registry class and keeps that name.
 *
 * <p>TypeScript has no packages, yet Java schemas may use {@code com.a.Status} and {@code
 * com.b.Status} together. Rather than refuse a schema the Java side accepts, every type whose name
 * another type also takes (or that TypeScript reserves, such as {@code string}) is named with its
 * package in front instead: {@code com_a_Status}, {@code com_b_Status}. That depends only on the
 * schema's types, so the output stays deterministic, and types without a clash keep their plain
 * names. A name still taken after that is reported on the type, before anything is written.
 */
final class TypeScriptNames {
  /**
   * Names TypeScript does not accept for an interface or type alias, among those a Java type may
   * have: its predefined types and reserved words (tried with tsc 5.9).
   */
  private static final Set<String> RESERVED = Set.of(
      "any", "unknown", "never", "string", "number", "bigint", "symbol", "object", "undefined", "intrinsic",
      "keyof", "infer", "readonly", "unique", "delete", "function", "in", "typeof", "with", "debugger",
      "export", "let", "await", "yield", "var");

  private static final List<String> COLLECTION_SUFFIXES = List.of("", "Insert", "Update", "WithRelations");

  /** A Java type that takes names, and where to report a problem with them. */
  private record Owner(ClassName type, Optional<Element> element, String describe, List<String> suffixes) {}

  private final Map<ClassName, String> names;
  private final String schema;

  private TypeScriptNames(Map<ClassName, String> names, String schema) {
    this.names = names;
    this.schema = schema;
  }

  /** The names of {@code schema}'s types, or empty when some type could not be named (reported). */
  static Optional<TypeScriptNames> of(SchemaModel schema, Diagnostics diagnostics) {
    List<Owner> owners = owners(schema);
    Owner registry = owners.get(0);
    Map<String, List<Owner>> plain = new HashMap<>();
    for (Owner owner : owners) {
      for (String name : names(owner, false)) {
        plain.computeIfAbsent(name, n -> new ArrayList<>()).add(owner);
      }
    }
    Set<Owner> qualified = new HashSet<>();
    for (Map.Entry<String, List<Owner>> name : plain.entrySet()) {
      if (name.getValue().size() > 1 || RESERVED.contains(name.getKey())) {
        name.getValue().stream().filter(owner -> owner != registry).forEach(qualified::add);
      }
    }

    String file = schema.registry().simpleName() + ".d.ts";
    Map<String, Owner> taken = new HashMap<>();
    Map<ClassName, String> bases = new LinkedHashMap<>();
    boolean named = true;
    for (Owner owner : owners) {
      for (String name : names(owner, qualified.contains(owner))) {
        Owner other = taken.putIfAbsent(name, owner);
        String reason = RESERVED.contains(name) ? "TypeScript reserves that name"
            : other != null ? "it is the name of " + other.describe() + " as well" : null;
        if (reason != null) {
          named = false;
          Optional<Element> site = owner.element().or(() -> other == null ? Optional.empty() : other.element());
          if (site.isPresent()) {
            diagnostics.error(site.get(), Message.TYPESCRIPT_NAME_TAKEN, file, owner.describe(), name, reason);
          } else {
            diagnostics.error(Message.TYPESCRIPT_NAME_TAKEN, file, owner.describe(), name, reason);
          }
          break; // one report per type: its other names clash for the same reason
        }
      }
      bases.put(owner.type(), names(owner, qualified.contains(owner)).get(0));
    }
    if (!named) {
      return Optional.empty();
    }
    String schemaName = bases.remove(registry.type());
    return Optional.of(new TypeScriptNames(Map.copyOf(bases), schemaName));
  }

  /** The name of an enum, a record or a collection's row. */
  String type(ClassName type) {
    String name = names.get(type);
    if (name == null) {
      throw new IllegalStateException("no TypeScript name for " + type.canonicalName());
    }
    return name;
  }

  String insert(CollectionModel collection) {
    return type(collection.type()) + "Insert";
  }

  String update(CollectionModel collection) {
    return type(collection.type()) + "Update";
  }

  String withRelations(CollectionModel collection) {
    return type(collection.type()) + "WithRelations";
  }

  /** The schema interface's name: the registry's. */
  String schema() {
    return schema;
  }

  /** The registry first (its name is fixed), then collections, records and enums in a stable order. */
  private static List<Owner> owners(SchemaModel schema) {
    List<Owner> owners = new ArrayList<>();
    owners.add(new Owner(schema.registry(), Optional.empty(),
        "the schema interface " + schema.registry().simpleName(), List.of("")));
    for (CollectionModel collection : schema.collections()) {
      owners.add(new Owner(collection.type(), Optional.of(collection.element()),
          "collection " + collection.type().canonicalName(), COLLECTION_SUFFIXES));
    }
    List<RecordModel> records = new ArrayList<>(schema.records().values());
    records.sort(Comparator.comparing(r -> r.name().canonicalName()));
    for (RecordModel record : records) {
      owners.add(new Owner(record.name(), Optional.of(record.element()),
          "record " + record.name().canonicalName(), List.of("")));
    }
    List<EnumModel> enums = new ArrayList<>(schema.enums().values());
    enums.sort(Comparator.comparing(e -> e.name().canonicalName()));
    for (EnumModel model : enums) {
      owners.add(new Owner(model.name(), Optional.of(model.element()),
          "enum " + model.name().canonicalName(), List.of("")));
    }
    return owners;
  }

  /** The names {@code owner} takes, its base name first; with its package in front when {@code qualified}. */
  private static List<String> names(Owner owner, boolean qualified) {
    String flat = String.join("_", owner.type().simpleNames());
    String packageName = owner.type().packageName();
    String base = qualified && !packageName.isEmpty() ? packageName.replace('.', '_') + "_" + flat : flat;
    return owner.suffixes().stream().map(suffix -> base + suffix).toList();
  }
}
