package dev.live.examples.storage;

import static dev.live.examples.storage.BoardData.ANN;
import static dev.live.examples.storage.BoardData.BACKLOG;
import static dev.live.examples.storage.BoardData.BOB;
import static dev.live.examples.storage.BoardData.C1;
import static dev.live.examples.storage.BoardData.C2;
import static dev.live.examples.storage.BoardData.C3;
import static dev.live.examples.storage.BoardData.C4;
import static dev.live.examples.storage.BoardData.C5;
import static dev.live.examples.storage.BoardData.CORE;
import static dev.live.examples.storage.BoardData.GROWTH;
import static dev.live.examples.storage.BoardData.T0;
import static dev.live.examples.storage.BoardData.T1;
import static dev.live.examples.storage.BoardData.T2;
import static dev.live.examples.storage.BoardData.T3;
import static dev.live.examples.storage.BoardData.T4;
import static dev.live.examples.storage.BoardData.T5;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.live.error.ErrorCode;
import dev.live.error.LiveException;
import dev.live.examples.board.AppSchema;
import dev.live.examples.board.BoardQuery;
import dev.live.examples.board.CommentQuery;
import dev.live.examples.board.Role;
import dev.live.examples.board.TaskQuery;
import dev.live.examples.board.TeamInsert;
import dev.live.examples.board.TeamQuery;
import dev.live.examples.board.User;
import dev.live.examples.board.UserInsert;
import dev.live.examples.board.UserQuery;
import dev.live.examples.board.UserUpdate;
import dev.live.examples.board.User_;
import dev.live.storage.Database;
import dev.live.storage.Store;
import dev.live.storage.StoreOptions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Opening a store brings existing tables in line with the board schema: it creates what is
 * missing, keeps every row, and stops with {@code SCHEMA_MISMATCH} where it will not change the
 * tables by itself. Each test prepares its tables with plain JDBC before the store opens.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(Backend.class)
class SchemaSyncTest {
  private static final List<String> BOARD_TABLES = List.of("boards", "comments", "tasks", "teams", "users");

  @Parameter
  Backend backend;

  private TestDatabase database;
  private final List<Store> stores = new ArrayList<>();

  @BeforeEach
  void createDatabase() {
    database = backend.create();
  }

  @AfterEach
  void closeDatabase() {
    stores.forEach(Store::close);
    if (database != null) {
      database.close();
    }
  }

  // ---------------------------------------------------------------- a new database

  @Test
  void everyCollectionGetsATableWithANamedPrimaryKeyOnItsId() {
    open();

    assertThat(tables()).containsAll(BOARD_TABLES).contains("live_changes", "live_version", "live_clients");
    for (String table : BOARD_TABLES) {
      assertThat(primaryKey(table)).as(table).isEqualTo("pk_" + table + "_id(id)");
    }
  }

  @Test
  void columnsGetTheDialectsTypeAndTheFieldsNullability() {
    open();

    assertThat(columns("tasks")).isEqualTo(Map.ofEntries(
        Map.entry("id", new Column(text(), false)),
        Map.entry("board_id", new Column(text(), false)),
        Map.entry("title", new Column(text(), false)),
        Map.entry("status", new Column(text(), false)),
        Map.entry("assignee_id", new Column(text(), true)),
        Map.entry("due", new Column("timestamp with time zone", true)),
        Map.entry("position", new Column("integer", false)),
        Map.entry("estimate", new Column("double precision", false)),
        Map.entry("revision", new Column("bigint", false)),
        Map.entry("labels", new Column(json(), false)),
        Map.entry("checklist", new Column(json(), true))));
    assertThat(columns("boards")).containsEntry("deadline", new Column("date", true))
        .containsEntry("budget", new Column(backend == Backend.H2 ? "decfloat" : "numeric", true));
    assertThat(columns("comments")).containsEntry("id", new Column("uuid", false));
  }

