package dev.live.engine;

import dev.live.query.Condition;
import dev.live.query.Field;
import dev.live.query.Include;
import dev.live.query.Relation;
import dev.live.query.RowOrder;
import dev.live.query.RowShape;
import dev.live.query.ToMany;
import dev.live.query.ToOne;
import dev.live.query.ValueOrder;
import dev.live.schema.CollectionSchema;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One include of a node, at some depth, with what it holds of its related rows, indexed so that
 * a change of one of them finds the rows it hangs from:
 * <ul>
 *   <li>to-one: the rows pointing to each target id, and each target's shared entry (present only
 *       while the target matches the include's where);
 *   <li>to-many: the rows whose related rows it includes, by id, and each related row held.
 * </ul>
 */
final class Site {
  final Include<?, ?> include;
  final Relation<?, ?> relation;
  final boolean toOne;
  final CollectionSchema<?> target;
  final Optional<? extends Condition<?>> where;
  /** To-one: the foreign key in the rows it hangs from; to-many: the foreign key in the related rows. */
  final Field<?, ?> foreignKey;
  final int slot;
  final Site parentSite;
  final List<Site> sites;
  final RowShape<?, ?> shape;
  /** To-many: the related rows' order (of records, and of entries), and how many of them show and are held per row. */
  final Comparator<Object> recordOrder;
  final Comparator<Entry> order;
  final int show;
  final int hold;

  /**
   * To-one with a where: the targets the where shows, with their rows, kept by the engine; a
   * target not in it is hidden. Null otherwise: targets come from the row cache.
   */
  RelationSet<?> targetSet;
  final Map<Object, Set<Entry>> pointing = new HashMap<>();
  final Map<Object, Entry> targets = new HashMap<>();
  final Map<Object, Entry> parents = new HashMap<>();
  final Map<Object, Entry> children = new HashMap<>();

  @SuppressWarnings({"unchecked", "rawtypes"})
  private Site(Include<?, ?> include, int slot, Site parentSite, ValueOrder values) {
    this.include = include;
    this.relation = include.relation();
    this.toOne = relation instanceof ToOne;
    this.target = relation.target();
    this.where = include.where();
    this.foreignKey = toOne ? ((ToOne<?, ?>) relation).foreignKey() : ((ToMany<?, ?>) relation).inverse().foreignKey();
    this.slot = slot;
    this.parentSite = parentSite;
    this.shape = target.rows();
    RowOrder rowOrder = RowOrder.of((CollectionSchema) target, (List) include.orderBy(), values);
    this.recordOrder = rowOrder;
    this.order = (a, b) -> rowOrder.compare(a.record, b.record);
    int limit = include.limit().orElse(Integer.MAX_VALUE);
    this.show = limit;
    this.hold = include.limit().isPresent() ? limit + Window.slack(limit) : Integer.MAX_VALUE;
    List<Site> nested = new ArrayList<>();
    for (Include<?, ?> child : include.includes()) {
      nested.add(new Site(child, nested.size(), this, values));
    }
    this.sites = List.copyOf(nested);
  }

  /** The sites of {@code includes}, the includes of one level. */
  static List<Site> of(List<? extends Include<?, ?>> includes, Site parentSite, ValueOrder values) {
    List<Site> sites = new ArrayList<>(includes.size());
    for (Include<?, ?> include : includes) {
      sites.add(new Site(include, sites.size(), parentSite, values));
    }
    return List.copyOf(sites);
  }

  /** Every site at or below {@code sites}, parents before their children. */
  static List<Site> flatten(List<Site> sites) {
    List<Site> all = new ArrayList<>();
    for (Site site : sites) {
      all.add(site);
      all.addAll(flatten(site.sites));
    }
    return all;
  }

  /** The rows pointing to target {@code id}: a set created on demand. */
  Set<Entry> pointingTo(Object id) {
    return pointing.computeIfAbsent(id, i -> new LinkedHashSet<>());
  }

  /** A new, empty window of related rows for one row. */
  Window window() {
    return new Window(order, show, hold);
  }

  @SuppressWarnings("unchecked") // a record of the rows this site hangs from, or of its related rows
  Object keyOf(Object record) {
    return ((Field<Object, ?>) foreignKey).get(record);
  }

  @SuppressWarnings("unchecked")
  Object idOf(Object record) {
    return ((Field<Object, ?>) target.id()).get(record);
  }

  @Override
  public String toString() {
    return relation.name();
  }
}
