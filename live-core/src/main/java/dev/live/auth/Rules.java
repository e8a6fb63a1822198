package dev.live.auth;

import dev.live.error.LiveException;
import dev.live.query.Condition;
import dev.live.query.Field;
import dev.live.query.ValueField;
import dev.live.schema.CollectionSchema;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Who may read and write what, per collection. A read rule is a condition built from the caller's
 * {@link AuthContext}; the server ANDs it into every subscription and one-shot query, every
 * include and every relation condition, so a row the caller may not read never reaches them, not
 * in a snapshot, not in a delta, not as an included row. Write rules decide each client mutation:
 * an insert sees the new row, an update the row before, after, and the fields that change, a
 * delete the row.
 *
 * <pre>{@code
 * Rules rules = Rules.builder()
 *     .read(Task_.COLLECTION, auth -> Task_.board.is(Board_.teamId.eq(auth.claims().get("team"))))
 *     .update(Task_.COLLECTION, (auth, before, after, changed) ->
 *         !changed.contains(Task_.boardId) || auth.hasRole("ADMIN"))
 *     .build();
 * }</pre>
 *
 * <p>A collection without a read rule is readable by every client; one without a write rule of a
 * kind takes every such write, unless {@link Builder#denyUnlistedWrites()} was called. Rules are
 * not applied to server code (procedures, the data API): it is trusted. A rule that throws
 * refuses; a read rule's failure is logged at WARN with its cause, at most once per 10 s per rule.
 * A write rule may refuse with a reason the client can act on by throwing an application's error
 * ({@code throw LiveException.of("BOARD_LOCKED", "the board is locked for the release")}): the
 * write is rejected with it, as when a procedure throws it.
 */
public final class Rules {
  private static final Rules NONE = new Rules(new Builder());

  private final Map<CollectionSchema<?>, ReadRule<?>> read;
  private final Map<CollectionSchema<?>, InsertRule<?>> insert;
  private final Map<CollectionSchema<?>, UpdateRule<?>> update;
  private final Map<CollectionSchema<?>, DeleteRule<?>> delete;
  private final boolean denyUnlistedWrites;
  /** Where a read rule that fails is reported: bounded, since clients can make it fail at will. */
  final RuleFailureLog failures = new RuleFailureLog(System::nanoTime);

  private Rules(Builder b) {
    this.read = Map.copyOf(b.read);
    this.insert = Map.copyOf(b.insert);
    this.update = Map.copyOf(b.update);
    this.delete = Map.copyOf(b.delete);
    this.denyUnlistedWrites = b.denyUnlistedWrites;
  }

  /** No rules: every client reads everything and may make every write. */
  public static Rules none() {
    return NONE;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A condition no row matches: a read rule's answer for a caller who may read nothing. */
  @SuppressWarnings("unchecked") // an id field compares with values of the collection's id type
  public static <T> Condition<T> nothing(CollectionSchema<T> collection) {
    return ((ValueField<T, Object>) collection.id()).in(List.of());
  }

  /** A condition every row matches: a read rule's answer for a caller who may read everything. */
  public static <T> Condition<T> everything(CollectionSchema<T> collection) {
    return Condition.not(nothing(collection));
  }

  /** The read rule of {@code collection}, if it has one. */
  @SuppressWarnings("unchecked") // the builder files each rule under its own collection
  public <T> Optional<ReadRule<T>> read(CollectionSchema<T> collection) {
    return Optional.ofNullable((ReadRule<T>) read.get(collection));
  }

  /** Whether {@code auth} may insert {@code row} (a rule that throws refuses; it is logged at a bounded rate). */
  @SuppressWarnings("unchecked")
  public <T> boolean allowsInsert(AuthContext auth, CollectionSchema<T> collection, T row) {
    InsertRule<T> rule = (InsertRule<T>) insert.get(collection);
    return rule == null ? !denyUnlistedWrites : allows("insert", collection, () -> rule.allows(auth, row));
  }

  /** Whether {@code auth} may change {@code before} into {@code after}, changing {@code changed}. */
  @SuppressWarnings("unchecked")
  public <T> boolean allowsUpdate(AuthContext auth, CollectionSchema<T> collection, T before, T after,
      Set<Field<T, ?>> changed) {
    UpdateRule<T> rule = (UpdateRule<T>) update.get(collection);
    return rule == null ? !denyUnlistedWrites
        : allows("update", collection, () -> rule.allows(auth, before, after, changed));
  }

  /** Whether {@code auth} may delete {@code row}. */
  @SuppressWarnings("unchecked")
  public <T> boolean allowsDelete(AuthContext auth, CollectionSchema<T> collection, T row) {
    DeleteRule<T> rule = (DeleteRule<T>) delete.get(collection);
    return rule == null ? !denyUnlistedWrites : allows("delete", collection, () -> rule.allows(auth, row));
  }

  /**
   * A write rule's answer; a rule that throws refuses, and is logged at a bounded rate (a client
   * can send writes that reach it over and over). A rule that refuses with an application code
   * ({@link LiveException#of(String, String)}) means to: the write is rejected with that error, and
   * nothing is logged.
   */
  private boolean allows(String kind, CollectionSchema<?> collection, java.util.function.BooleanSupplier rule) {
    try {
      return rule.getAsBoolean();
    } catch (LiveException e) {
      if (e.appCode().isPresent()) {
        throw e;
      }
      failures.failed(kind, collection.name(), "refused with FORBIDDEN", e);
      return false;
    } catch (RuntimeException e) {
      failures.failed(kind, collection.name(), "refused with FORBIDDEN", e);
      return false;
    }
  }

  /** Which rows of a collection a caller may read. */
  @FunctionalInterface
  public interface ReadRule<T> {
    Condition<T> condition(AuthContext auth);
  }

  /** Whether a caller may insert a row. */
  @FunctionalInterface
  public interface InsertRule<T> {
    boolean allows(AuthContext auth, T row);
  }

  /**
   * Whether a caller may update a row: {@code before} is the row as stored, {@code after} as the
   * update would leave it, {@code changed} the fields whose value it changes (metamodel
   * constants, so {@code changed.contains(Task_.title)} reads naturally).
   */
  @FunctionalInterface
  public interface UpdateRule<T> {
    boolean allows(AuthContext auth, T before, T after, Set<Field<T, ?>> changed);
  }

  /** Whether a caller may delete a row. */
  @FunctionalInterface
  public interface DeleteRule<T> {
    boolean allows(AuthContext auth, T row);
  }

  /** Collects rules; one rule of each kind per collection. */
  public static final class Builder {
    private final Map<CollectionSchema<?>, ReadRule<?>> read = new HashMap<>();
    private final Map<CollectionSchema<?>, InsertRule<?>> insert = new HashMap<>();
    private final Map<CollectionSchema<?>, UpdateRule<?>> update = new HashMap<>();
    private final Map<CollectionSchema<?>, DeleteRule<?>> delete = new HashMap<>();
    private boolean denyUnlistedWrites;

    private Builder() {}

    public <T> Builder read(CollectionSchema<T> collection, ReadRule<T> rule) {
      put(read, collection, rule, "read");
      return this;
    }

    public <T> Builder insert(CollectionSchema<T> collection, InsertRule<T> rule) {
      put(insert, collection, rule, "insert");
      return this;
    }

    public <T> Builder update(CollectionSchema<T> collection, UpdateRule<T> rule) {
      put(update, collection, rule, "update");
      return this;
    }

    public <T> Builder delete(CollectionSchema<T> collection, DeleteRule<T> rule) {
      put(delete, collection, rule, "delete");
      return this;
    }

    /** Refuses client writes to collections without a rule for that kind of write. */
    public Builder denyUnlistedWrites() {
      this.denyUnlistedWrites = true;
      return this;
    }

    private static <R> void put(Map<CollectionSchema<?>, R> rules, CollectionSchema<?> collection, R rule,
        String kind) {
      Objects.requireNonNull(collection, "collection");
      Objects.requireNonNull(rule, "rule");
      if (rules.putIfAbsent(collection, rule) != null) {
        throw new IllegalArgumentException("collection " + collection.name() + " already has a " + kind + " rule");
      }
    }

    public Rules build() {
      return new Rules(this);
    }
  }
}
