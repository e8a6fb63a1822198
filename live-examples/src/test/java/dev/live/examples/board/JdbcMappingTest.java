package dev.live.examples.board;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.live.error.ErrorCode;
import dev.live.error.LiveException;
import dev.live.jdbc.JdbcParameterWriter;
import dev.live.jdbc.JdbcRowReader;
import dev.live.query.Field;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.temporal.ChronoUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The generated row mapper and binder against a real H2 database. The table is written by hand
 * here; creating tables from the schema is the storage layer's job.
 */
class JdbcMappingTest {
  private Connection connection;

  @BeforeEach
  void createTable() throws SQLException {
    connection = DriverManager.getConnection("jdbc:h2:mem:mapping;DB_CLOSE_DELAY=-1");
    try (Statement statement = connection.createStatement()) {
      statement.execute("DROP TABLE IF EXISTS tasks");
      statement.execute("CREATE TABLE tasks (id VARCHAR PRIMARY KEY, board_id VARCHAR NOT NULL,"
          + " title VARCHAR NOT NULL, status VARCHAR NOT NULL, assignee_id VARCHAR,"
          + " due TIMESTAMP(9) WITH TIME ZONE, position INTEGER NOT NULL, estimate DOUBLE PRECISION NOT NULL,"
          + " revision BIGINT NOT NULL, labels VARCHAR NOT NULL, checklist VARCHAR)");
      statement.execute("DROP TABLE IF EXISTS comments");
      statement.execute("CREATE TABLE comments (id UUID PRIMARY KEY, task_id VARCHAR, author_id VARCHAR,"
          + " body VARCHAR, created_at TIMESTAMP(9) WITH TIME ZONE)");
    }
  }

  @AfterEach
  void close() throws SQLException {
    connection.close();
  }

  @Test
  void taskWrittenWithTheBinderReadsBackEqualThroughTheMapper() throws SQLException {
    insert(Samples.task());
    insert(Samples.bareTask());
    assertThat(read("t1")).isEqualTo(stored(Samples.task()));
    assertThat(read("t2")).isEqualTo(Samples.bareTask());
  }

  @Test
  void instantsAreStoredToTheMicrosecondByDroppingFinerDigits() throws SQLException {
    insert(Samples.task());
    assertThat(Samples.task().due()).hasToString("2026-12-01T17:00:00.123456789Z");
    assertThat(read("t1").due()).hasToString("2026-12-01T17:00:00.123456Z");
  }

  /** {@code task} as storage keeps it: instants to the microsecond. */
  private static Task stored(Task task) {
    return TaskUpdate.of().due(task.due() == null ? null : task.due().truncatedTo(ChronoUnit.MICROS)).applyTo(task);
  }

