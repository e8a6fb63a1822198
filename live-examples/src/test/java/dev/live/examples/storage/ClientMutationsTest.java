package dev.live.examples.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.live.examples.board.Team;
import dev.live.examples.board.TeamInsert;
import dev.live.examples.board.TeamQuery;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The record of applied client mutations, written in the mutation's own transaction: what makes
 * a retried mutation take effect exactly once.
 */
class ClientMutationsTest extends StoreTestBase {
  private static final Instant T0 = Instant.parse("2026-11-22T09:00:00Z");

  @Test
  void aSequenceIsClaimedOnceAndOnlyHigherOnesAfterIt() {
    assertThat(store.lastMutation("client-a")).isZero();
    assertThat(claim("client-a", 1)).isTrue();
    assertThat(claim("client-a", 1)).as("a retry").isFalse();
    assertThat(claim("client-a", 3)).as("a gap is allowed: rejected mutations are not recorded").isTrue();
    assertThat(claim("client-a", 2)).as("older than the last applied").isFalse();
    assertThat(claim("client-b", 1)).as("clients are independent").isTrue();
    assertThat(store.lastMutation("client-a")).isEqualTo(3);
    assertThat(store.lastMutation("client-b")).isEqualTo(1);
  }

  @Test
  void aClaimRollsBackWithItsMutation() {
    assertThatThrownBy(() -> store.withTransaction(tx -> {
      assertThat(tx.claimMutation("client-a", 1)).isTrue();
      tx.insert(team("a"));
      throw new IllegalStateException("the mutation failed");
    })).isInstanceOf(IllegalStateException.class);
    assertThat(store.lastMutation("client-a")).isZero();
    assertThat(claim("client-a", 1)).as("the retry applies it").isTrue();
  }

  @Test
  void aMutationRetriedConcurrentlyTakesEffectOnce() throws Exception {
    assertThat(concurrentClaims(1)).as("the first mutation of a client: no row yet").isEqualTo(1);
    assertThat(store.list(TeamQuery.all())).hasSize(1);
  }

  @Test
  void aLaterMutationRetriedConcurrentlyTakesEffectOnce() throws Exception {
    store.withTransaction(tx -> tx.claimMutation("client-a", 1));
    assertThat(concurrentClaims(2)).as("a later mutation: the row exists and is raised").isEqualTo(1);
    assertThat(store.list(TeamQuery.all())).hasSize(1);
    assertThat(store.lastMutation("client-a")).isEqualTo(2);
  }

  /** Claims {@code seq} of one client from several transactions at once; returns how many applied. */
  private int concurrentClaims(long seq) throws Exception {
    int attempts = 6;
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(attempts);
    List<Future<Boolean>> results = new ArrayList<>();
    for (int i = 0; i < attempts; i++) {
      int attempt = i;
      results.add(pool.submit(() -> {
        start.await(10, TimeUnit.SECONDS);
        return store.withTransaction(tx -> {
          if (!tx.claimMutation("client-a", seq)) {
            return false;
          }
          tx.insert(team("applied-by-" + attempt));
          return true;
        });
      }));
    }
    start.countDown();
    pool.shutdown();
    int applied = 0;
    for (Future<Boolean> result : results) {
      applied += result.get(60, TimeUnit.SECONDS) ? 1 : 0;
    }
    return applied;
  }

  @Test
  void clientIdsAndSequencesAreChecked() {
    assertThatThrownBy(() -> claim("", 1)).hasMessageContaining("1 to 128 characters");
    assertThatThrownBy(() -> claim("x".repeat(129), 1)).hasMessageContaining("1 to 128 characters");
    assertThatThrownBy(() -> claim("client", 0)).hasMessageContaining("start at 1");
  }

  private boolean claim(String client, long sequence) {
    return store.withTransaction(tx -> tx.claimMutation(client, sequence));
  }

  private static TeamInsert team(String id) {
    return TeamInsert.of(new Team(id, "team " + id, T0));
  }
}
