package dev.live.storage;

import dev.live.jdbc.JdbcRowReader;
import dev.live.query.Condition;
import dev.live.query.Field;
import dev.live.query.Order;
import dev.live.query.QuerySpec;
import dev.live.schema.CollectionSchema;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Function;

/**
 * The reads the live query engine makes to (re)build what it keeps in memory, on one connection.
 * Queries of one shape (the same SQL text, other parameters) are multiplexed: they run as one
 * statement, their SELECTs joined by {@code UNION ALL}, each tagged with its position, so that a
 * batch of nodes of one shape costs one statement, not one per node. Rows come back in no
 * particular order: the engine orders them itself, as storage would.
 *
 * <pre>{@code
 * List<List<Task>> perNode = EngineRead.run(store, "reading live queries", read -> read.selectEach(specs));
 * }</pre>
 */
public final class EngineRead {
  /** Queries of one shape per statement at most: the statement's text grows with their number. */
  static final int QUERIES_PER_STATEMENT = 32;
  private static final String TAG = "\"_q\"";

  private final Sql sql;
  private final Store store;

  private EngineRead(Sql sql, Store store) {
    this.sql = sql;
    this.store = store;
  }

  /** Runs {@code work} on one connection of {@code store}; storage failures are {@link StorageException}s. */
  public static <R> R run(Store store, String doing, Function<EngineRead, R> work) {
    return store.read(doing, sql -> work.apply(new EngineRead(sql, store)));
  }

  /**
   * The rows of each of {@code specs} (their where, order and limit; cardinality MANY, includes
   * ignored), in the order of the specs; the rows of one spec in no particular order.
   */
  public <T> List<List<T>> selectEach(List<QuerySpec<T>> specs) {
    List<SqlStatement> statements = new ArrayList<>(specs.size());
    for (QuerySpec<T> spec : specs) {
      store.context().table(spec.collection());
      statements.add(QuerySql.select(spec));
    }
    return multiplexed(specs.isEmpty() ? null : specs.get(0).collection(), statements);
  }

  /** The rows of {@code collection} with one of {@code ids}, in no particular order. */
  public <U> List<U> byIds(CollectionSchema<U> collection, List<Object> ids) {
    store.context().table(collection);
    List<U> rows = new ArrayList<>();
    for (int from = 0; from < ids.size(); from += IncludeLoader.IDS_PER_STATEMENT) {
      List<Object> chunk = ids.subList(from, Math.min(ids.size(), from + IncludeLoader.IDS_PER_STATEMENT));
      SqlStatement statement = QuerySql.byIds(collection, chunk, Optional.empty());
      try {
        rows.addAll(sql.query(statement, collection.rowMapper()));
      } catch (SQLException e) {
        throw store.context().errors().failed(e, "reading rows of " + collection.name() + " by id", collection.name());
      }
    }
    return rows;
  }

  /**
   * For each of {@code queries}, the rows of {@code collection} whose {@code foreignKey} is one of
   * its parent ids and that match its where, at most its limit per parent, in no particular order:
   * the to-many related rows of several parents, for several include nodes of one shape at once.
   */
  public <U> List<List<U>> childrenEach(CollectionSchema<U> collection, Field<U, ?> foreignKey,
      List<Children<U>> queries) {
    store.context().table(collection);
    List<SqlStatement> statements = new ArrayList<>(queries.size());
    for (Children<U> query : queries) {
      statements.add(QuerySql.byForeignKey(collection, foreignKey, query.parentIds(), query.where(),
          query.orderBy(), query.limit()));
    }
    return multiplexed(collection, statements);
  }

  /** What {@link #childrenEach} reads for one include node. */
  public record Children<U>(List<Object> parentIds, Optional<Condition<U>> where, List<Order<U>> orderBy,
      OptionalInt limit) {
    public Children {
      parentIds = List.copyOf(parentIds);
      orderBy = List.copyOf(orderBy);
    }
  }

  /**
   * Runs {@code statements} (rows of {@code collection}), those with the same text together in
   * one statement, and hands back each one's rows in order.
   */
  private <U> List<List<U>> multiplexed(CollectionSchema<U> collection, List<SqlStatement> statements) {
    List<List<U>> results = new ArrayList<>(statements.size());
    Map<String, List<Integer>> byText = new LinkedHashMap<>();
    for (int i = 0; i < statements.size(); i++) {
      results.add(new ArrayList<>());
      byText.computeIfAbsent(statements.get(i).sql(), text -> new ArrayList<>()).add(i);
    }
    try {
      for (List<Integer> group : byText.values()) {
        for (int from = 0; from < group.size(); from += QUERIES_PER_STATEMENT) {
          List<Integer> chunk = group.subList(from, Math.min(group.size(), from + QUERIES_PER_STATEMENT));
          if (chunk.size() == 1) {
            int only = chunk.get(0);
            results.get(only).addAll(sql.query(statements.get(only), collection.rowMapper()));
          } else {
            runUnion(collection, statements, chunk, results);
          }
        }
      }
    } catch (SQLException e) {
      throw store.context().errors().failed(e, "reading live queries of " + collection.name(), collection.name());
    }
    return results;
  }

  private <U> void runUnion(CollectionSchema<U> collection, List<SqlStatement> statements, List<Integer> chunk,
      List<List<U>> results) throws SQLException {
    StringBuilder text = new StringBuilder("SELECT * FROM (");
    List<SqlParam> params = new ArrayList<>();
    for (int i = 0; i < chunk.size(); i++) {
      SqlStatement statement = statements.get(chunk.get(i));
      String select = statement.sql();
      // Every statement starts with "SELECT <columns> FROM": the tag goes after the columns.
      int from = select.indexOf(" FROM ");
      text.append(i == 0 ? "(" : " UNION ALL (").append(select, 0, from).append(", ").append(i).append(" AS ")
          .append(TAG).append(select, from, select.length()).append(')');
      params.addAll(statement.params());
    }
    text.append(") u");
    int tagColumn = collection.fields().size() + 1;
    try (PreparedStatement statement = sql.prepare(text.toString())) {
      sql.bind(statement, params);
      try (ResultSet rows = statement.executeQuery()) {
        JdbcRowReader reader = new JdbcRowReader(rows);
        while (rows.next()) {
          U row = collection.rowMapper().map(reader, 1);
          results.get(chunk.get(rows.getInt(tagColumn))).add(row);
        }
      }
    }
  }
}
