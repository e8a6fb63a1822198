package dev.live.query;

/**
 * Bounds on a query decoded from an untrusted client, so that one message cannot make the
 * server do unbounded work. Exceeding one gives {@code LIMIT_EXCEEDED}.
 *
 * @param maxDepth nesting of conditions (and / or / not / relation conditions), default 16
 * @param maxNodes conditions, order keys and includes in one query, default 256
 * @param maxInValues values of one {@code in}, default 1,000
 * @param maxLimit the largest {@code limit}, at the top and in includes, default 10,000
 * @param maxIncludeDepth nesting of includes, default 4
 */
public record QueryLimits(int maxDepth, int maxNodes, int maxInValues, int maxLimit, int maxIncludeDepth) {
  /** The defaults listed above. */
  public static final QueryLimits DEFAULT = new QueryLimits(16, 256, 1_000, 10_000, 4);

  public QueryLimits {
    if (maxDepth < 1 || maxNodes < 1 || maxInValues < 0 || maxLimit < 1 || maxIncludeDepth < 0) {
      throw new IllegalArgumentException("query limits must be positive: " + this);
    }
  }
}