  @Test
  void indexAndUniqueFieldsAndEveryForeignKeyColumnGetNamedIndexes() {
    open();

    Map<String, String> expected = Map.of(
        "boards", "[ix_boards_team_id(team_id)]",
        "comments", "[ix_comments_author_id(author_id), ix_comments_task_id(task_id)]",
        "tasks", "[ix_tasks_assignee_id(assignee_id), ix_tasks_board_id(board_id), ix_tasks_due(due)]",
        "teams", "[ux_teams_name(name) unique]",
        "users", "[ix_users_team_id(team_id)]");
    for (String table : BOARD_TABLES) {
      // Only Live's names: H2 and PostgreSQL name the primary key's own index their own way.
      assertThat(liveIndexes(table).toString()).as(table).isEqualTo(expected.get(table));
    }
  }

  @Test
  void everyRefGetsANamedForeignKeyToItsTargetsPrimaryKey() {
    open();

    assertThat(foreignKeys("boards")).containsExactly("fk_boards_team_id(team_id) -> teams(id)");
    assertThat(foreignKeys("comments")).containsExactly("fk_comments_author_id(author_id) -> users(id)",
        "fk_comments_task_id(task_id) -> tasks(id)");
    assertThat(foreignKeys("tasks")).containsExactly("fk_tasks_assignee_id(assignee_id) -> users(id)",
        "fk_tasks_board_id(board_id) -> boards(id)");
    assertThat(foreignKeys("teams")).isEmpty();
    assertThat(foreignKeys("users")).containsExactly("fk_users_team_id(team_id) -> teams(id)");
  }

  @Test
  void openingAgainChangesNoTableAndKeepsEveryRowAndTheChangeLog() {
    Store first = open();
    BoardData.seed(first);
    String schemaBefore = schemaSnapshot();
    long versionBefore = first.changes().latestVersion();
    first.close();

    List<String> statements = Collections.synchronizedList(new ArrayList<>());
    Store second = open(StoreOptions.builder().statementObserver(statements::add).build());

    assertThat(statements).as("DDL or writes on the second open")
        .noneMatch(sql -> sql.matches("(?is)\\s*(CREATE TABLE|ALTER|DROP|INSERT|UPDATE|DELETE|TRUNCATE)\\b.*"));
    assertThat(schemaSnapshot()).isEqualTo(schemaBefore);
    assertThat(second.list(TaskQuery.all())).containsExactly(T1, T2, T3, T4, T5);
    assertThat(second.list(CommentQuery.all())).containsExactly(C1, C2, C3, C4, C5);
    assertThat(second.list(UserQuery.all())).containsExactly(ANN, BOB, BoardData.CYD);
    assertThat(second.changes().latestVersion()).isEqualTo(versionBefore).isEqualTo(18);
  }

  // ---------------------------------------------------------------- tables made earlier

  @Test
  void missingNullableColumnsAreAddedAndExistingRowsKept() {
    createTeamsWithCore();
    execute("CREATE TABLE `users` (`id` " + textType() + " NOT NULL PRIMARY KEY, `name` " + textType() + " NOT NULL,"
        + " `team_id` " + textType() + " NOT NULL, `role` " + textType() + " NOT NULL)");
    execute("INSERT INTO `users` (`id`, `name`, `team_id`, `role`) VALUES ('u1', 'Ann', 'team1', 'ADMIN')");
    execute("CREATE TABLE `boards` (`id` " + textType() + " NOT NULL PRIMARY KEY, `title` " + textType() + " NOT NULL,"
        + " `team_id` " + textType() + " NOT NULL, `created_at` TIMESTAMP(6) WITH TIME ZONE NOT NULL)");
    execute("INSERT INTO `boards` (`id`, `title`, `team_id`, `created_at`) VALUES ('b2', 'Backlog', 'team1', ?)", at(T0));

    Store store = open();

    assertThat(columns("users")).containsEntry("email", new Column(text(), true));
    assertThat(columns("boards")).containsEntry("deadline", new Column("date", true))
        .containsEntry("budget", new Column(backend == Backend.H2 ? "decfloat" : "numeric", true));
    assertThat(store.list(UserQuery.all())).containsExactly(new User("u1", "Ann", null, "team1", Role.ADMIN));
    assertThat(store.list(BoardQuery.all())).containsExactly(BACKLOG);
    // The rows refer to an existing team, so the foreign keys could be added.
    assertThat(foreignKeys("users")).containsExactly("fk_users_team_id(team_id) -> teams(id)");
    assertThat(foreignKeys("boards")).containsExactly("fk_boards_team_id(team_id) -> teams(id)");
    // The added column is written and read like any other.
    assertThat(store.update("u1", UserUpdate.of().email("ann@example.com"))).isEqualTo(ANN);
  }

