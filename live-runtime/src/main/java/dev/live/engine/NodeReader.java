package dev.live.engine;

import dev.live.query.Condition;
import dev.live.query.Field;
import dev.live.query.Order;
import dev.live.query.QuerySpec;
import dev.live.query.RowOrder;
import dev.live.schema.CollectionSchema;
import dev.live.storage.EngineRead;
import dev.live.storage.Store;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Reads nodes from storage, off the engine's lock, several at once: the rows of nodes of one
 * shape in one statement, then their includes level by level, with the to-one targets of every
 * node in one statement per collection and the to-many related rows of nodes of one shape in one
 * statement per include. A batch of nodes therefore costs a statement per shape and include
 * level, not per node.
 */
final class NodeReader {
  private NodeReader() {}

  /** The images of {@code nodes}, in the same order, read on one connection. */
  static List<NodeImage> read(Store store, List<QueryNode<?>> nodes) {
    return EngineRead.run(store, "reading live queries", read -> {
      Map<QueryNode<?>, NodeImage> images = new IdentityHashMap<>();
      Map<CollectionSchema<?>, List<QueryNode<?>>> byCollection = new LinkedHashMap<>();
      for (QueryNode<?> node : nodes) {
        byCollection.computeIfAbsent(node.query().collection(), c -> new ArrayList<>()).add(node);
      }
      for (List<QueryNode<?>> group : byCollection.values()) {
        readRows(read, group, images);
      }
      List<Level> frontier = new ArrayList<>();
      for (QueryNode<?> node : nodes) {
        frontier.add(new Level(images.get(node), node.sites(), images.get(node).rows()));
      }
      while (!frontier.isEmpty()) {
        frontier = readIncludes(read, frontier);
      }
      List<NodeImage> result = new ArrayList<>(nodes.size());
      for (QueryNode<?> node : nodes) {
        result.add(images.get(node));
      }
      return result;
    });
  }

