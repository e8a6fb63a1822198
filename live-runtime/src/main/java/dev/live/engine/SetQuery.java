package dev.live.engine;

import dev.live.query.Condition;
import dev.live.query.Field;
import dev.live.query.RelationMatch;
import dev.live.query.ToMany;
import dev.live.query.ToOne;
import dev.live.schema.CollectionSchema;

/**
 * What a {@link RelationSet} keeps: the rows of {@code collection} matching {@code condition},
 * counted by their {@code key}. A relation condition is a test of one value of the row it is
 * asked about against such a set:
 * <ul>
 *   <li>{@code fk.is(c)}: the row's foreign key is the id of a target matching {@code c}: key is
 *       the target's id;
 *   <li>{@code many.some(c)}: some related row matching {@code c} points to the row's id: key is
 *       the related rows' foreign key; {@code none(c)} is its negation, and {@code every(c)} is
 *       {@code none(not c)}.
 * </ul>
 * Records with value equality, so that operators asking the same share one set. A set that
 * answers a to-one include's where ({@code rows}) keeps its members' rows too: the include shows a
 * member's row from it, and hides a target that is not a member, without reading storage.
 */
record SetQuery<U>(CollectionSchema<U> collection, Field<U, ?> key, Condition<U> condition, boolean rows) {
  /** How one relation condition reads its set. */
  record Test(SetQuery<?> set, Field<?, ?> probe, boolean negated, boolean toOne) {}

  @SuppressWarnings({"unchecked", "rawtypes"})
  static <T, U> Test test(RelationMatch<T, U> match) {
    if (match.relation() instanceof ToOne<T, U> toOne) {
      CollectionSchema<U> target = toOne.target();
      return new Test(new SetQuery<>(target, target.id(), match.condition(), false), toOne.foreignKey(), false, true);
    }
    ToMany<T, U> toMany = (ToMany<T, U>) match.relation();
    Field<U, ?> foreignKey = toMany.inverse().foreignKey();
    CollectionSchema<U> target = toMany.target();
    Field<?, ?> parentId = toMany.source().id();
    switch (match.quantifier()) {
      case SOME:
        return new Test(new SetQuery<>(target, foreignKey, match.condition(), false), parentId, false, false);
      case NONE:
        return new Test(new SetQuery<>(target, foreignKey, match.condition(), false), parentId, true, false);
      case EVERY:
        // Every related row matches: none fails to.
        Condition<U> fails = Condition.not(match.condition());
        return new Test(new SetQuery<>(target, foreignKey, fails, false), parentId, true, false);
      default:
        throw new IllegalArgumentException("no set for quantifier " + match.quantifier());
    }
  }

  /** The targets a to-one include with a where shows: those matching it, with their rows. */
  static <U> SetQuery<U> targets(CollectionSchema<U> target, Condition<U> where) {
    return new SetQuery<>(target, target.id(), where, true);
  }

  /** Whether the key is the rows' id (a to-one relation's set): a row inserted is referred to by none yet. */
  boolean keyedById() {
    return key.isId();
  }
}