  @Test
  void aRequiredColumnIsAddedNotNullToAnEmptyTable() {
    execute("CREATE TABLE `teams` (`id` " + textType() + " NOT NULL PRIMARY KEY, `created_at` TIMESTAMP(6) WITH TIME ZONE NOT NULL)");

    Store store = open();

    assertThat(columns("teams")).containsEntry("name", new Column(text(), false));
    assertThat(store.insert(TeamInsert.of(CORE))).isEqualTo(CORE);
  }

  @Test
  void aRequiredColumnCannotBeAddedToATableWithRows() {
    execute("CREATE TABLE `teams` (`id` " + textType() + " NOT NULL PRIMARY KEY, `created_at` TIMESTAMP(6) WITH TIME ZONE NOT NULL)");
    execute("INSERT INTO `teams` (`id`, `created_at`) VALUES ('team1', ?)", at(T0));

    LiveException e = openFails();

    assertThat(e.getMessage()).contains("teams.name", "required", "has rows", "@Nullable");
    assertThat(columns("teams")).containsOnlyKeys("id", "created_at");
    assertThat(count("SELECT COUNT(*) FROM `teams`")).isEqualTo(1);
  }

  @Test
  void aColumnOfAnIncompatibleTypeStopsTheStartNamingTableColumnAndBothTypes() {
    // Every column as Live would create it, except position.
    execute("CREATE TABLE `tasks` (`id` " + textType() + " NOT NULL PRIMARY KEY, `board_id` " + textType() + " NOT NULL,"
        + " `title` " + textType() + " NOT NULL, `status` " + textType() + " NOT NULL, `assignee_id` " + textType() + ","
        + " `due` TIMESTAMP(6) WITH TIME ZONE, `position` VARCHAR(20) NOT NULL, `estimate` DOUBLE PRECISION NOT NULL,"
        + " `revision` BIGINT NOT NULL, `labels` " + jsonType() + " NOT NULL, `checklist` " + jsonType() + ")");
    execute("INSERT INTO `tasks` (`id`, `board_id`, `title`, `status`, `position`, `estimate`, `revision`, `labels`)"
        + " VALUES ('t1', 'b1', 'Write', 'TODO', 'first', 1.0, 1, " + (backend == Backend.H2 ? "'[]'" : "'[]'::jsonb") + ")");

    LiveException e = openFails();

    assertThat(e.getMessage()).contains("tasks.position", "has type character varying", "needs integer");
    assertThat(columns("tasks")).containsEntry("position", new Column("character varying", false));
    assertThat(count("SELECT COUNT(*) FROM `tasks` WHERE `position` = 'first'")).isEqualTo(1);
  }

  @Test
  void aColumnOfTheRightTypeThatWouldLoseValuesStopsTheStart() {
    // A decimal with a fixed scale, an instant to the second, a bounded string: each would round
    // or cut values that Live otherwise keeps. Collections are synchronized by name: boards first.
    execute("CREATE TABLE `teams` (`id` " + textType() + " NOT NULL PRIMARY KEY, `name` VARCHAR(3) NOT NULL,"
        + " `created_at` TIMESTAMP(6) WITH TIME ZONE NOT NULL)");
    execute("CREATE TABLE `boards` (`id` " + textType() + " NOT NULL PRIMARY KEY, `title` " + textType() + " NOT NULL,"
        + " `team_id` " + textType() + " NOT NULL, `deadline` DATE, `budget` NUMERIC(10, 2),"
        + " `created_at` TIMESTAMP(0) WITH TIME ZONE NOT NULL)");
    assertThat(openFails().getMessage()).contains("boards.budget has a fixed scale of 2");
    execute("ALTER TABLE `boards` DROP COLUMN `budget`");
    assertThat(openFails().getMessage()).contains("boards.created_at keeps 0 fraction digits");
    execute("ALTER TABLE `boards` ALTER COLUMN `created_at` " + (backend == Backend.H2 ? "SET DATA TYPE " : "TYPE ")
        + "TIMESTAMP(6) WITH TIME ZONE");
    assertThat(openFails().getMessage()).contains("teams.name holds at most 3 characters");
  }

