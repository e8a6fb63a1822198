package dev.live.schema;

import dev.live.procedure.ProcedureDescriptor;
import dev.live.procedure.ProcedureDispatcher;
import dev.live.procedure.ProcedureGroup;
import dev.live.query.Relation;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The schema registry of one application: its collections, relations and procedures. The
 * processor generates one subclass ({@code AppSchema.INSTANCE}) listing them with class
 * literals and constructor references, so the runtime never scans or reflects.
 */
public abstract class LiveSchema {
  private final Map<String, CollectionSchema<?>> collections;
  private final List<ProcedureGroup<?>> procedureGroups;
  private final Map<String, ProcedureDescriptor<?, ?>> procedures;

  protected LiveSchema(List<CollectionSchema<?>> collections, List<ProcedureGroup<?>> procedureGroups) {
    Map<String, CollectionSchema<?>> byName = new TreeMap<>();
    for (CollectionSchema<?> collection : collections) {
      if (byName.put(collection.name(), collection) != null) {
        throw new IllegalArgumentException("two collections named " + collection.name());
      }
    }
    Map<String, ProcedureDescriptor<?, ?>> procedureMap = new TreeMap<>();
    for (ProcedureGroup<?> group : procedureGroups) {
      for (ProcedureDescriptor<?, ?> procedure : group.procedures()) {
        if (procedureMap.put(procedure.name(), procedure) != null) {
          throw new IllegalArgumentException("two procedures named " + procedure.name());
        }
      }
    }
    this.collections = Collections.unmodifiableMap(byName);
    this.procedureGroups = List.copyOf(procedureGroups);
    this.procedures = Collections.unmodifiableMap(procedureMap);
  }

  /** The collections, sorted by name. */
  public final List<CollectionSchema<?>> collections() {
    return List.copyOf(collections.values());
  }

  public final Optional<CollectionSchema<?>> collection(String name) {
    return Optional.ofNullable(collections.get(name));
  }

  /** The names of the collections, sorted, for messages. */
  public final List<String> collectionNames() {
    return List.copyOf(collections.keySet());
  }

  /** Every relation of every collection. */
  public final List<Relation<?, ?>> relations() {
    List<Relation<?, ?>> all = new ArrayList<>();
    for (CollectionSchema<?> collection : collections.values()) {
      all.addAll(collection.relations());
    }
    return all;
  }

  /** The procedure classes with their dispatcher factories. */
  public final List<ProcedureGroup<?>> procedureGroups() {
    return procedureGroups;
  }

  /** Every procedure, sorted by name. */
  public final List<ProcedureDescriptor<?, ?>> procedures() {
    return List.copyOf(procedures.values());
  }

  public final Optional<ProcedureDescriptor<?, ?>> procedure(String name) {
    return Optional.ofNullable(procedures.get(name));
  }

  /**
   * A dispatcher for a service object whose class declares {@code @Procedure} methods, or
   * empty when its class is not one this schema knows.
   */
  public final Optional<ProcedureDispatcher> dispatcherFor(Object service) {
    for (ProcedureGroup<?> group : procedureGroups) {
      Optional<ProcedureDispatcher> dispatcher = group.bind(service);
      if (dispatcher.isPresent()) {
        return dispatcher;
      }
    }
    return Optional.empty();
  }
}
