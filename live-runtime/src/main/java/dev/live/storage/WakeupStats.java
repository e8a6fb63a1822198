package dev.live.storage;

/**
 * What a store's cross-node wake-ups on PostgreSQL have done since it opened: for operators
 * ({@code pg_stat_activity} shows the two connections under these names) and tests. See {@link
 * ChangeFeed#wakeups()} and docs/scale-out.md.
 *
 * @param channel the channel this store's nodes NOTIFY and LISTEN on, {@code live_changes:<schema>}
 * @param listenerName the {@code application_name} of the connection that LISTENs
 * @param notifierName the {@code application_name} of the connection that NOTIFYs
 * @param listening whether it listens now (false before the first tail, and while it reconnects)
 * @param listens how many times it began to listen: 1 after the first connection, one more per reconnect
 * @param notificationsReceived notifications received, this node's own included
 * @param notifiesSent NOTIFYs sent: at most one per commit, fewer when commits come faster than NOTIFYs
 * @param notifyFailures NOTIFYs that failed (the commits they told of had committed; polling covers them)
 */
public record WakeupStats(
    String channel,
    String listenerName,
    String notifierName,
    boolean listening,
    long listens,
    long notificationsReceived,
    long notifiesSent,
    long notifyFailures) {}