  @Test
  void duplicateValuesInAColumnThatBecomesUniqueStopTheStart() {
    execute("CREATE TABLE `teams` (`id` " + textType() + " NOT NULL PRIMARY KEY, `name` " + textType() + " NOT NULL,"
        + " `created_at` TIMESTAMP(6) WITH TIME ZONE NOT NULL)");
    execute("INSERT INTO `teams` VALUES ('a', 'Same', ?), ('b', 'Same', ?)", at(T0), at(T0));
    assertThat(openFails().getMessage()).contains("cannot make teams.name @Unique", "share values in column name");
  }

  @Test
  void aColumnOfAnotherCompatibleTypeIsKeptAndUsable() {
    // H2 also keeps strings in CHARACTER LARGE OBJECT, PostgreSQL in character varying.
    String otherText = backend == Backend.H2 ? "CHARACTER LARGE OBJECT" : "VARCHAR COLLATE \"C\"";
    createTeamsWithCore();
    execute("CREATE TABLE `users` (`id` " + textType() + " NOT NULL PRIMARY KEY, `name` " + otherText + " NOT NULL,"
        + " `email` " + textType() + ", `team_id` " + textType() + " NOT NULL, `role` " + textType() + " NOT NULL)");
    execute("INSERT INTO `users` (`id`, `name`, `email`, `team_id`, `role`) VALUES ('u1', 'Ann', 'ann@example.com', 'team1', 'ADMIN')");

    Store store = open();

    assertThat(columns("users").get("name").type())
        .isEqualTo(backend == Backend.H2 ? "character large object" : "character varying");
    store.insert(UserInsert.of(BOB));
    assertThat(store.list(UserQuery.where(User_.name.eq("Ann")))).containsExactly(ANN);
    assertThat(store.list(UserQuery.all().orderBy(User_.name.desc()))).containsExactly(BOB, ANN);
  }

  @Test
  void notNullIsDroppedFromTheColumnOfANullableField() {
    createTeamsWithCore();
    execute("CREATE TABLE `users` (`id` " + textType() + " NOT NULL PRIMARY KEY, `name` " + textType() + " NOT NULL,"
        + " `email` " + textType() + " NOT NULL, `team_id` " + textType() + " NOT NULL, `role` " + textType() + " NOT NULL)");
    execute("INSERT INTO `users` (`id`, `name`, `email`, `team_id`, `role`) VALUES ('u1', 'Ann', 'ann@example.com', 'team1', 'ADMIN')");

    Store store = open();

    assertThat(columns("users")).containsEntry("email", new Column(text(), true));
    assertThat(store.insert(UserInsert.of(BOB))).isEqualTo(BOB); // Bob has no email
    assertThat(store.list(UserQuery.all())).containsExactly(ANN, BOB);
  }

  @Test
  void aRequiredFieldsNullableColumnWithoutNullsBecomesNotNull() {
    createTeamsWithCore();
    execute("CREATE TABLE `users` (`id` " + textType() + " NOT NULL PRIMARY KEY, `name` " + textType() + ","
        + " `email` " + textType() + ", `team_id` " + textType() + " NOT NULL, `role` " + textType() + " NOT NULL)");
    execute("INSERT INTO `users` (`id`, `name`, `email`, `team_id`, `role`) VALUES ('u1', 'Ann', 'ann@example.com', 'team1', 'ADMIN')");

    Store store = open();

    assertThat(columns("users")).containsEntry("name", new Column(text(), false));
    assertThat(store.list(UserQuery.all())).containsExactly(ANN);
  }

  @Test
  void aRequiredFieldsNullableColumnHoldingNullsStopsTheStart() {
    createTeamsWithCore();
    execute("CREATE TABLE `users` (`id` " + textType() + " NOT NULL PRIMARY KEY, `name` " + textType() + ","
        + " `email` " + textType() + ", `team_id` " + textType() + " NOT NULL, `role` " + textType() + " NOT NULL)");
    execute("INSERT INTO `users` (`id`, `name`, `email`, `team_id`, `role`) VALUES ('u1', NULL, NULL, 'team1', 'ADMIN')");

    LiveException e = openFails();

    assertThat(e.getMessage()).contains("users.name", "required", "holds NULLs");
    assertThat(columns("users")).containsEntry("name", new Column(text(), true));
    assertThat(count("SELECT COUNT(*) FROM `users` WHERE `name` IS NULL")).isEqualTo(1);
  }

