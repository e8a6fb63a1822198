package dev.live.server;

import java.util.OptionalLong;

/**
 * How much one client may write to one collection: the largest row, and the bytes one writer may
 * write per minute. Each bound is optional; a collection without a quota has neither. Set per
 * collection on the server's builder:
 *
 * <pre>{@code
 * LiveServer.builder()
 *     .writeQuota(Task_.COLLECTION, q -> q.maxRowBytes(16 * 1024).bytesPerMinute(256 * 1024))
 *     ...
 * }</pre>
 *
 * <p><b>What counts.</b> A row's size is the length in bytes of its JSON encoding by the
 * collection's generated codec (UTF-8, the form subscribers receive), as the insert or update
 * would store it, after the before-hooks. Inserts and updates count the whole resulting row; an
 * update that changes nothing writes nothing and counts nothing; deletes count nothing, since
 * they free what the bound is about.
 *
 * <p><b>Whose writes.</b> Every write a client causes: its mutations (over the WebSocket) and the
 * writes of the procedures it calls (WebSocket or HTTP), hooks' writes included, are counted
 * against the client's user, or for an anonymous client, against its address (its client id is
 * its own choice, so it would bound nothing). The application's own writes ({@code
 * server.data()}, or a {@link dev.live.storage.Store}) are not limited. A quota is not a rule:
 * rules decide who may write what and are not applied to procedures, while a quota bounds how
 * much a client makes the server store, whatever path its writes take; so it is set here, beside
 * the rules, and checked by the server around each request of a client, not by a storage hook,
 * which would also bound the application's own writes.
 *
 * <p><b>Refusals.</b> A row over {@link #maxRowBytes} is refused with {@code ROW_TOO_LARGE}
 * (HTTP 413): sent again as it is, it never fits. A write beyond the writer's bytes per minute is
 * refused with {@code QUOTA_EXCEEDED} (HTTP 429): it fits later, and the message says when. The
 * refused write fails its request's transaction, which rolls back; in a group commit, only that
 * mutation does.
 */
public final class WriteQuota {
  /** Writers whose allowances one collection tracks at once, by default. */
  public static final int DEFAULT_MAX_WRITERS = 10_000;

  private final long maxRowBytes;
  private final long bytesPerMinute;
  private final int maxWriters;

  private WriteQuota(Builder b) {
    this.maxRowBytes = b.maxRowBytes;
    this.bytesPerMinute = b.bytesPerMinute;
    this.maxWriters = b.maxWriters;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The largest row a client may store, in bytes of its JSON; empty when unbounded. */
  public OptionalLong maxRowBytes() {
    return maxRowBytes == 0 ? OptionalLong.empty() : OptionalLong.of(maxRowBytes);
  }

  /** The bytes one writer may store per minute; empty when unbounded. */
  public OptionalLong bytesPerMinute() {
    return bytesPerMinute == 0 ? OptionalLong.empty() : OptionalLong.of(bytesPerMinute);
  }

  /** Writers tracked at once for {@link #bytesPerMinute}; beyond, new writers share one allowance. */
  public int maxWriters() {
    return maxWriters;
  }

  /** Collects a quota's bounds; none is set until called. */
  public static final class Builder {
    private long maxRowBytes;
    private long bytesPerMinute;
    private int maxWriters = DEFAULT_MAX_WRITERS;

    private Builder() {}

    /** A row larger than {@code bytes} (its JSON) is refused with {@code ROW_TOO_LARGE}; at least 1. */
    public Builder maxRowBytes(long bytes) {
      if (bytes < 1) {
        throw new IllegalArgumentException("maxRowBytes is at least 1 byte, not " + bytes);
      }
      this.maxRowBytes = bytes;
      return this;
    }

    /**
     * One writer may store {@code bytes} (rows' JSON) per minute: all at once, then as the
     * allowance refills, continuously, at that rate. Beyond, writes are refused with {@code
     * QUOTA_EXCEEDED}. From 1 byte to 1 TiB.
     */
    public Builder bytesPerMinute(long bytes) {
      if (bytes < 1 || bytes > 1L << 40) {
        throw new IllegalArgumentException("bytesPerMinute is from 1 byte to 1 TiB, not " + bytes);
      }
      this.bytesPerMinute = bytes;
      return this;
    }

    /**
     * How many writers' allowances are tracked at once ({@value #DEFAULT_MAX_WRITERS}); a writer's
     * allowance is forgotten once it has refilled. Beyond, writers new to the collection share one
     * allowance until room frees up, so the memory stays bounded (about 150 bytes a writer)
     * whatever the number of users or addresses. From 1 to 10,000,000.
     */
    public Builder maxWriters(int writers) {
      if (writers < 1 || writers > 10_000_000) {
        throw new IllegalArgumentException("maxWriters is from 1 to 10,000,000, not " + writers);
      }
      this.maxWriters = writers;
      return this;
    }

    public WriteQuota build() {
      return new WriteQuota(this);
    }
  }
}
