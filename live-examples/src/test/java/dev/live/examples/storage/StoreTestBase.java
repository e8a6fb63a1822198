package dev.live.examples.storage;

import dev.live.examples.board.AppSchema;
import dev.live.storage.StatementObserver;
import dev.live.storage.Store;
import dev.live.storage.StoreOptions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Runs a test class once on H2 and once on PostgreSQL, each test on a new, empty database with
 * the board schema's tables.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(Backend.class)
abstract class StoreTestBase {
  @Parameter
  Backend backend;

  TestDatabase database;
  Store store;
  /** The SQL of every statement the store prepared, when {@link #options()} is not overridden. */
  final List<String> statements = Collections.synchronizedList(new ArrayList<>());

  @BeforeEach
  void openStore() {
    database = backend.create();
    store = Store.open(database.database(), AppSchema.INSTANCE, options());
  }

  /** The options of the store each test gets: statements recorded; override to add hooks. */
  StoreOptions options() {
    StatementObserver observer = statements::add;
    return StoreOptions.builder().statementObserver(observer).build();
  }

  /** Fills the store with {@link BoardData}, and forgets the statements that took. */
  void seedBoard() {
    BoardData.seed(store);
    statements.clear();
  }

  @AfterEach
  void closeStore() {
    if (store != null) {
      store.close();
    }
    if (database != null) {
      database.close();
    }
  }
}