  @Test
  void aRowWithADanglingReferenceStopsAddingTheForeignKeyUntilItIsFixed() {
    execute("CREATE TABLE `users` (`id` " + textType() + " NOT NULL PRIMARY KEY, `name` " + textType() + " NOT NULL,"
        + " `email` " + textType() + ", `team_id` " + textType() + " NOT NULL, `role` " + textType() + " NOT NULL)");
    execute("INSERT INTO `users` (`id`, `name`, `email`, `team_id`, `role`) VALUES ('u1', 'Ann', NULL, 'ghost', 'ADMIN')");

    LiveException e = openFails();

    assertThat(e.getMessage()).contains("foreign key of users.teamId", "teams rows that do not exist");
    assertThat(foreignKeys("users")).isEmpty();
    assertThat(count("SELECT COUNT(*) FROM `users`")).isEqualTo(1);

    execute("DELETE FROM `users` WHERE `team_id` = 'ghost'");
    open();
    assertThat(foreignKeys("users")).containsExactly("fk_users_team_id(team_id) -> teams(id)");
  }

  @Test
  void aTableWithoutPrimaryKeyGetsOne() {
    execute("CREATE TABLE `teams` (`id` " + textType() + " NOT NULL, `name` " + textType() + " NOT NULL,"
        + " `created_at` TIMESTAMP(6) WITH TIME ZONE NOT NULL)");
    execute("INSERT INTO `teams` (`id`, `name`, `created_at`) VALUES ('team1', 'Core', ?)", at(T0));

    Store store = open();

    assertThat(primaryKey("teams")).isEqualTo("pk_teams_id(id)");
    assertThat(store.list(TeamQuery.all())).containsExactly(CORE);
  }

  @Test
  void tablesAndColumnsTheSchemaDoesNotKnowAreLeftAlone() {
    execute("CREATE TABLE `teams` (`id` " + textType() + " NOT NULL PRIMARY KEY, `name` " + textType() + " NOT NULL,"
        + " `created_at` TIMESTAMP(6) WITH TIME ZONE NOT NULL, `legacy_code` " + textType() + ")");
    execute("INSERT INTO `teams` (`id`, `name`, `created_at`, `legacy_code`) VALUES ('team1', 'Core', ?, 'C-1')", at(T0));
    execute("CREATE TABLE `archive` (`id` INTEGER NOT NULL PRIMARY KEY, `note` " + textType() + ")");
    execute("INSERT INTO `archive` (`id`, `note`) VALUES (1, 'kept')");

    Store store = open();

    assertThat(columns("teams")).containsKey("legacy_code");
    assertThat(count("SELECT COUNT(*) FROM `teams` WHERE `legacy_code` = 'C-1'")).isEqualTo(1);
    assertThat(count("SELECT COUNT(*) FROM `archive` WHERE `note` = 'kept'")).isEqualTo(1);
    assertThat(store.insert(TeamInsert.of(GROWTH))).isEqualTo(GROWTH);
    assertThat(store.list(TeamQuery.all())).containsExactly(CORE, GROWTH);
  }

  // ---------------------------------------------------------------- the wrong database

  @Test
  void aPostgresDatabaseOnAnH2ConnectionStopsBeforeCreatingAnything() {
    assumeTrue(backend == Backend.H2, "only Database.postgres takes a DataSource; an H2 one is the wrong product");
    JdbcDataSource h2 = new JdbcDataSource();
    h2.setURL(database.jdbcUrl());
    h2.setUser(database.user());
    h2.setPassword(database.password());

    try (Database wrong = Database.postgres(h2)) {
      LiveException e = catchThrowableOfType(LiveException.class, () -> Store.open(wrong, AppSchema.INSTANCE));
      assertThat(e).isNotNull();
      assertThat(e.code()).isEqualTo(ErrorCode.SCHEMA_MISMATCH);
      assertThat(e.getMessage()).contains("opened as PostgreSQL", "connection is to H2", "Database factory for H2");
    }
    assertThat(tables()).isEmpty();
    assertThatThrownBy(() -> Database.postgres(database.jdbcUrl(), "", ""))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("jdbc:postgresql:");
  }