  @Test
  void uuidIdsAndInstantsMapBothWays() throws SQLException {
    String columns = Comment_.COLLECTION.fields().stream().map(Field::column).collect(Collectors.joining(", "));
    try (PreparedStatement statement = connection.prepareStatement(
        "INSERT INTO comments (" + columns + ") VALUES (?, ?, ?, ?, ?)")) {
      int next = CommentJdbc.INSTANCE.bind(new JdbcParameterWriter(statement, JdbcParameterWriter.JsonBinding.TEXT),
          1, Samples.comment());
      assertThat(next).isEqualTo(6);
      statement.executeUpdate();
    }
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT " + columns + " FROM comments")) {
      assertThat(rows.next()).isTrue();
      assertThat(CommentJdbc.INSTANCE.map(new JdbcRowReader(rows), 1)).isEqualTo(Samples.comment());
    }
  }

  @Test
  void mapperReadsColumnsFromAnyOffset() throws SQLException {
    insert(Samples.task());
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT 'x', 42, " + columns() + " FROM tasks")) {
      assertThat(rows.next()).isTrue();
      assertThat(TaskJdbc.INSTANCE.map(new JdbcRowReader(rows), 3)).isEqualTo(stored(Samples.task()));
    }
  }

  @Test
  void bindChangesBindsOnlyTheSetFieldsInComponentOrder() throws SQLException {
    insert(Samples.task());
    TaskUpdate update = TaskUpdate.of().position(9).assigneeId(null).title("Renamed");
    String set = update.changedFields().stream().map(f -> f.column() + " = ?").collect(Collectors.joining(", "));
    assertThat(set).isEqualTo("title = ?, assignee_id = ?, position = ?");
    try (PreparedStatement statement = connection.prepareStatement("UPDATE tasks SET " + set + " WHERE id = ?")) {
      JdbcParameterWriter out = new JdbcParameterWriter(statement, JdbcParameterWriter.JsonBinding.TEXT);
      int next = TaskJdbc.INSTANCE.bindChanges(out, 1, update);
      out.setString(next, "t1");
      assertThat(statement.executeUpdate()).isEqualTo(1);
    }
    assertThat(read("t1")).isEqualTo(stored(update.applyTo(Samples.task())));
  }

  @Test
  void nullInARequiredColumnIsReportedNotPassedOn() throws SQLException {
    insert(Samples.task());
    try (Statement statement = connection.createStatement()) {
      statement.execute("ALTER TABLE tasks ALTER COLUMN position SET NULL");
      statement.execute("UPDATE tasks SET position = NULL");
    }
    assertThatThrownBy(() -> read("t1")).isInstanceOfSatisfying(LiveException.class, e -> {
      assertThat(e.code()).isEqualTo(ErrorCode.INVALID_STORED_VALUE);
      assertThat(e.getMessage()).isEqualTo("column tasks.position holds NULL, but its field is required");
    });
  }

  @Test
  void unknownEnumNameInStorageIsReported() throws SQLException {
    insert(Samples.task());
    execute("UPDATE tasks SET status = 'ARCHIVED'");
    assertThatThrownBy(() -> read("t1")).isInstanceOfSatisfying(LiveException.class, e -> {
      assertThat(e.code()).isEqualTo(ErrorCode.INVALID_STORED_VALUE);
      assertThat(e.getMessage()).isEqualTo("column tasks.status holds 'ARCHIVED', which is not one of TODO, DOING, DONE");
    });
  }

  @Test
  void unreadableJsonInStorageIsReported() throws SQLException {
    insert(Samples.task());
    execute("UPDATE tasks SET checklist = '{\"items\":[{\"text\":1}]}'");
    assertThatThrownBy(() -> read("t1")).isInstanceOfSatisfying(LiveException.class, e -> {
      assertThat(e.code()).isEqualTo(ErrorCode.INVALID_STORED_VALUE);
      assertThat(e.getMessage()).startsWith("column tasks.checklist holds JSON its field cannot read: items[0].text");
    });
  }

  @Test
  void bindingARecordWithNullInARequiredFieldIsRefused() {
    Task broken = new Task("t9", "b1", null, Status.TODO, null, null, 0, 0, 0, java.util.List.of(), null);
    assertThatThrownBy(() -> insert(broken)).isInstanceOfSatisfying(LiveException.class,
        e -> assertThat(e.code()).isEqualTo(ErrorCode.NULL_NOT_ALLOWED));
  }

  private void insert(Task task) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(
        "INSERT INTO tasks (" + columns() + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      TaskJdbc.INSTANCE.bind(new JdbcParameterWriter(statement, JdbcParameterWriter.JsonBinding.TEXT), 1, task);
      statement.executeUpdate();
    }
  }

  private Task read(String id) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(
        "SELECT " + columns() + " FROM tasks WHERE id = ?")) {
      statement.setString(1, id);
      try (ResultSet rows = statement.executeQuery()) {
        assertThat(rows.next()).isTrue();
        return TaskJdbc.INSTANCE.map(new JdbcRowReader(rows), 1);
      }
    }
  }

  private void execute(String sql) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }

  private static String columns() {
    return Task_.COLLECTION.fields().stream().map(Field::column).collect(Collectors.joining(", "));
  }
}