  /** The records of every row matching {@code spec}, for a relation set. */
  static <U> List<U> readSet(Store store, QuerySpec<U> spec) {
    return EngineRead.run(store, "reading rows a relation condition needs",
        read -> read.selectEach(List.of(spec)).get(0));
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static void readRows(EngineRead read, List<QueryNode<?>> group, Map<QueryNode<?>, NodeImage> images) {
    List<QuerySpec<Object>> specs = new ArrayList<>(group.size());
    for (QueryNode<?> node : group) {
      QuerySpec spec = node.query().spec();
      specs.add(spec.limit().isPresent() ? spec.limit(node.readLimit()) : spec);
    }
    List<List<Object>> rows = read.selectEach(specs);
    for (int i = 0; i < group.size(); i++) {
      QueryNode<?> node = group.get(i);
      List<Object> found = new ArrayList<>(rows.get(i));
      found.sort((RowOrder) node.order());
      boolean more = node.query().spec().limit().isPresent() && found.size() >= node.readLimit();
      images.put(node, new NodeImage(more ? found.subList(0, node.readLimit() - 1) : found, more));
    }
  }

  /** One level of includes to read: the sites of one node's level, and the records they hang from. */
  private record Level(NodeImage image, List<Site> sites, List<Object> parents) {}

  /** A to-many read for one site of one node. */
  private record ManyRead(Level level, Site site) {}

  private static List<Level> readIncludes(EngineRead read, List<Level> frontier) {
    List<Level> next = new ArrayList<>();
    Map<CollectionSchema<?>, Set<Object>> wanted = new LinkedHashMap<>();
    List<ManyRead> many = new ArrayList<>();
    for (Level level : frontier) {
      for (Site site : level.sites()) {
        if (site.toOne && site.targetSet != null && site.sites.isEmpty()) {
          continue; // its targets are in its set, and nothing hangs from them
        }
        if (site.toOne) {
          Set<Object> ids = wanted.computeIfAbsent(site.target, c -> new LinkedHashSet<>());
          for (Object parent : level.parents()) {
            Object id = site.keyOf(parent);
            if (id != null) {
              ids.add(id);
            }
          }
        } else if (!level.parents().isEmpty()) {
          many.add(new ManyRead(level, site));
        }
      }
    }
    Map<CollectionSchema<?>, Map<Object, Object>> targets = new HashMap<>();
    for (Map.Entry<CollectionSchema<?>, Set<Object>> entry : wanted.entrySet()) {
      if (entry.getValue().isEmpty()) {
        continue;
      }
      Map<Object, Object> byId = new HashMap<>();
      for (Object record : byIds(read, entry.getKey(), new ArrayList<>(entry.getValue()))) {
        byId.put(idOf(entry.getKey(), record), record);
      }
      targets.put(entry.getKey(), byId);
    }
    for (Level level : frontier) {
      for (Site site : level.sites()) {
        if (!site.toOne || site.targetSet != null && site.sites.isEmpty()) {
          continue;
        }
        Map<Object, Object> byId = targets.getOrDefault(site.target, Map.of());
        List<Object> found = new ArrayList<>();
        for (Object parent : level.parents()) {
          Object id = site.keyOf(parent);
          if (id != null) {
            Object record = byId.get(id);
            level.image().putTarget(site, id, record); // null: it does not exist
            if (record != null) {
              found.add(record);
            }
          }
        }
        if (!site.sites.isEmpty() && !found.isEmpty()) {
          next.add(new Level(level.image(), site.sites, found));
        }
      }
    }
    readMany(read, many, next);
    return next;
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static List<Object> byIds(EngineRead read, CollectionSchema<?> collection, List<Object> ids) {
    return read.byIds((CollectionSchema) collection, ids);
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static void readMany(EngineRead read, List<ManyRead> many, List<Level> next) {
    Map<List<Object>, List<ManyRead>> byTable = new LinkedHashMap<>();
    for (ManyRead one : many) {
      byTable.computeIfAbsent(List.of(one.site().target, one.site().foreignKey), k -> new ArrayList<>()).add(one);
    }
    for (List<ManyRead> group : byTable.values()) {
      Site first = group.get(0).site();
      List<EngineRead.Children<Object>> queries = new ArrayList<>(group.size());
      for (ManyRead one : group) {
        Site site = one.site();
        List<Object> parentIds = new ArrayList<>(one.level().parents().size());
        for (Object parent : one.level().parents()) {
          parentIds.add(idOf(parentCollection(site), parent));
        }
        OptionalInt limit = site.include.limit().isPresent() ? OptionalInt.of(site.hold + 1) : OptionalInt.empty();
        queries.add(new EngineRead.Children<>(parentIds, (Optional<Condition<Object>>) (Optional) site.where,
            (List<Order<Object>>) (List) site.include.orderBy(), limit));
      }
      List<List<Object>> results = read.childrenEach((CollectionSchema) first.target, (Field) first.foreignKey, queries);
      for (int i = 0; i < group.size(); i++) {
        ManyRead one = group.get(i);
        Site site = one.site();
        Map<Object, List<Object>> byParent = new HashMap<>();
        for (Object record : results.get(i)) {
          byParent.computeIfAbsent(site.keyOf(record), k -> new ArrayList<>()).add(record);
        }
        List<Object> all = new ArrayList<>();
        for (Map.Entry<Object, List<Object>> entry : byParent.entrySet()) {
          List<Object> rows = entry.getValue();
          rows.sort(site.recordOrder);
          boolean more = rows.size() > site.hold;
          List<Object> held = more ? rows.subList(0, site.hold) : rows;
          one.level().image().putRelated(site, entry.getKey(), new RowSource.Related(held, more));
          all.addAll(held);
        }
        if (!site.sites.isEmpty() && !all.isEmpty()) {
          next.add(new Level(one.level().image(), site.sites, all));
        }
      }
    }
  }

  private static CollectionSchema<?> parentCollection(Site site) {
    return site.relation.source();
  }

  @SuppressWarnings("unchecked")
  private static Object idOf(CollectionSchema<?> collection, Object record) {
    return ((Field<Object, ?>) collection.id()).get(record);
  }
}