  // ---------------------------------------------------------------- helpers

  private Store open() {
    return open(StoreOptions.defaults());
  }

  private Store open(StoreOptions options) {
    Store store = Store.open(database.database(), AppSchema.INSTANCE, options);
    stores.add(store);
    return store;
  }

  private LiveException openFails() {
    LiveException e = catchThrowableOfType(LiveException.class, this::open);
    assertThat(e).as("Store.open should have failed").isNotNull();
    assertThat(e.code()).as(e.getMessage()).isEqualTo(ErrorCode.SCHEMA_MISMATCH);
    return e;
  }

  private void createTeamsWithCore() {
    execute("CREATE TABLE `teams` (`id` " + textType() + " NOT NULL PRIMARY KEY, `name` " + textType() + " NOT NULL,"
        + " `created_at` TIMESTAMP(6) WITH TIME ZONE NOT NULL)");
    execute("INSERT INTO `teams` (`id`, `name`, `created_at`) VALUES ('team1', 'Core', ?)", at(T0));
  }

  /** The column type Live creates for strings, to create tables as Live would. */
  private String textType() {
    return backend == Backend.H2 ? "CHARACTER VARYING" : "text COLLATE \"C\"";
  }

  /** How information_schema reports {@link #textType()}. */
  private String text() {
    return backend == Backend.H2 ? "character varying" : "text";
  }

  private String jsonType() {
    return backend == Backend.H2 ? "CHARACTER LARGE OBJECT" : "jsonb";
  }

  private String json() {
    return backend == Backend.H2 ? "character large object" : "jsonb";
  }

  private static OffsetDateTime at(java.time.Instant instant) {
    return instant.atOffset(ZoneOffset.UTC);
  }

  /** Runs one statement; identifiers are written in backticks and quoted, as Live quotes them. */
  private void execute(String sql, Object... params) {
    try (Connection connection = database.connect();
        PreparedStatement statement = connection.prepareStatement(sql.replace('`', '"'))) {
      for (int i = 0; i < params.length; i++) {
        statement.setObject(i + 1, params[i]);
      }
      statement.execute();
    } catch (SQLException e) {
      throw new IllegalStateException(sql, e);
    }
  }

  private long count(String sql) {
    return Long.parseLong(query(sql).get(0).get(0));
  }

  /** Rows of strings, in the order the query gives. */
  private List<List<String>> query(String sql, String... params) {
    try (Connection connection = database.connect();
        PreparedStatement statement = connection.prepareStatement(sql.replace('`', '"'))) {
      for (int i = 0; i < params.length; i++) {
        statement.setString(i + 1, params[i]);
      }
      List<List<String>> rows = new ArrayList<>();
      try (ResultSet result = statement.executeQuery()) {
        int width = result.getMetaData().getColumnCount();
        while (result.next()) {
          List<String> row = new ArrayList<>();
          for (int c = 1; c <= width; c++) {
            row.add(result.getString(c));
          }
          rows.add(row);
        }
      }
      return rows;
    } catch (SQLException e) {
      throw new IllegalStateException(sql, e);
    }
  }

  private Set<String> tables() {
    Set<String> tables = new TreeSet<>();
    for (List<String> row : query("SELECT table_name FROM information_schema.tables WHERE table_schema = CURRENT_SCHEMA")) {
      tables.add(row.get(0));
    }
    return tables;
  }

  record Column(String type, boolean nullable) {}

  private Map<String, Column> columns(String table) {
    Map<String, Column> columns = new TreeMap<>();
    for (List<String> row : query("SELECT column_name, data_type, is_nullable FROM information_schema.columns"
        + " WHERE table_schema = CURRENT_SCHEMA AND table_name = ?", table)) {
      columns.put(row.get(0), new Column(row.get(1).toLowerCase(Locale.ROOT), "YES".equals(row.get(2))));
    }
    return columns;
  }

