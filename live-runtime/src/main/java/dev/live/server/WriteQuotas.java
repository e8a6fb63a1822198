package dev.live.server;

import dev.live.auth.AuthContext;
import dev.live.error.ErrorCode;
import dev.live.error.LiveException;
import dev.live.json.LiveJson;
import dev.live.schema.CollectionSchema;
import dev.live.storage.Transaction;
import dev.live.storage.WriteCheck;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;

/**
 * The server's {@link WriteQuota}s at work: {@link #checking} runs a client's request with a check
 * on every row it stores in a collection with a quota, refusing a row over the largest size and a
 * write beyond its writer's bytes per minute ({@link ByteAllowances}).
 */
final class WriteQuotas {
  private final Map<CollectionSchema<?>, Limits> byCollection;

  WriteQuotas(Map<CollectionSchema<?>, WriteQuota> quotas, LongSupplier clock) {
    Map<CollectionSchema<?>, Limits> limits = new HashMap<>();
    quotas.forEach((collection, quota) -> limits.put(collection, new Limits(quota.maxRowBytes().orElse(0),
        quota.bytesPerMinute().isPresent()
            ? new ByteAllowances(quota.bytesPerMinute().getAsLong(), quota.maxWriters(), clock) : null)));
    this.byCollection = Map.copyOf(limits);
  }

  static WriteQuotas none() {
    return new WriteQuotas(Map.of(), System::nanoTime);
  }

  /**
   * Runs {@code unit}, a request of the client {@code auth} at {@code address}, in {@code tx} with
   * its writes checked; as it is, without a check, when no collection has a quota. Call it inside
   * the transaction's unit, so that each run of the unit after a conflict starts its count afresh.
   */
  <R> R checking(Transaction tx, AuthContext auth, String address, Transaction.Work<R> unit) {
    if (byCollection.isEmpty()) {
      return unit.run(tx);
    }
    return tx.checkingWrites(new Writer(auth.userId().map(user -> "user " + user).orElse("address " + address)), unit);
  }

  /** Writers tracked for {@code collection}'s bytes per minute; 0 when it has no such bound. */
  int trackedWriters(CollectionSchema<?> collection) {
    Limits limits = byCollection.get(collection);
    return limits == null || limits.allowances == null ? 0 : limits.allowances.size();
  }

  /** One collection's bounds: 0 for no largest row, null for no bytes per minute. */
  private record Limits(long maxRowBytes, @Nullable ByteAllowances allowances) {}

  /** The check of one request's writes, made anew for each run of its transaction's unit. */
  private final class Writer implements WriteCheck {
    private final String key;
    /** Bytes this request stored so far, per collection, not yet charged (they are at commit). */
    private final Map<CollectionSchema<?>, Long> pending = new HashMap<>(2);

    Writer(String key) {
      this.key = key;
    }

    @Override
    public <T> void beforeStore(Transaction tx, CollectionSchema<T> collection, T row) {
      Limits limits = byCollection.get(collection);
      if (limits == null) {
        return;
      }
      long size = jsonBytes(collection, row);
      if (limits.maxRowBytes > 0 && size > limits.maxRowBytes) {
        throw new LiveException(ErrorCode.ROW_TOO_LARGE, "this row of " + collection.name() + " is " + size
            + " bytes (its JSON); the largest row this server stores in " + collection.name() + " is "
            + limits.maxRowBytes + " bytes");
      }
      ByteAllowances allowances = limits.allowances;
      if (allowances == null) {
        return;
      }
      long before = pending.getOrDefault(collection, 0L);
      long available = allowances.available(key) - before;
      if (size > available) {
        throw overQuota(collection, allowances, size, before, available);
      }
      pending.put(collection, before + size);
      // Charged once it commits: a write that rolls back, or runs again after a conflict, costs nothing.
      tx.afterCommit(changes -> allowances.charge(key, size));
    }

    private LiveException overQuota(CollectionSchema<?> collection, ByteAllowances allowances, long size,
        long before, long available) {
      long perMinute = allowances.bytesPerMinute();
      String who = key.startsWith("user ") ? "you" : "the anonymous clients of your address";
      if (size > perMinute) {
        return new LiveException(ErrorCode.QUOTA_EXCEEDED, "this row of " + collection.name() + " is " + size
            + " bytes (its JSON), more than the " + perMinute + " bytes per minute " + who
            + " may write to " + collection.name() + ", so it never fits");
      }
      return new LiveException(ErrorCode.QUOTA_EXCEEDED, who + " may write " + perMinute + " bytes per minute to "
          + collection.name() + " and have " + Math.max(0, available) + " left now"
          + (before > 0 ? " (this request already wrote " + before + ")" : "") + "; this row is " + size
          + " bytes, which fits again in about " + allowances.secondsUntil(key, before + size) + " s");
    }
  }

  /** The length in bytes of {@code row}'s JSON by its collection's codec, counted as it is written: no copy is kept. */
  static <T> long jsonBytes(CollectionSchema<T> collection, T row) {
    ByteCount count = new ByteCount();
    try (var out = LiveJson.factory().createGenerator(count)) {
      collection.codec().write(out, row);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return count.bytes;
  }

  /** An output stream that only counts what is written to it. */
  private static final class ByteCount extends OutputStream {
    long bytes;

    @Override
    public void write(int b) {
      bytes++;
    }

    @Override
    public void write(byte[] b, int off, int len) {
      bytes += len;
    }
  }
}
