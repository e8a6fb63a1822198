package dev.live.processor.model;

/**
 * A relation of a collection: a to-one relation through one of its own fields, or a to-many
 * relation through a field of another collection (the inverse of that collection's to-one).
 *
 * @param source the collection the relation belongs to
 * @param target the related collection
 * @param foreignKey the referencing field: on {@code source} for to-one, on {@code target} for to-many
 * @param inverseName for to-many: the name of the to-one relation it inverts
 */
public record RelationModel(
    String name,
    boolean toMany,
    CollectionModel source,
    CollectionModel target,
    FieldModel foreignKey,
    String inverseName) {}
