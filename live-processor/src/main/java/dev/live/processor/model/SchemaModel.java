package dev.live.processor.model;

import com.palantir.javapoet.ClassName;
import java.util.List;
import java.util.Map;

/**
 * Everything one compilation declares: collections (sorted by name), relations, procedure
 * classes (sorted by class name), room types (sorted by name), the records and enums they use,
 * and the registry's name.
 */
public record SchemaModel(
    ClassName registry,
    List<CollectionModel> collections,
    List<RelationModel> relations,
    List<ProcedureClassModel> procedureClasses,
    List<RoomModel> rooms,
    Map<ClassName, RecordModel> records,
    Map<ClassName, EnumModel> enums) {

  public SchemaModel {
    collections = List.copyOf(collections);
    relations = List.copyOf(relations);
    procedureClasses = List.copyOf(procedureClasses);
    rooms = List.copyOf(rooms);
    records = Map.copyOf(records);
    enums = Map.copyOf(enums);
  }

  /** The relations belonging to {@code collection}: to-one first, then to-many. */
  public List<RelationModel> relationsOf(CollectionModel collection) {
    return relations.stream().filter(r -> r.source() == collection)
        .sorted((a, b) -> Boolean.compare(a.toMany(), b.toMany())).toList();
  }

  public CollectionModel collection(ClassName type) {
    return collections.stream().filter(c -> c.type().equals(type)).findFirst().orElse(null);
  }
}
