package dev.live.storage;

import dev.live.error.ErrorCode;
import dev.live.error.LiveException;
import dev.live.query.Field;
import dev.live.query.Relation;
import dev.live.query.ToOne;
import dev.live.schema.CollectionSchema;
import dev.live.schema.FieldType;
import dev.live.schema.LiveSchema;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings the database's tables in line with the schema at start: creates what is missing
 * (tables, columns, indexes, foreign keys, Live's own tables) and never drops or rewrites data.
 * What it will not change by itself (a column of an incompatible type, a required column to add
 * to a table that has rows) stops the start with {@code SCHEMA_MISMATCH} and a message saying
 * what to do.
 */
final class SchemaSync {
  private static final Logger log = LoggerFactory.getLogger(SchemaSync.class);
  /** A string column bounded below this would refuse values Live accepts everywhere else. */
  private static final long MIN_STRING_LENGTH = 1_000_000;

  private final Sql sql;
  private final Dialect dialect;

  SchemaSync(Sql sql) {
    this.sql = sql;
    this.dialect = sql.dialect();
  }

  void run(LiveSchema schema) throws SQLException {
    if (!dialect.schemaLockSql().isEmpty()) {
      sql.execute(dialect.schemaLockSql());
    }
    systemTables();
    for (CollectionSchema<?> collection : schema.collections()) {
      if (collection.table().startsWith(SqlNames.SYSTEM_PREFIX)) {
        throw mismatch("collection " + collection.name() + " uses table " + collection.table()
            + ", but tables starting with '" + SqlNames.SYSTEM_PREFIX + "' are Live's own; choose another name");
      }
      table(collection);
    }
    // Foreign keys last: collections refer to each other in any order, cycles included.
    for (CollectionSchema<?> collection : schema.collections()) {
      indexes(collection);
    }
    for (CollectionSchema<?> collection : schema.collections()) {
      foreignKeys(collection);
    }
  }

  private void systemTables() throws SQLException {
    String text = dialect.columnType(FieldType.STRING);
    if (!tableExists("live_version")) {
      sql.execute("CREATE TABLE " + SqlNames.VERSION + " (id INTEGER NOT NULL PRIMARY KEY, version BIGINT NOT NULL)");
      sql.execute("INSERT INTO " + SqlNames.VERSION + " (id, version) VALUES (1, 0)");
    }
    if (!tableExists("live_changes")) {
      sql.execute("CREATE TABLE " + SqlNames.CHANGES + " (version BIGINT NOT NULL PRIMARY KEY,"
          + " tx_end BIGINT NOT NULL, collection " + text + " NOT NULL, row_id " + text + " NOT NULL,"
          + " operation " + text + " NOT NULL, fields " + text + " NOT NULL, row_json "
          + dialect.documentType() + ")");
    }
    if (!tableExists("live_nodes")) {
      // Heartbeats in milliseconds of the database's clock (NodeRegistry).
      sql.execute("CREATE TABLE " + SqlNames.NODES + " (id " + text + " NOT NULL PRIMARY KEY,"
          + " started_at BIGINT NOT NULL, heartbeat_at BIGINT NOT NULL)");
    }
    if (!tableExists("live_clients")) {
      sql.execute("CREATE TABLE " + SqlNames.CLIENTS + " (client_id " + text + " NOT NULL PRIMARY KEY,"
          + " last_seq BIGINT NOT NULL, " + ClientMutations.LAST_USED_COLUMN + ")");
    } else if (!hasColumn("live_clients", "last_used")) {
      // Rows from before retention count from now: none is forgotten sooner than the window says.
      sql.execute("ALTER TABLE " + SqlNames.CLIENTS + " ADD COLUMN " + ClientMutations.LAST_USED_COLUMN);
      log.info("added column {}.last_used: client records now expire after their retention", SqlNames.CLIENTS);
    }
  }

  private void table(CollectionSchema<?> collection) throws SQLException {
    String table = SqlNames.quote(collection.table());
    if (!tableExists(collection.table())) {
      StringBuilder create = new StringBuilder("CREATE TABLE ").append(table).append(" (");
      for (Field<?, ?> field : collection.fields()) {
        create.append(SqlNames.quote(field.column())).append(' ').append(dialect.columnType(field.type()))
            .append(field.isNullable() ? "" : " NOT NULL").append(", ");
      }
      create.append("CONSTRAINT ").append(SqlNames.quote(SqlNames.primaryKey(collection.table())))
          .append(" PRIMARY KEY (").append(SqlNames.quote(collection.id().column())).append("))");
      sql.execute(create.toString());
      log.info("created table {} for collection {}", collection.table(), collection.name());
      return;
    }
    Map<String, Column> columns = columns(collection.table());
    for (Field<?, ?> field : collection.fields()) {
      Column column = columns.get(field.column());
      if (column == null) {
        addColumn(collection, field);
      } else {
        checkColumn(collection, field, column);
      }
    }
    primaryKey(collection);
  }

  /** Gives a table made by someone else the primary key on the id that Live relies on. */
  private void primaryKey(CollectionSchema<?> collection) throws SQLException {
    String id = collection.id().column();
    List<String> key = new ArrayList<>();
    try (PreparedStatement statement = sql.prepare("SELECT k.column_name FROM information_schema.table_constraints c"
        + " JOIN information_schema.key_column_usage k ON k.constraint_schema = c.constraint_schema"
        + " AND k.constraint_name = c.constraint_name WHERE c.table_schema = CURRENT_SCHEMA AND c.table_name = ?"
        + " AND c.constraint_type = 'PRIMARY KEY' ORDER BY k.ordinal_position")) {
      statement.setString(1, collection.table());
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          key.add(rows.getString(1));
        }
      }
    }
    if (key.equals(List.of(id))) {
      return;
    }
    if (!key.isEmpty()) {
      throw mismatch("table " + collection.table() + " has primary key (" + String.join(", ", key)
          + "), but collection " + collection.name() + " is identified by " + id
          + "; change the table's primary key to (" + id + ")");
    }
    try {
      sql.execute("ALTER TABLE " + SqlNames.quote(collection.table()) + " ADD CONSTRAINT "
          + SqlNames.quote(SqlNames.primaryKey(collection.table())) + " PRIMARY KEY (" + SqlNames.quote(id) + ")");
    } catch (SQLException e) {
      if (e.getSQLState() != null && e.getSQLState().startsWith("23")) {
        throw mismatch("cannot add the primary key of table " + collection.table() + ": some rows share an id"
            + " in column " + id + ", or have none; remove or fix them first");
      }
      throw e;
    }
    log.info("added primary key {}.{}", collection.table(), id);
  }

  private void addColumn(CollectionSchema<?> collection, Field<?, ?> field) throws SQLException {
    String table = SqlNames.quote(collection.table());
    if (!field.isNullable() && hasRows(table)) {
      throw mismatch("cannot add required column " + collection.table() + "." + field.column() + " for field "
          + collection.name() + "." + field.name() + ": the table has rows and no value to give them;"
          + " declare the component @Nullable, or add and fill the column yourself before starting");
    }
    sql.execute("ALTER TABLE " + table + " ADD COLUMN " + SqlNames.quote(field.column()) + " "
        + dialect.columnType(field.type()) + (field.isNullable() ? "" : " NOT NULL"));
    log.info("added column {}.{} for field {}.{}", collection.table(), field.column(), collection.name(), field.name());
  }

  private void checkColumn(CollectionSchema<?> collection, Field<?, ?> field, Column column) throws SQLException {
    if (!dialect.compatibleTypes(field.type()).contains(column.type())) {
      throw mismatch("column " + collection.table() + "." + field.column() + " has type " + column.type()
          + ", but field " + collection.name() + "." + field.name() + " (" + field.type() + ") needs "
          + String.join(" or ", dialect.compatibleTypes(field.type()).stream().sorted().toList())
          + "; Live does not convert column types: migrate the column, or rename the field");
    }
    checkSize(collection, field, column);
    String table = SqlNames.quote(collection.table());
    String quotedColumn = SqlNames.quote(field.column());
    if (field.isNullable() && !column.isNullable()) {
      // Allowing NULL loses nothing.
      sql.execute("ALTER TABLE " + table + " ALTER COLUMN " + quotedColumn + " DROP NOT NULL");
      log.info("column {}.{} now allows NULL, as field {}.{} is @Nullable", collection.table(), field.column(),
          collection.name(), field.name());
    } else if (!field.isNullable() && column.isNullable()) {
      if (hasNulls(table, quotedColumn)) {
        throw mismatch("field " + collection.name() + "." + field.name() + " is required, but column "
            + collection.table() + "." + field.column() + " holds NULLs; fill them, or declare the component @Nullable");
      }
      sql.execute("ALTER TABLE " + table + " ALTER COLUMN " + quotedColumn + " SET NOT NULL");
      log.info("column {}.{} is now NOT NULL, as field {}.{} is required", collection.table(), field.column(),
          collection.name(), field.name());
    }
  }

  /**
   * A column of the right type can still lose values: a bounded length, a scale that rounds
   * decimals, instants kept to less than the microsecond. Live promises none of that is lost.
   */
  private void checkSize(CollectionSchema<?> collection, Field<?, ?> field, Column column) {
    String where = "column " + collection.table() + "." + field.column();
    String forField = " field " + collection.name() + "." + field.name();
    switch (field.type()) {
      case STRING:
      case ENUM:
        if (column.maxLength() != null && column.maxLength() < MIN_STRING_LENGTH) {
          throw mismatch(where + " holds at most " + column.maxLength() + " characters, but" + forField
              + " has no such bound; widen it to " + dialect.columnType(field.type()));
        }
        dialect.requiredCollation().filter(required -> !required.equalsIgnoreCase(String.valueOf(column.collation())))
            .ifPresent(required -> log.warn("{} sorts with collation {}, not {}: its order may differ from the"
                + " order of live queries held in memory; ALTER it to {} to make them agree", where,
                column.collation() == null ? "the database's default" : column.collation(), required,
                dialect.columnType(field.type())));
        break;
      case DECIMAL:
        if (column.scale() != null) {
          throw mismatch(where + " has a fixed scale of " + column.scale() + ", which rounds the values of"
              + forField + "; use " + dialect.columnType(field.type()) + ", which keeps every digit");
        }
        break;
      case INSTANT:
        if (column.timePrecision() != null && column.timePrecision() < 6) {
          throw mismatch(where + " keeps " + column.timePrecision() + " fraction digits, but" + forField
              + " is stored to the microsecond (6); use " + dialect.columnType(field.type()));
        }
        break;
      default:
        break;
    }
  }

  private void indexes(CollectionSchema<?> collection) throws SQLException {
    String table = SqlNames.quote(collection.table());
    for (Field<?, ?> field : collection.fields()) {
      if (field.isId()) {
        continue;
      }
      String column = SqlNames.quote(field.column());
      if (field.info().isUnique()) {
        try {
          sql.execute("CREATE UNIQUE INDEX IF NOT EXISTS "
              + SqlNames.quote(SqlNames.uniqueIndex(collection.table(), field.column())) + " ON " + table + " (" + column + ")");
        } catch (SQLException e) {
          if (e.getSQLState() != null && e.getSQLState().startsWith("23")) {
            throw mismatch("cannot make " + collection.name() + "." + field.name() + " @Unique: rows of "
                + collection.table() + " already share values in column " + field.column() + "; make them"
                + " distinct first");
          }
          throw e;
        }
      } else if (field.info().isIndexed() || isForeignKey(collection, field)) {
        // Foreign keys are indexed too: includes and relational conditions look rows up by them.
        sql.execute("CREATE INDEX IF NOT EXISTS "
            + SqlNames.quote(SqlNames.index(collection.table(), field.column())) + " ON " + table + " (" + column + ")");
      }
    }
  }

  private void foreignKeys(CollectionSchema<?> collection) throws SQLException {
    for (Relation<?, ?> relation : collection.relations()) {
      if (!(relation instanceof ToOne<?, ?> toOne)) {
        continue;
      }
      String name = SqlNames.foreignKey(collection.table(), toOne.foreignKey().column());
      if (constraintExists(name)) {
        continue;
      }
      try {
        sql.execute("ALTER TABLE " + SqlNames.quote(collection.table()) + " ADD CONSTRAINT " + SqlNames.quote(name)
            + " FOREIGN KEY (" + SqlNames.quote(toOne.foreignKey().column()) + ") REFERENCES "
            + SqlNames.quote(toOne.target().table()) + " (" + SqlNames.quote(toOne.target().id().column()) + ")");
      } catch (SQLException e) {
        if (e.getSQLState() != null && e.getSQLState().startsWith("23")) {
          throw mismatch("cannot add the foreign key of " + collection.name() + "." + toOne.foreignKey().name()
              + ": some rows of " + collection.table() + " refer to " + toOne.target().name()
              + " rows that do not exist; fix or delete them first");
        }
        throw e;
      }
      log.info("added foreign key {}.{} -> {}", collection.table(), toOne.foreignKey().column(), toOne.target().table());
    }
  }

  private static boolean isForeignKey(CollectionSchema<?> collection, Field<?, ?> field) {
    for (Relation<?, ?> relation : collection.relations()) {
      if (relation instanceof ToOne<?, ?> toOne && toOne.foreignKey() == field) {
        return true;
      }
    }
    return false;
  }

  private boolean tableExists(String table) throws SQLException {
    return count("SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = CURRENT_SCHEMA"
        + " AND table_name = ?", table) > 0;
  }

  private boolean constraintExists(String name) throws SQLException {
    return count("SELECT COUNT(*) FROM information_schema.table_constraints WHERE table_schema = CURRENT_SCHEMA"
        + " AND constraint_name = ?", name) > 0;
  }

  private boolean hasRows(String quotedTable) throws SQLException {
    return count("SELECT COUNT(*) FROM (SELECT 1 FROM " + quotedTable + " LIMIT 1) t", null) > 0;
  }

  private boolean hasNulls(String quotedTable, String quotedColumn) throws SQLException {
    return count("SELECT COUNT(*) FROM (SELECT 1 FROM " + quotedTable + " WHERE " + quotedColumn
        + " IS NULL LIMIT 1) t", null) > 0;
  }

  private long count(String query, String parameter) throws SQLException {
    try (PreparedStatement statement = sql.prepare(query)) {
      if (parameter != null) {
        statement.setString(1, parameter);
      }
      try (ResultSet result = statement.executeQuery()) {
        result.next();
        return result.getLong(1);
      }
    }
  }

  /** Whether {@code table} has {@code column}, in any case: H2 keeps unquoted names in upper case. */
  private boolean hasColumn(String table, String column) throws SQLException {
    for (String name : columns(table).keySet()) {
      if (name.equalsIgnoreCase(column)) {
        return true;
      }
    }
    return false;
  }

  /** What information_schema says of a column; the sizes are null where they do not apply. */
  private record Column(String type, boolean isNullable, Long maxLength, Integer scale, Integer timePrecision,
      String collation) {}

  private Map<String, Column> columns(String table) throws SQLException {
    Map<String, Column> columns = new HashMap<>();
    try (PreparedStatement statement = sql.prepare("SELECT column_name, data_type, is_nullable,"
        + " character_maximum_length, numeric_scale, datetime_precision, collation_name FROM"
        + " information_schema.columns WHERE table_schema = CURRENT_SCHEMA AND table_name = ?")) {
      statement.setString(1, table);
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          columns.put(rows.getString(1), new Column(rows.getString(2).toLowerCase(Locale.ROOT),
              "YES".equalsIgnoreCase(rows.getString(3)), longOrNull(rows, 4), intOrNull(rows, 5), intOrNull(rows, 6),
              rows.getString(7)));
        }
      }
    }
    return columns;
  }

  // getObject(i, Long.class) is not portable: PostgreSQL's driver refuses it on int4 columns.
  private static Long longOrNull(ResultSet rows, int column) throws SQLException {
    long value = rows.getLong(column);
    return rows.wasNull() ? null : value;
  }

  private static Integer intOrNull(ResultSet rows, int column) throws SQLException {
    int value = rows.getInt(column);
    return rows.wasNull() ? null : value;
  }

  private static LiveException mismatch(String message) {
    return new LiveException(ErrorCode.SCHEMA_MISMATCH, message);
  }
}
