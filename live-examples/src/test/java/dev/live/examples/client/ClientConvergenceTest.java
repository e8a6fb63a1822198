package dev.live.examples.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.live.auth.Rules;
import dev.live.client.ClientOptions;
import dev.live.client.LiveClient;
import dev.live.examples.board.AppSchema;
import dev.live.examples.board.Status;
import dev.live.examples.board.TaskQuery;
import dev.live.examples.board.TaskUpdate;
import dev.live.examples.board.Task_;
import dev.live.examples.storage.Backend;
import dev.live.examples.storage.BoardData;
import dev.live.examples.storage.TestDatabase;
import dev.live.query.ListQuery;
import dev.live.server.LiveServer;
import dev.live.storage.Store;
import dev.live.subscription.QueryResult;
import dev.live.subscription.Subscription;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple.Tuple2;
import net.jqwik.api.Tuple;

/**
 * Three clients, each behind its own {@link FaultProxy}, do random subscribes, unsubscribes,
 * inserts, updates and deletes while their connections are dropped or cut off for a while. Once
 * everything settles: every mutation's future has completed, each applied mutation is in the
 * change log exactly once and a rejected one not at all, nothing is pending on any client, and
 * every open subscription's latest result equals its query run on the database.
 *
 * <p>Mutations collide on purpose: ids come from a small pool, so inserts meet existing rows,
 * updates and deletes meet deleted ones, and deleting a task with comments is refused by the
 * database, which exercises rollback alongside the happy path.
 */
class ClientConvergenceTest {
  private static final int CLIENTS = 3;
  private static final List<String> TARGETS = List.of("t1", "t2", "t3", "t4", "p0", "p1", "p2", "p3", "p4");
  private static final Duration SETTLE = Duration.ofSeconds(30);
  private static final List<ListQuery<?, ?>> QUERIES = List.of(
      TaskQuery.where(Task_.boardId.eq("b1")).orderBy(Task_.position.asc()),
      TaskQuery.where(Task_.status.ne(Status.DONE)).orderBy(Task_.position.asc(), Task_.id.asc()).limit(3),
      TaskQuery.where(Task_.boardId.eq("b2")).orderBy(Task_.title.asc()).include(Task_.assignee, Task_.comments),
      TaskQuery.all().orderBy(Task_.id.desc()));

  @Property(tries = 12)
  void clientsConvergeOnH2(@ForAll("scripts") List<Step> script) {
    run(Backend.H2, script);
  }

  @Property(tries = 6)
  void clientsConvergeOnPostgresql(@ForAll("scripts") List<Step> script) {
    run(Backend.POSTGRESQL, script);
  }

  @Provide
  Arbitrary<List<Step>> scripts() {
    Arbitrary<Integer> client = Arbitraries.integers().between(0, CLIENTS - 1);
    Arbitrary<String> target = Arbitraries.of(TARGETS);
    Arbitrary<Step> step = Arbitraries.<Step>frequencyOf(
        weighted(3, Combinators.combine(client, Arbitraries.integers().between(0, QUERIES.size() - 1)).as(Subscribe::new)),
        weighted(1, Combinators.combine(client, Arbitraries.integers().between(0, 3)).as(Unsubscribe::new)),
        weighted(4, Combinators.combine(client, Arbitraries.integers().between(0, 4), Arbitraries.of("b1", "b2"),
            Arbitraries.integers().between(0, 9)).as(Insert::new)),
        weighted(5, Combinators.combine(client, target, Arbitraries.of("b1", "b2"), Arbitraries.of(Status.class),
            Arbitraries.integers().between(0, 9)).as(Update::new)),
        weighted(2, Combinators.combine(client, target).as(Delete::new)),
        weighted(1, client.map(Drop::new)),
        weighted(1, client.map(Offline::new)),
        weighted(1, client.map(Online::new)),
        weighted(2, Arbitraries.integers().between(1, 40).map(Pause::new)));
    return step.list().ofMinSize(1).ofMaxSize(40);
  }

  private static Tuple2<Integer, Arbitrary<? extends Step>> weighted(int weight, Arbitrary<? extends Step> steps) {
    return Tuple.of(weight, steps);
  }

  private void run(Backend backend, List<Step> script) {
    try (World world = new World(backend)) {
      for (Step step : script) {
        world.play(step);
      }
      world.settle(script);
    }
  }

  /** One try's server, proxies and clients, and what the script did with them. */
  private static final class World implements AutoCloseable {
    private static final AtomicInteger TRIES = new AtomicInteger();

    private final TestDatabase database;
    private final Store store;
    private final LiveServer server;
    private final List<FaultProxy> proxies = new ArrayList<>();
    private final List<LiveClient> clients = new ArrayList<>();
    private final List<List<Watch<?>>> watches = new ArrayList<>();
    private final List<Mutation> mutations = new ArrayList<>();
    private final long start;
    private int titles;

    World(Backend backend) {
      database = backend.create();
      store = Store.open(database.database(), AppSchema.INSTANCE);
      BoardData.seed(store);
      server = LiveServer.builder().schema(AppSchema.INSTANCE).store(store).rules(Rules.none())
          .host("127.0.0.1").port(0).start();
      start = store.changes().latestVersion();
      int tryNumber = TRIES.incrementAndGet();
      try {
        for (int i = 0; i < CLIENTS; i++) {
          FaultProxy proxy = FaultProxy.start(server.port());
          proxies.add(proxy);
          clients.add(LiveClient.connect(URI.create("ws://127.0.0.1:" + proxy.port() + "/live"), AppSchema.INSTANCE,
              ClientTestBase.options().clientId("c" + i + "-try" + tryNumber).build()));
          watches.add(new ArrayList<>());
        }
      } catch (IOException e) {
        close();
        throw new UncheckedIOException(e);
      }
    }

