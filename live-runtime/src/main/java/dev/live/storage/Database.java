package dev.live.storage;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.postgresql.ds.PGSimpleDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where a Live application keeps its data: embedded H2 (a file, or memory for tests) by default,
 * PostgreSQL in production. Connections are pooled by HikariCP (10 at most), also those of a
 * {@code DataSource} the application passes in. On PostgreSQL a {@link Store} holds two more
 * connections outside that pool, to hear of other nodes' commits and tell them of its own
 * (docs/scale-out.md): the pool stays as large as it was sized.
 *
 * <pre>{@code
 * Database.h2File(Path.of("data/app"))                    // ./data/app.mv.db
 * Database.postgres("jdbc:postgresql://db:5432/app", "app", secret)
 * Database.postgres(existingDataSource)
 * Database.h2(existingH2DataSource)                      // embedded H2 through the application's DataSource
 * }</pre>
 */
public final class Database implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Database.class);
  private static final int DEFAULT_POOL_SIZE = 10;
  private static final int H2_LOCK_TIMEOUT_MILLIS = 10_000;
  private static final int UNPOOLED_LOGIN_TIMEOUT_SECONDS = 10;

  private final HikariDataSource dataSource;
  /**
   * Where connections outside the pool come from (PostgreSQL): a connection held for as long as
   * the store is open, taken from the pool, would leave the application's requests one short.
   */
  private final @Nullable DataSource unpooled;
  private final Dialect dialect;
  private final String description;
  /** For a database only this process writes (embedded H2): what identifies it in this JVM. */
  private final String embeddedKey;
  /** Whether closing ends the database itself: an in-memory one Live opened, not the application's. */
  private final boolean endsOnClose;
  /** Shared by the stores on this database: they share its pool. */
  private final StatementTimeouts timeouts = new StatementTimeouts();
  /** Set by the first close: the server closes a database it was given, and so may its owner. */
  private final AtomicBoolean closed = new AtomicBoolean();

  private Database(HikariDataSource dataSource, @Nullable DataSource unpooled, Dialect dialect, String description,
      String embeddedKey, boolean endsOnClose) {
    this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    this.unpooled = unpooled;
    this.dialect = dialect;
    this.description = description;
    this.embeddedKey = embeddedKey;
    this.endsOnClose = endsOnClose;
  }

  /**
   * An H2 database in a file: {@code path} without the {@code .mv.db} extension H2 adds. The
   * directory is created if needed. One process opens it at a time.
   */
  public static Database h2File(Path path) {
    Path absolute = path.toAbsolutePath().normalize();
    if (absolute.toString().contains(";")) {
      // H2 reads settings after ';' in its URL (INIT=... runs SQL): a path must not add any.
      throw new IllegalArgumentException("an H2 database path may not contain ';': " + absolute);
    }
    // WRITE_DELAY=0: a commit reaches the file before it returns. By default H2 writes up to
    // 500 ms later, and a process that dies in between loses commits it acknowledged.
    return h2("jdbc:h2:file:" + absolute + h2Settings() + ";WRITE_DELAY=0", "H2 file " + absolute,
        "h2:file:" + absolute);
  }

  /**
   * An H2 database in memory, named so that several stores in one JVM can share it; it lives
   * until this {@code Database} is closed, which ends it. For tests and demos: nothing survives
   * a restart.
   */
  public static Database h2Memory(String name) {
    requireSimpleName(name);
    return h2("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1" + h2Settings(), "H2 in memory (" + name + ")",
        "h2:mem:" + name);
  }

  /**
   * A PostgreSQL database reached through a JDBC URL with a user and password, pooled by Live. A
   * {@link Store} on it also holds two connections of its own outside the pool, with the same URL
   * and credentials, while it is open: to hear of other nodes' commits and tell them of its own
   * (docs/scale-out.md).
   */
  public static Database postgres(String jdbcUrl, String user, String password) {
    if (!jdbcUrl.startsWith("jdbc:postgresql:")) {
      throw new IllegalArgumentException("a PostgreSQL JDBC URL starts with jdbc:postgresql:, not "
          + jdbcUrl.substring(0, Math.min(jdbcUrl.length(), 20)));
    }
    HikariConfig config = poolConfig(jdbcUrl);
    config.setUsername(user);
    config.setPassword(password);
    PGSimpleDataSource unpooled = new PGSimpleDataSource();
    unpooled.setURL(jdbcUrl);
    if (user != null) { // else the URL's own, as the pool's driver reads it
      unpooled.setUser(user);
    }
    if (password != null) {
      unpooled.setPassword(password);
    }
    // pgjdbc waits for a login without end by default; a reconnect that hangs would stall the
    // thread that hears of other nodes' commits (connecting is bounded at 10 s already).
    unpooled.setLoginTimeout(UNPOOLED_LOGIN_TIMEOUT_SECONDS);
    // Credentials may sit in the URL; only its host part goes to logs.
    return new Database(new HikariDataSource(config), unpooled, PostgresDialect.INSTANCE,
        "PostgreSQL " + withoutQuery(jdbcUrl), null, false);
  }

  /**
   * A PostgreSQL database behind the application's own {@code DataSource}, whose connections
   * Live pools with HikariCP. The application keeps and closes its {@code DataSource}; closing
   * this {@code Database} closes only Live's pool. A {@link Store} on it also takes two
   * connections from {@code dataSource} directly, outside Live's pool, and keeps them while it is
   * open (docs/scale-out.md): if {@code dataSource} is itself a pool, size it for them.
   */
  public static Database postgres(DataSource dataSource) {
    HikariConfig config = poolConfig(null);
    config.setDataSource(Objects.requireNonNull(dataSource, "dataSource"));
    return new Database(new HikariDataSource(config), dataSource, PostgresDialect.INSTANCE,
        "PostgreSQL (application DataSource)", null, false);
  }

  /**
   * An embedded H2 database behind the application's own {@code DataSource} (one that traces,
   * wraps or injects faults into connections, say), whose connections Live pools with HikariCP.
   * The database must be one that only this process writes, as with {@link #h2File} and {@link
   * #h2Memory}: Live numbers its change log in this process. So an H2 server reached over TCP is
   * refused. The application keeps and closes its {@code DataSource} and its database (an
   * in-memory one lives until the application shuts it down); closing this {@code Database}
   * closes only Live's pool.
   *
   * <p>This connects once, to learn which database it is: every {@code Database} of this JVM on
   * the same H2 URL (settings after {@code ;} aside) shares its version numbering, as two opened
   * with {@link #h2File} on one path do. A lock wait is bounded at ten seconds, as there.
   *
   * <pre>{@code
   * JdbcDataSource h2 = new JdbcDataSource();
   * h2.setURL("jdbc:h2:file:./data/app;WRITE_DELAY=0");
   * Database database = Database.h2(new TracingDataSource(h2));
   * }</pre>
   */
  public static Database h2(DataSource dataSource) {
    Objects.requireNonNull(dataSource, "dataSource");
    String url;
    try (Connection connection = dataSource.getConnection()) {
      url = connection.getMetaData().getURL();
    } catch (SQLException e) {
      throw SqlErrors.failedOutsideStore(e, "connecting to an H2 DataSource", null);
    }
    if (url == null || !url.startsWith("jdbc:h2:")) {
      throw new IllegalArgumentException("Database.h2 takes a DataSource of an H2 database, whose URL starts with"
          + " jdbc:h2:, not one of " + (url == null ? "no URL" : url.substring(0, Math.min(url.length(), 20))));
    }
    String location = url.substring("jdbc:h2:".length());
    int settings = location.indexOf(';');
    location = settings < 0 ? location : location.substring(0, settings);
    if (location.startsWith("tcp:") || location.startsWith("ssl:")) {
      throw new IllegalArgumentException("Database.h2 takes an embedded H2 database, which only this process"
          + " writes; " + location.substring(0, 3) + ": reaches an H2 server that other processes may write too");
    }
    if (location.equals("mem:")) {
      throw new IllegalArgumentException("Database.h2 takes a named H2 database: jdbc:h2:mem: without a name"
          + " gives each pooled connection a database of its own; name it, as in jdbc:h2:mem:app;DB_CLOSE_DELAY=-1");
    }
    HikariConfig config = poolConfig(null);
    config.setDataSource(dataSource);
    config.setConnectionInitSql("SET LOCK_TIMEOUT " + H2_LOCK_TIMEOUT_MILLIS);
    String key = location.startsWith("mem:") || location.startsWith("file:") ? location : "file:" + location;
    return new Database(new HikariDataSource(config), null, H2Dialect.INSTANCE,
        "H2 (application DataSource, " + key + ")", "h2:" + key, false);
  }

  DataSource dataSource() {
    return dataSource;
  }

  /**
   * Where a store opens the connections it keeps outside the pool: the driver itself for a URL,
   * the application's {@code DataSource} when it gave one; empty on H2, whose stores need none.
   */
  Optional<DataSource> unpooled() {
    return Optional.ofNullable(unpooled);
  }

  Dialect dialect() {
    return dialect;
  }

  StatementTimeouts timeouts() {
    return timeouts;
  }

  /**
   * The key of this database among the embedded ones of this JVM, or empty for a database that
   * other processes may write too (PostgreSQL).
   */
  Optional<String> embeddedKey() {
    return Optional.ofNullable(embeddedKey);
  }

  /** Whether this is an embedded H2 database (file or memory) rather than PostgreSQL. */
  public boolean isEmbedded() {
    return embeddedKey != null;
  }

  /**
   * Closes the connection pool Live opened, and ends an in-memory database (which H2 would
   * otherwise keep until the JVM exits); a {@code DataSource} passed in is left open. Closing
   * again does nothing, so an application may close a database the server already closed.
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    if (endsOnClose) {
      shutDownInMemory();
    }
    dataSource.close();
  }

  private void shutDownInMemory() {
    Connection connection;
    try {
      connection = dataSource.getConnection();
    } catch (SQLException e) {
      log.warn("could not end the in-memory database {}", description, e);
      return;
    }
    try (Statement statement = connection.createStatement()) {
      statement.execute("SHUTDOWN");
    } catch (SQLException e) {
      log.warn("could not end the in-memory database {}", description, e);
    } finally {
      try {
        connection.close();
      } catch (SQLException e) {
        // The pool rolls back a connection it takes back, and the database it was on is gone, as asked.
      }
    }
  }

  @Override
  public String toString() {
    return description;
  }

  private static Database h2(String url, String description, String embeddedKey) {
    return new Database(new HikariDataSource(poolConfig(url)), null, H2Dialect.INSTANCE, description, embeddedKey,
        embeddedKey.startsWith("h2:mem:"));
  }

  /**
   * Writers of one row queue until the one ahead commits, so a lock wait of H2's default second
   * is too short under load; ten seconds bounds a stuck writer instead. A {@link Store} sets each
   * connection's lock timeout to its statement timeout when it first uses it ({@link
   * StatementTimeouts}); this is the value until then.
   */
  private static String h2Settings() {
    // QUERY_CACHE_SIZE: H2 keeps 8 parsed statements per connection by default, fewer than a
    // mutation's round (claim, savepoint, insert, change log, version) and the change tail use,
    // so statements were parsed again and again.
    return ";LOCK_TIMEOUT=" + H2_LOCK_TIMEOUT_MILLIS + ";QUERY_CACHE_SIZE=64";
  }

  private static HikariConfig poolConfig(String url) {
    HikariConfig config = new HikariConfig();
    if (url != null) {
      config.setJdbcUrl(url);
    }
    config.setMaximumPoolSize(DEFAULT_POOL_SIZE);
    config.setAutoCommit(false);
    config.setPoolName("live");
    return config;
  }

  private static void requireSimpleName(String name) {
    if (!name.matches("[A-Za-z0-9_-]{1,64}")) {
      throw new IllegalArgumentException("an in-memory database name is 1 to 64 letters, digits,"
          + " '_' or '-', not '" + name + "'");
    }
  }

  private static String withoutQuery(String url) {
    int query = url.indexOf('?');
    return query < 0 ? url : url.substring(0, query);
  }
}
