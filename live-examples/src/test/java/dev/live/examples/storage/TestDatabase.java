package dev.live.examples.storage;

import dev.live.storage.Database;

/** A database made for one test, and how to remove it. */
public final class TestDatabase implements AutoCloseable {
  private final Database database;
  private final Runnable drop;

  TestDatabase(Database database, Runnable drop) {
    this.database = database;
    this.drop = drop;
  }

  public Database database() {
    return database;
  }

  @Override
  public void close() {
    database.close();
    drop.run();
  }
}