    void play(Step step) {
      if (step instanceof Subscribe subscribe) {
        if (watches.get(subscribe.client()).size() < 4) {
          watches.get(subscribe.client()).add(Watch.open(clients.get(subscribe.client()), QUERIES.get(subscribe.query())));
        }
      } else if (step instanceof Unsubscribe unsubscribe) {
        List<Watch<?>> open = watches.get(unsubscribe.client());
        if (!open.isEmpty()) {
          open.remove(unsubscribe.which() % open.size()).subscription().close();
        }
      } else if (step instanceof Insert insert) {
        String id = "p" + insert.id();
        mutations.add(new Mutation(step, clients.get(insert.client()).insert(ClientTestBase.newTask(id, insert.boardId(),
            insert.position()))));
      } else if (step instanceof Update update) {
        // A title no write used before: every applied update changes its row, so it is logged.
        TaskUpdate changes = TaskUpdate.of().title("Title " + ++titles).boardId(update.boardId()).status(update.status())
            .position(update.position());
        mutations.add(new Mutation(step, clients.get(update.client()).update(Task_.COLLECTION, update.target(), changes)));
      } else if (step instanceof Delete delete) {
        mutations.add(new Mutation(step, clients.get(delete.client()).delete(Task_.COLLECTION, delete.target())));
      } else if (step instanceof Drop drop) {
        proxies.get(drop.client()).dropAll();
      } else if (step instanceof Offline offline) {
        proxies.get(offline.client()).refuse(true);
        proxies.get(offline.client()).dropAll();
      } else if (step instanceof Online online) {
        proxies.get(online.client()).refuse(false);
      } else if (step instanceof Pause pause) {
        sleep(pause.millis());
      }
    }

    /** Brings every client back and checks that everything converged. */
    void settle(List<Step> script) {
      proxies.forEach(proxy -> proxy.refuse(false));
      for (Mutation mutation : mutations) {
        await().alias("the future of " + mutation.step() + " completes").atMost(SETTLE)
            .until(() -> mutation.future().isDone());
      }
      for (LiveClient client : clients) {
        await().alias(client.clientId() + " has nothing pending").atMost(SETTLE).until(() -> client.pendingMutations() == 0);
      }
      long applied = mutations.stream().filter(mutation -> !mutation.future().isCompletedExceptionally()).count();
      long logged = store.changes().readAfter(start, 10_000).stream()
          .filter(change -> change.collection() == Task_.COLLECTION).count();
      assertThat(logged).as("task changes logged for %d applied mutations of %s", applied, script).isEqualTo(applied);
      for (List<Watch<?>> open : watches) {
        for (Watch<?> watch : open) {
          watch.awaitEqualTo(store, script);
        }
      }
    }

    private static void sleep(int millis) {
      try {
        TimeUnit.MILLISECONDS.sleep(millis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted", e);
      }
    }

    @Override
    public void close() {
      clients.forEach(LiveClient::close);
      proxies.forEach(FaultProxy::close);
      if (server != null) {
        server.close();
      }
      store.close();
      database.close();
    }
  }

  /** An open subscription of a client and what its listener received. */
  private record Watch<R>(LiveClient client, ListQuery<?, R> query, Subscription subscription, Results<R> results) {
    static <R> Watch<R> open(LiveClient client, ListQuery<?, R> query) {
      Results<R> results = new Results<>();
      return new Watch<>(client, query, subscribe(client, query, results), results);
    }

    private static <T, R> Subscription subscribe(LiveClient client, ListQuery<T, R> query, Results<R> results) {
      return client.query(query).subscribe(results);
    }

    void awaitEqualTo(Store store, List<Step> script) {
      await().atMost(SETTLE).untilAsserted(() -> {
        QueryResult<R> latest = results.latest();
        assertThat(latest).as("%s's first result of %s after %s (%s, %s)", client.clientId(), query.spec(), script,
            client.state(), client.stats()).isNotNull();
        assertThat(latest.hasPending()).as("pending rows in %s", latest).isFalse();
        assertThat(latest.rows()).as("%s's result of %s after %s (%s)", client.clientId(), query.spec(), script,
            client.stats()).isEqualTo(fresh(store, query));
      });
    }

    private static <T, R> List<R> fresh(Store store, ListQuery<T, R> query) {
      return store.list(query);
    }
  }

  private record Mutation(Step step, CompletableFuture<?> future) {}

  sealed interface Step permits Subscribe, Unsubscribe, Insert, Update, Delete, Drop, Offline, Online, Pause {}

  record Subscribe(int client, int query) implements Step {}

  record Unsubscribe(int client, int which) implements Step {}

  record Insert(int client, int id, String boardId, int position) implements Step {}

  record Update(int client, String target, String boardId, Status status, int position) implements Step {}

  record Delete(int client, String target) implements Step {}

  /** The client's connection resets; it reconnects at once. */
  record Drop(int client) implements Step {}

  /** The client's connection resets and the server looks down to it until {@link Online}. */
  record Offline(int client) implements Step {}

  record Online(int client) implements Step {}

  record Pause(int millis) implements Step {}
}
