package dev.live.storage;

import dev.live.query.Field;
import dev.live.schema.CollectionSchema;
import java.util.List;
import java.util.StringJoiner;

/**
 * The fixed SQL of one collection's table, built once: its quoted name and columns, and the
 * statements that do not depend on a query.
 */
final class TableSql<T> {
  private final CollectionSchema<T> collection;
  private final String table;
  private final String idColumn;
  private final String insert;
  private final String selectForUpdate;
  private final String delete;
  private final Dialect dialect;

  TableSql(CollectionSchema<T> collection, Dialect dialect) {
    this.collection = collection;
    this.dialect = dialect;
    this.table = SqlNames.quote(collection.table());
    this.idColumn = SqlNames.quote(collection.id().column());
    StringJoiner names = new StringJoiner(", ");
    StringJoiner marks = new StringJoiner(", ");
    for (Field<T, ?> field : collection.fields()) {
      names.add(SqlNames.quote(field.column()));
      marks.add("?");
    }
    String plainColumns = columns("");
    this.insert = dialect.returning("INSERT INTO " + table + " (" + names + ") VALUES (" + marks + ")", plainColumns);
    this.selectForUpdate = "SELECT " + plainColumns + " FROM " + table + " WHERE " + idColumn + " = ? FOR UPDATE";
    this.delete = "DELETE FROM " + table + " WHERE " + idColumn + " = ?";
  }

  CollectionSchema<T> collection() {
    return collection;
  }

  /** The quoted table name. */
  String table() {
    return table;
  }

  /** The quoted id column. */
  String idColumn() {
    return idColumn;
  }

  /** Every column in component order, each prefixed with {@code alias.} unless it is empty. */
  String columns(String alias) {
    StringJoiner columns = new StringJoiner(", ");
    for (Field<T, ?> field : collection.fields()) {
      columns.add(column(alias, field));
    }
    return columns.toString();
  }

  static String column(String alias, Field<?, ?> field) {
    String quoted = SqlNames.quote(field.column());
    return alias.isEmpty() ? quoted : alias + "." + quoted;
  }

  /** Inserts one row and yields it as stored. */
  String insert() {
    return insert;
  }

  /** Inserts {@code rows} rows in one statement and yields them as stored. */
  String insertMany(int rows) {
    StringJoiner names = new StringJoiner(", ");
    StringJoiner marks = new StringJoiner(", ", "(", ")");
    for (Field<T, ?> field : collection.fields()) {
      names.add(SqlNames.quote(field.column()));
      marks.add("?");
    }
    StringJoiner values = new StringJoiner(", ");
    for (int i = 0; i < rows; i++) {
      values.add(marks.toString());
    }
    return dialect.returning("INSERT INTO " + table + " (" + names + ") VALUES " + values, columns(""));
  }

  /** Sets {@code changed} of the row with the id given last, and yields it as stored. */
  String update(List<Field<T, ?>> changed) {
    StringJoiner assignments = new StringJoiner(", ");
    for (Field<T, ?> field : changed) {
      assignments.add(SqlNames.quote(field.column()) + " = ?");
    }
    return dialect.returning("UPDATE " + table + " SET " + assignments + " WHERE " + idColumn + " = ?", columns(""));
  }

  /** Reads the row with an id and locks it until the transaction ends. */
  String selectForUpdate() {
    return selectForUpdate;
  }

  String delete() {
    return delete;
  }
}
