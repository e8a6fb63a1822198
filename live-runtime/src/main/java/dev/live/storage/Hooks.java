package dev.live.storage;

import dev.live.error.ErrorCode;
import dev.live.error.LiveException;
import dev.live.schema.CollectionSchema;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Code that runs around every write to a collection, whoever makes it: a client, a procedure, or
 * server code through the data API. Before-hooks see the value about to be written and may
 * return a different one, or refuse the write by throwing ({@link #reject(String)} gives the
 * usual error; {@code LiveException.of("OUT_OF_STOCK", reason)} one with the application's own
 * code, which reaches the client beside {@code REJECTED}). After-hooks see the value as stored. All of them run inside the write's
 * transaction and may read and write through it; if any throws, the transaction rolls back.
 *
 * <pre>{@code
 * Hooks hooks = Hooks.builder()
 *     .beforeInsert(Task_.COLLECTION, (tx, task) -> {
 *       if (task.title().isBlank()) throw Hooks.reject("a task needs a title");
 *       return task;
 *     })
 *     .afterUpdate(Task_.COLLECTION, (tx, before, after) -> audit(tx, before, after))
 *     .build();
 * }</pre>
 *
 * <p>Several hooks of one kind on one collection run in the order they were added, each
 * before-hook receiving the value the previous one returned. A transaction may be run again after
 * a conflict (see {@link Store#transaction}), and its hooks with it: keep them free of side
 * effects outside the transaction.
 */
public final class Hooks {
  private static final Hooks NONE = new Hooks(Map.of());

  private final Map<CollectionSchema<?>, CollectionHooks<?>> byCollection;

  private Hooks(Map<CollectionSchema<?>, CollectionHooks<?>> byCollection) {
    this.byCollection = byCollection;
  }

  public static Hooks none() {
    return NONE;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The error a hook throws to refuse a write: code {@code REJECTED} and the reason. */
  public static LiveException reject(String reason) {
    return new LiveException(ErrorCode.REJECTED, reason);
  }

  @SuppressWarnings("unchecked") // the builder files each collection's hooks under that collection
  <T> CollectionHooks<T> of(CollectionSchema<T> collection) {
    CollectionHooks<?> hooks = byCollection.get(collection);
    return hooks == null ? (CollectionHooks<T>) CollectionHooks.EMPTY : (CollectionHooks<T>) hooks;
  }

  /** Runs before a row is inserted; returns the row to insert. */
  @FunctionalInterface
  public interface BeforeInsert<T> {
    T apply(Transaction tx, T value);
  }

  /** Runs after a row is inserted, with the row as stored. */
  @FunctionalInterface
  public interface AfterInsert<T> {
    void accept(Transaction tx, T stored);
  }

  /** Runs before a row is updated, with the row before and after; returns the row to store. */
  @FunctionalInterface
  public interface BeforeUpdate<T> {
    T apply(Transaction tx, T before, T after);
  }

  /** Runs after a row is updated, with the row before and as stored. */
  @FunctionalInterface
  public interface AfterUpdate<T> {
    void accept(Transaction tx, T before, T stored);
  }

  /** Runs before a row is deleted, with the row; throws to refuse. */
  @FunctionalInterface
  public interface BeforeDelete<T> {
    void accept(Transaction tx, T row);
  }

  /** Runs after a row is deleted, with the row as it was. */
  @FunctionalInterface
  public interface AfterDelete<T> {
    void accept(Transaction tx, T deleted);
  }

  /** Collects hooks per collection. */
  public static final class Builder {
    private final Map<CollectionSchema<?>, CollectionHooks<?>> byCollection = new HashMap<>();

    private Builder() {}

    public <T> Builder beforeInsert(CollectionSchema<T> collection, BeforeInsert<T> hook) {
      hooks(collection).beforeInsert.add(Objects.requireNonNull(hook, "hook"));
      return this;
    }

    public <T> Builder afterInsert(CollectionSchema<T> collection, AfterInsert<T> hook) {
      hooks(collection).afterInsert.add(Objects.requireNonNull(hook, "hook"));
      return this;
    }

    public <T> Builder beforeUpdate(CollectionSchema<T> collection, BeforeUpdate<T> hook) {
      hooks(collection).beforeUpdate.add(Objects.requireNonNull(hook, "hook"));
      return this;
    }

    public <T> Builder afterUpdate(CollectionSchema<T> collection, AfterUpdate<T> hook) {
      hooks(collection).afterUpdate.add(Objects.requireNonNull(hook, "hook"));
      return this;
    }

    public <T> Builder beforeDelete(CollectionSchema<T> collection, BeforeDelete<T> hook) {
      hooks(collection).beforeDelete.add(Objects.requireNonNull(hook, "hook"));
      return this;
    }

    public <T> Builder afterDelete(CollectionSchema<T> collection, AfterDelete<T> hook) {
      hooks(collection).afterDelete.add(Objects.requireNonNull(hook, "hook"));
      return this;
    }

    public Hooks build() {
      Map<CollectionSchema<?>, CollectionHooks<?>> copy = new HashMap<>();
      byCollection.forEach((collection, hooks) -> copy.put(collection, hooks.copy()));
      return new Hooks(Map.copyOf(copy));
    }

    @SuppressWarnings("unchecked") // filed under its own collection
    private <T> CollectionHooks<T> hooks(CollectionSchema<T> collection) {
      return (CollectionHooks<T>) byCollection.computeIfAbsent(
          Objects.requireNonNull(collection, "collection"), key -> new CollectionHooks<T>());
    }
  }

  /** The hooks of one collection, and how they chain. */
  static final class CollectionHooks<T> {
    static final CollectionHooks<Object> EMPTY = new CollectionHooks<>();

    final List<BeforeInsert<T>> beforeInsert = new ArrayList<>();
    final List<AfterInsert<T>> afterInsert = new ArrayList<>();
    final List<BeforeUpdate<T>> beforeUpdate = new ArrayList<>();
    final List<AfterUpdate<T>> afterUpdate = new ArrayList<>();
    final List<BeforeDelete<T>> beforeDelete = new ArrayList<>();
    final List<AfterDelete<T>> afterDelete = new ArrayList<>();

    CollectionHooks<T> copy() {
      CollectionHooks<T> copy = new CollectionHooks<>();
      copy.beforeInsert.addAll(beforeInsert);
      copy.afterInsert.addAll(afterInsert);
      copy.beforeUpdate.addAll(beforeUpdate);
      copy.afterUpdate.addAll(afterUpdate);
      copy.beforeDelete.addAll(beforeDelete);
      copy.afterDelete.addAll(afterDelete);
      return copy;
    }

    T beforeInsert(Transaction tx, CollectionSchema<T> collection, T value) {
      T current = value;
      for (BeforeInsert<T> hook : beforeInsert) {
        current = returned(hook.apply(tx, current), collection, "beforeInsert");
      }
      return current;
    }

    void afterInsert(Transaction tx, T stored) {
      for (AfterInsert<T> hook : afterInsert) {
        hook.accept(tx, stored);
      }
    }

    T beforeUpdate(Transaction tx, CollectionSchema<T> collection, T before, T after) {
      T current = after;
      for (BeforeUpdate<T> hook : beforeUpdate) {
        current = returned(hook.apply(tx, before, current), collection, "beforeUpdate");
      }
      return current;
    }

    void afterUpdate(Transaction tx, T before, T stored) {
      for (AfterUpdate<T> hook : afterUpdate) {
        hook.accept(tx, before, stored);
      }
    }

    void beforeDelete(Transaction tx, T row) {
      for (BeforeDelete<T> hook : beforeDelete) {
        hook.accept(tx, row);
      }
    }

    void afterDelete(Transaction tx, T deleted) {
      for (AfterDelete<T> hook : afterDelete) {
        hook.accept(tx, deleted);
      }
    }

    private static <T> T returned(T value, CollectionSchema<T> collection, String kind) {
      if (value == null) {
        throw new LiveException(ErrorCode.NULL_NOT_ALLOWED, "a " + kind + " hook of " + collection.name()
            + " returned null; return the row to write, or throw Hooks.reject(reason) to refuse the write");
      }
      return value;
    }
  }
}
