package dev.live.storage;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where a Live application keeps its data: embedded H2 (a file, or memory for tests) by default,
 * PostgreSQL in production. Connections are pooled by HikariCP (10 at most), also those of a
 * {@code DataSource} the application passes in.
 *
 * <pre>{@code
 * Database.h2File(Path.of("data/app"))                    // ./data/app.mv.db
 * Database.postgres("jdbc:postgresql://db:5432/app", "app", secret)
 * Database.postgres(existingDataSource)
 * }</pre>
 */
public final class Database implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Database.class);
  private static final int DEFAULT_POOL_SIZE = 10;

  private final HikariDataSource dataSource;
  private final Dialect dialect;
  private final String description;
  /** For a database only this process writes (embedded H2): what identifies it in this JVM. */
  private final String embeddedKey;

  private Database(HikariDataSource dataSource, Dialect dialect, String description, String embeddedKey) {
    this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    this.dialect = dialect;
    this.description = description;
    this.embeddedKey = embeddedKey;
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

  /** A PostgreSQL database reached through a JDBC URL with a user and password, pooled by Live. */
  public static Database postgres(String jdbcUrl, String user, String password) {
    if (!jdbcUrl.startsWith("jdbc:postgresql:")) {
      throw new IllegalArgumentException("a PostgreSQL JDBC URL starts with jdbc:postgresql:, not "
          + jdbcUrl.substring(0, Math.min(jdbcUrl.length(), 20)));
    }
    HikariConfig config = poolConfig(jdbcUrl);
    config.setUsername(user);
    config.setPassword(password);
    // Credentials may sit in the URL; only its host part goes to logs.
    return new Database(new HikariDataSource(config), PostgresDialect.INSTANCE,
        "PostgreSQL " + withoutQuery(jdbcUrl), null);
  }

  /**
   * A PostgreSQL database behind the application's own {@code DataSource}, whose connections
   * Live pools with HikariCP. The application keeps and closes its {@code DataSource}; closing
   * this {@code Database} closes only Live's pool.
   */
  public static Database postgres(DataSource dataSource) {
    HikariConfig config = poolConfig(null);
    config.setDataSource(Objects.requireNonNull(dataSource, "dataSource"));
    return new Database(new HikariDataSource(config), PostgresDialect.INSTANCE, "PostgreSQL (application DataSource)",
        null);
  }

  DataSource dataSource() {
    return dataSource;
  }

  Dialect dialect() {
    return dialect;
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
   * otherwise keep until the JVM exits); a {@code DataSource} passed in is left open.
   */
  @Override
  public void close() {
    if (embeddedKey != null && embeddedKey.startsWith("h2:mem:")) {
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
    return new Database(new HikariDataSource(poolConfig(url)), H2Dialect.INSTANCE, description, embeddedKey);
  }

  /**
   * Writers of one row queue until the one ahead commits, so a lock wait of H2's default second
   * is too short under load; ten seconds bounds a stuck writer instead.
   */
  private static String h2Settings() {
    // QUERY_CACHE_SIZE: H2 keeps 8 parsed statements per connection by default, fewer than a
    // mutation's round (claim, savepoint, insert, change log, version) and the change tail use,
    // so statements were parsed again and again.
    return ";LOCK_TIMEOUT=10000;QUERY_CACHE_SIZE=64";
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
