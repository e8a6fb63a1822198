package dev.live.storage;

import dev.live.error.ErrorCode;
import dev.live.jdbc.JdbcParameterWriter;
import dev.live.jdbc.JdbcRowReader;
import dev.live.jdbc.RowMapper;
import dev.live.jdbc.UnstorableValueException;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs statements on one connection: prepares, tells the observer, binds parameters, maps rows. */
final class Sql {
  private static final Logger log = LoggerFactory.getLogger(Sql.class);

  private final Connection connection;
  private final Dialect dialect;
  private final StatementObserver observer;

  Sql(Connection connection, Dialect dialect, StatementObserver observer) {
    this.connection = connection;
    this.dialect = dialect;
    this.observer = observer;
  }

  Connection connection() {
    return connection;
  }

  Dialect dialect() {
    return dialect;
  }

  PreparedStatement prepare(String sql) throws SQLException {
    observer.onStatement(sql);
    if (log.isTraceEnabled()) {
      log.trace("SQL: {}", sql);
    }
    return connection.prepareStatement(sql);
  }

  JdbcParameterWriter writer(PreparedStatement statement) {
    return new JdbcParameterWriter(statement, dialect.jsonBinding());
  }

  void bind(PreparedStatement statement, List<SqlParam> params) throws SQLException {
    JdbcParameterWriter writer = writer(statement);
    for (int i = 0; i < params.size(); i++) {
      int index = i + 1;
      SqlParam param = params.get(i);
      if (param instanceof SqlParam.Value value) {
        try {
          SqlValues.bind(writer, index, value.field(), value.value());
        } catch (UnstorableValueException e) {
          // A query value a program built (clients' values are refused when decoded).
          throw new StorageException(ErrorCode.INVALID_VALUE, value.field().name() + ": " + e.problem(),
              null, value.field().name(), e, false);
        }
      } else if (param instanceof SqlParam.Text text) {
        JdbcParameterWriter.requireStorable(text.text());
        statement.setString(index, text.text());
      } else if (param instanceof SqlParam.Count count) {
        statement.setInt(index, count.count());
      } else if (param instanceof SqlParam.Ids ids) {
        Array array = connection.createArrayOf(dialect.arrayElementType(ids.type()), ids.ids().toArray());
        statement.setArray(index, array);
      }
    }
  }

  /** Runs a SELECT and maps each row with {@code mapper}. */
  <T> List<T> query(SqlStatement select, RowMapper<T> mapper) throws SQLException {
    try (PreparedStatement statement = prepare(select.sql())) {
      bind(statement, select.params());
      return mapAll(statement, mapper);
    }
  }

  /** Runs a prepared, bound statement that yields rows, and maps each with {@code mapper}. */
  static <T> List<T> mapAll(PreparedStatement statement, RowMapper<T> mapper) throws SQLException {
    List<T> rows = new ArrayList<>();
    try (ResultSet results = statement.executeQuery()) {
      JdbcRowReader reader = new JdbcRowReader(results);
      while (results.next()) {
        rows.add(mapper.map(reader, 1));
      }
    }
    return rows;
  }

  /** Runs a statement without parameters that yields no rows (DDL). */
  void execute(String sql) throws SQLException {
    try (PreparedStatement statement = prepare(sql)) {
      statement.execute();
    }
  }
}