  /** {@code name(column)} of the table's primary key, or null when it has none. */
  private String primaryKey(String table) {
    List<List<String>> rows = query("SELECT tc.constraint_name, k.column_name FROM information_schema.table_constraints tc"
        + " JOIN information_schema.key_column_usage k ON k.constraint_schema = tc.constraint_schema"
        + " AND k.constraint_name = tc.constraint_name"
        + " WHERE tc.table_schema = CURRENT_SCHEMA AND tc.table_name = ? AND tc.constraint_type = 'PRIMARY KEY'", table);
    return rows.isEmpty() ? null : rows.get(0).get(0) + "(" + rows.get(0).get(1) + ")";
  }

  /** {@code name(column) -> table(column)} for each foreign key of the table, sorted. */
  private Set<String> foreignKeys(String table) {
    Set<String> keys = new TreeSet<>();
    for (List<String> row : query("SELECT tc.constraint_name, k.column_name, target.table_name, tk.column_name"
        + " FROM information_schema.table_constraints tc"
        + " JOIN information_schema.key_column_usage k ON k.constraint_schema = tc.constraint_schema"
        + " AND k.constraint_name = tc.constraint_name"
        + " JOIN information_schema.referential_constraints r ON r.constraint_schema = tc.constraint_schema"
        + " AND r.constraint_name = tc.constraint_name"
        + " JOIN information_schema.table_constraints target ON target.constraint_schema = r.unique_constraint_schema"
        + " AND target.constraint_name = r.unique_constraint_name"
        + " JOIN information_schema.key_column_usage tk ON tk.constraint_schema = target.constraint_schema"
        + " AND tk.constraint_name = target.constraint_name"
        + " WHERE tc.table_schema = CURRENT_SCHEMA AND tc.table_name = ? AND tc.constraint_type = 'FOREIGN KEY'", table)) {
      keys.add(row.get(0) + "(" + row.get(1) + ") -> " + row.get(2) + "(" + row.get(3) + ")");
    }
    return keys;
  }

  /**
   * {@code name(column)}, plus {@code unique} for a unique one, of every index of the table,
   * sorted. PostgreSQL's information_schema has no indexes: its catalog says.
   */
  private Set<String> indexes(String table) {
    String sql = backend == Backend.H2
        ? "SELECT i.index_name, c.column_name, CASE WHEN i.index_type_name LIKE '%UNIQUE%'"
            + " OR i.index_type_name = 'PRIMARY KEY' THEN 'true' ELSE 'false' END"
            + " FROM information_schema.indexes i JOIN information_schema.index_columns c"
            + " ON c.index_schema = i.index_schema AND c.index_name = i.index_name"
            + " WHERE i.table_schema = CURRENT_SCHEMA AND i.table_name = ?"
        : "SELECT i.relname, a.attname, CASE WHEN x.indisunique THEN 'true' ELSE 'false' END"
            + " FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid"
            + " JOIN pg_namespace n ON n.oid = t.relnamespace"
            + " JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = ANY (x.indkey)"
            + " WHERE n.nspname = CURRENT_SCHEMA AND t.relname = ?";
    Set<String> indexes = new TreeSet<>();
    for (List<String> row : query(sql, table)) {
      indexes.add(row.get(0) + "(" + row.get(1) + ")" + ("true".equals(row.get(2)) ? " unique" : ""));
    }
    return indexes;
  }

  /** The indexes named the way Live names them. */
  private Set<String> liveIndexes(String table) {
    Set<String> live = new TreeSet<>();
    for (String index : indexes(table)) {
      if (index.startsWith("ix_") || index.startsWith("ux_")) {
        live.add(index);
      }
    }
    return live;
  }

  /** Tables, columns, primary keys, indexes and foreign keys, as one comparable text. */
  private String schemaSnapshot() {
    StringBuilder snapshot = new StringBuilder();
    for (String table : tables()) {
      snapshot.append(table).append(' ').append(columns(table)).append(' ').append(primaryKey(table)).append(' ')
          .append(indexes(table)).append(' ').append(foreignKeys(table)).append('\n');
    }
    return snapshot.toString();
  }
}
