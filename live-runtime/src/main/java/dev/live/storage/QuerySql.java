package dev.live.storage;

import dev.live.query.Cardinality;
import dev.live.query.Condition;
import dev.live.query.Field;
import dev.live.query.Order;
import dev.live.query.QuerySpec;
import dev.live.schema.CollectionSchema;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Builds the SELECTs of a query: the main one, and one per include over the ids of the rows it
 * hangs from. Every ordering ends with the id, so equal sort keys still give one defined order.
 */
final class QuerySql {
  /** The rank column of windowed includes: schema columns start with a letter, so it never clashes. */
  private static final String RANK = "\"_rank\"";

  private QuerySql() {}

  /** The rows {@code spec} asks for, without includes. */
  static SqlStatement select(QuerySpec<?> spec) {
    List<SqlParam> params = new ArrayList<>();
    FromClause.Aliases aliases = new FromClause.Aliases();
    FromClause from = new FromClause(aliases, spec.collection());
    StringBuilder where = new StringBuilder();
    if (spec.cardinality() == Cardinality.ONE) {
      where.append(TableSql.column(from.alias(), spec.collection().id())).append(" = ?");
      params.add(new SqlParam.Value(spec.collection().id(), spec.id().orElseThrow()));
    }
    if (spec.where().isPresent()) {
      where.append(where.length() == 0 ? "" : " AND ");
      new ConditionSql(aliases, params).append(where, spec.where().get(), from, from.alias());
    }
    StringBuilder sql = new StringBuilder("SELECT ").append(columns(spec.collection(), from.alias()))
        .append(" FROM ").append(from);
    if (where.length() > 0) {
      sql.append(" WHERE ").append(where);
    }
    sql.append(" ORDER BY ").append(orderBy(spec.collection(), spec.orderBy(), from.alias()));
    OptionalInt limit = spec.cardinality() == Cardinality.MANY ? spec.limit() : OptionalInt.of(1);
    if (limit.isPresent()) {
      sql.append(" LIMIT ?");
      params.add(new SqlParam.Count(limit.getAsInt()));
    }
    return new SqlStatement(sql.toString(), params);
  }

  /**
   * Rows of {@code collection} whose id is one of {@code ids} and that match {@code where}: the
   * targets of a to-one include.
   */
  static <U> SqlStatement byIds(CollectionSchema<U> collection, List<Object> ids, Optional<Condition<U>> where) {
    List<SqlParam> params = new ArrayList<>();
    FromClause.Aliases aliases = new FromClause.Aliases();
    FromClause from = new FromClause(aliases, collection);
    String alias = from.alias();
    StringBuilder condition = new StringBuilder(TableSql.column(alias, collection.id())).append(" = ANY(?)");
    params.add(new SqlParam.Ids(collection.id().type(), ids));
    if (where.isPresent()) {
      condition.append(" AND ");
      new ConditionSql(aliases, params).append(condition, where.get(), from, alias);
    }
    return new SqlStatement("SELECT " + columns(collection, alias) + " FROM " + from + " WHERE " + condition, params);
  }

  /**
   * Rows of {@code collection} whose {@code foreignKey} is one of {@code parentIds} and that match
   * {@code where}, ordered, at most {@code limit} per parent: the rows of a to-many include. A
   * limit per parent is a window ({@code ROW_NUMBER() OVER (PARTITION BY fk ...)}), so it stays
   * one statement however many parents there are.
   */
  static <U> SqlStatement byForeignKey(CollectionSchema<U> collection, Field<U, ?> foreignKey,
      List<Object> parentIds, Optional<Condition<U>> where, List<Order<U>> orderBy, OptionalInt limit) {
    List<SqlParam> params = new ArrayList<>();
    FromClause.Aliases aliases = new FromClause.Aliases();
    FromClause from = new FromClause(aliases, collection);
    String alias = from.alias();
    StringBuilder condition = new StringBuilder(TableSql.column(alias, foreignKey)).append(" = ANY(?)");
    params.add(new SqlParam.Ids(foreignKey.type(), parentIds));
    if (where.isPresent()) {
      condition.append(" AND ");
      new ConditionSql(aliases, params).append(condition, where.get(), from, alias);
    }
    String order = orderBy(collection, orderBy, alias);
    if (limit.isEmpty()) {
      String sql = "SELECT " + columns(collection, alias) + " FROM " + from + " WHERE " + condition
          + " ORDER BY " + order;
      return new SqlStatement(sql, params);
    }
    String ranked = "SELECT " + columns(collection, alias) + ", ROW_NUMBER() OVER (PARTITION BY "
        + TableSql.column(alias, foreignKey) + " ORDER BY " + order + ") AS " + RANK
        + " FROM " + from + " WHERE " + condition;
    String sql = "SELECT " + columns(collection, "r") + " FROM (" + ranked + ") r WHERE r." + RANK
        + " <= ? ORDER BY r." + RANK;
    params.add(new SqlParam.Count(limit.getAsInt()));
    return new SqlStatement(sql, params);
  }

  private static String columns(CollectionSchema<?> collection, String alias) {
    StringBuilder columns = new StringBuilder();
    for (Field<?, ?> field : collection.fields()) {
      columns.append(columns.length() == 0 ? "" : ", ").append(TableSql.column(alias, field));
    }
    return columns.toString();
  }

  /** The order keys, each with its null placement, then the id unless it is already a key. */
  static String orderBy(CollectionSchema<?> collection, List<? extends Order<?>> orderBy, String alias) {
    StringBuilder sql = new StringBuilder();
    boolean byId = false;
    for (Order<?> order : orderBy) {
      sql.append(sql.length() == 0 ? "" : ", ").append(TableSql.column(alias, order.field()))
          .append(order.direction() == Order.Direction.ASC ? " ASC" : " DESC")
          .append(order.nulls() == Order.Nulls.FIRST ? " NULLS FIRST" : " NULLS LAST");
      byId |= order.field().isId();
    }
    if (!byId) {
      sql.append(sql.length() == 0 ? "" : ", ").append(TableSql.column(alias, collection.id())).append(" ASC");
    }
    return sql.toString();
  }
}
