package dev.live.examples.storage;

import java.io.PrintWriter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Faults injected at the JDBC boundary, between Live and a real database, for tests of failure
 * paths: a {@code DataSource} wrapper whose connections and prepared statements pass everything
 * through, except what a test arms. Faults are keyed by a value a statement binds (a row's id, a
 * client's mutation key), so a test aims at one mutation without knowing Live's SQL.
 *
 * <ul>
 *   <li>{@link #failStatement}: the next statement binding a value fails with an SQLState (a
 *       serialization failure {@code 40001}, a deadlock {@code 40P01}), once, as the database
 *       would fail it: on PostgreSQL the transaction is left aborted until a rollback (to a
 *       savepoint).
 *   <li>{@link #failCommit}: the next transaction in which a statement binds a value fails at its
 *       commit with an SQLState, and nothing of it is committed.
 *   <li>{@link #hold}: the next statement binding a value waits before it runs until released, so
 *       that a test can keep a transaction open at a known point.
 * </ul>
 *
 * <p>A test-only tool: it uses dynamic proxies, which Live's own code may not.
 */
public final class JdbcFaults {
  private final Map<String, String> failStatement = new ConcurrentHashMap<>();
  private final Map<String, String> failCommit = new ConcurrentHashMap<>();
  private final Map<String, Hold> holds = new ConcurrentHashMap<>();
  private final List<String> fired = new CopyOnWriteArrayList<>();

  /** Wraps {@code real}: connections it hands out carry the faults armed on this. */
  public DataSource wrap(DataSource real) {
    return new FaultyDataSource(real);
  }

  /** The next statement that binds {@code value} fails with {@code sqlState} instead of running. */
  public void failStatement(String value, String sqlState) {
    failStatement.put(value, sqlState);
  }

  /** The next transaction in which a statement binds {@code value} fails at commit with {@code sqlState}. */
  public void failCommit(String value, String sqlState) {
    failCommit.put(value, sqlState);
  }

  /** The next statement that binds {@code value} waits, before it runs, until the hold is released. */
  public Hold hold(String value) {
    Hold hold = new Hold(value);
    holds.put(value, hold);
    return hold;
  }

  /** What fired so far, in order: "statement VALUE STATE", "commit VALUE STATE", "hold VALUE". */
  public List<String> fired() {
    return List.copyOf(fired);
  }

  /** A statement kept waiting before it runs. */
  public static final class Hold {
    private final String value;
    private final CountDownLatch reached = new CountDownLatch(1);
    private final CountDownLatch released = new CountDownLatch(1);

    private Hold(String value) {
      this.value = value;
    }

    /** Waits until a statement binding the value is held; fails after {@code timeout}. */
    public void awaitReached(Duration timeout) {
      try {
        if (!reached.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
          throw new AssertionError("no statement bound " + value + " within " + timeout);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted", e);
      }
    }

    /** Lets the held statement run (and any that comes later binding the value, unheld). */
    public void release() {
      released.countDown();
    }

    private void block() {
      reached.countDown();
      try {
        // Bounded, so that a test that forgets to release fails instead of hanging the suite.
        if (!released.await(60, TimeUnit.SECONDS)) {
          throw new IllegalStateException("a held statement binding " + value + " was never released");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private final class FaultyDataSource implements DataSource {
    private final DataSource real;

    FaultyDataSource(DataSource real) {
      this.real = real;
    }

    @Override
    public Connection getConnection() throws SQLException {
      return connection(real.getConnection());
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
      return connection(real.getConnection(username, password));
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
      return real.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
      real.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
      real.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
      return real.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
      return real.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
      return real.unwrap(type);
    }

    @Override
    public boolean isWrapperFor(Class<?> type) throws SQLException {
      return real.isWrapperFor(type);
    }
  }

  private Connection connection(Connection real) {
    return (Connection) Proxy.newProxyInstance(JdbcFaults.class.getClassLoader(), new Class<?>[] {Connection.class},
        new ConnectionFaults(real));
  }

  /** One connection: its prepared statements are watched, and its commit may fail. */
  private final class ConnectionFaults implements InvocationHandler {
    private final Connection real;
    /** The SQLState the current transaction's commit fails with; null when it commits. */
    private volatile String commitFailure;
    private volatile String commitValue;

    ConnectionFaults(Connection real) {
      this.real = real;
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
      switch (method.getName()) {
        case "commit" -> {
          String state = commitFailure;
          if (state != null) {
            commitFailure = null;
            fired.add("commit " + commitValue + " " + state);
            // Not committed: the caller rolls back, as after any failed commit.
            throw new SQLException("injected failure at commit", state);
          }
        }
        case "rollback" -> {
          if (args == null || args.length == 0) {
            commitFailure = null; // the transaction that was to fail is gone
          }
        }
        case "prepareStatement" -> {
          PreparedStatement statement = (PreparedStatement) call(method, args);
          return Proxy.newProxyInstance(JdbcFaults.class.getClassLoader(), new Class<?>[] {PreparedStatement.class},
              new StatementFaults(this, statement));
        }
        default -> {
          // passed through below
        }
      }
      return call(method, args);
    }

    private Object call(Method method, Object[] args) throws Throwable {
      try {
        return method.invoke(real, args);
      } catch (InvocationTargetException e) {
        throw e.getCause();
      }
    }

    /** Runs a statement that fails, so that PostgreSQL aborts the transaction as a real failure does. */
    void abortTransaction() {
      try (Statement statement = real.createStatement()) {
        statement.execute("SELECT 1 / 0");
      } catch (SQLException expected) {
        // the failure is the point
      }
    }
  }

  /** One prepared statement: what it binds, checked against the armed faults when it runs. */
  private final class StatementFaults implements InvocationHandler {
    private final ConnectionFaults connection;
    private final PreparedStatement real;
    private final List<Object> bound = new ArrayList<>();

    StatementFaults(ConnectionFaults connection, PreparedStatement real) {
      this.connection = connection;
      this.real = real;
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
      String name = method.getName();
      if (name.startsWith("set") && args != null && args.length >= 2 && args[0] instanceof Integer) {
        bound.add(args[1]);
      } else if (name.startsWith("execute")) {
        beforeRun();
      }
      if (name.startsWith("execute") || name.equals("clearParameters")) {
        bound.clear(); // a batch's rows accumulate until it runs
      }
      try {
        return method.invoke(real, args);
      } catch (InvocationTargetException e) {
        throw e.getCause();
      }
    }

    private void beforeRun() throws SQLException {
      for (Object value : bound) {
        if (!(value instanceof String text)) {
          continue;
        }
        Hold hold = holds.remove(text);
        if (hold != null) {
          fired.add("hold " + text);
          hold.block();
        }
        String commitState = failCommit.remove(text);
        if (commitState != null) {
          connection.commitValue = text;
          connection.commitFailure = commitState;
        }
        String state = failStatement.remove(text);
        if (state != null) {
          fired.add("statement " + text + " " + state);
          connection.abortTransaction();
          throw new SQLException("injected failure of a statement binding " + text, state);
        }
      }
    }
  }
}
