package dev.live.client;

/**
 * Counters of a {@link LiveClient} since it started, for monitoring and tests.
 *
 * @param connections connections that reached welcome
 * @param snapshots snapshots received (first results and resets)
 * @param resumes subscriptions the server resumed with the deltas they missed, instead of a snapshot
 * @param deltas deltas received
 */
public record ClientStats(long connections, long snapshots, long resumes, long deltas) {}
