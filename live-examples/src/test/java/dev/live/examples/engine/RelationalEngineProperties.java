package dev.live.examples.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.live.auth.AuthContext;
import dev.live.auth.ReadRestriction;
import dev.live.engine.EngineOptions;
import dev.live.engine.EngineStats;
import dev.live.engine.EngineSubscription;
import dev.live.engine.LiveEngine;
import dev.live.error.ErrorCode;
import dev.live.error.LiveException;
import dev.live.examples.board.AppSchema;
import dev.live.examples.board.BoardRules;
import dev.live.examples.board.Board_;
import dev.live.examples.board.Comment_;
import dev.live.examples.board.Role;
import dev.live.examples.board.Task_;
import dev.live.examples.board.TeamScope;
import dev.live.examples.board.Team_;
import dev.live.examples.board.User_;
import dev.live.examples.storage.Backend;
import dev.live.examples.storage.TestDatabase;
import dev.live.query.QueryJson;
import dev.live.query.QuerySpec;
import dev.live.query.RowJson;
import dev.live.query.RowShape;
import dev.live.schema.CollectionSchema;
import dev.live.storage.Store;
import dev.live.storage.StoreOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Provide;

/**
 * The live query engine agrees with storage for relational read rules and nested includes. Each
 * try seeds a random {@link BoardWorld} in a new database, subscribes three subscribers (two of
 * team1, one an admin, sharing their nodes; one of team2), an anonymous one (whose rules hide all
 * but the teams) and server code (no rules) to every query of {@link BoardQueryMix} as their read
 * rules restrict it, each subscriber as an owner of their own, then applies random batches of
 * {@link BoardWrite}s, each batch one transaction whose writes are nested transactions (a
 * refused write rolls back alone). After each batch, once the engine has caught up:
 * <ul>
 *   <li>every open subscription's result, rebuilt from its snapshot and deltas, is the restricted
 *       query run on storage (at the same version: writes are paused);
 *   <li>no message ever carried a row, at any depth of a result, that its subscriber's rules hide
 *       at the message's version, nor a row whose values are not storage's at that version.
 * </ul>
 * One subscriber (u2) joins after a random batch, when the others' nodes exist, and another (u1)
 * leaves after a random batch, so that nodes and their relation sets are shared, kept, dropped
 * and made again. At the end, with every subscription closed, the engine holds nothing.
 *
 * <p>Subclasses choose the database; each property is declared there, with its number of tries.
 */
abstract class RelationalEngineProperties {
  /** How long the engine may take to catch up with one batch. */
  private static final Duration CATCH_UP = Duration.ofSeconds(20);
  /**
   * For the racing property: owners run out of engine time within a batch or two, so that their
   * queries are held back and catch up from the history, and light owners' go first.
   */
  private static final EngineOptions STINGY = EngineOptions.builder().workPerOwner(Duration.ofMillis(2)).build();
  private static final List<CollectionSchema<?>> COLLECTIONS = List.of(Team_.COLLECTION, User_.COLLECTION,
      Board_.COLLECTION, Task_.COLLECTION, Comment_.COLLECTION);

  /**
   * A subscriber: who they are to the read rules (none for server code, which reads everything),
   * and the owner the engine bounds their subscriptions by (none for server code).
   */
  record Subscriber(String name, Optional<AuthContext> auth, String owner) {
    static Subscriber member(String userId, String teamId, Role role) {
      return new Subscriber(userId + " (" + teamId + ", " + role + ")",
          Optional.of(TeamScope.member(userId, teamId, role)), userId);
    }

    /** {@code spec} as this subscriber may run it: restricted by the read rules, or as it is. */
    <T> QuerySpec<T> restrict(QuerySpec<T> spec) {
      return auth.map(a -> new ReadRestriction(BoardRules.rules(), a).apply(spec)).orElse(spec);
    }

    @Override
    public String toString() {
      return name;
    }
  }

  static final Subscriber ANN = Subscriber.member("u1", "team1", Role.ADMIN);
  static final Subscriber BOB = Subscriber.member("u2", "team1", Role.MEMBER);
  static final Subscriber CYD = Subscriber.member("u3", "team2", Role.MEMBER);
  /** Reads the teams and nothing else: every other rule is {@code Rules.nothing}, an empty {@code in}. */
  static final Subscriber ANONYMOUS = new Subscriber("anonymous", Optional.of(AuthContext.anonymous()), "anonymous");
  /**
   * Server code, whose queries no rule restricts: they keep the where's own keys (a range, a
   * prefix) and the condition instances the query shares between its where and its includes.
   */
  static final Subscriber SERVER = new Subscriber("server", Optional.empty(), null);
  private static final List<Subscriber> SUBSCRIBERS = List.of(ANN, BOB, CYD, ANONYMOUS, SERVER);

  private final Backend backend;

  RelationalEngineProperties(Backend backend) {
    this.backend = backend;
  }

  /** One subscription of one subscriber to one query of the mix. */
  private static final class Subscribed {
    final Subscriber who;
    final BoardQueryMix.Named query;
    final QuerySpec<?> restricted;
    final MessageLog log = new MessageLog();
    EngineSubscription subscription;
    int checkedMessages;

    Subscribed(Subscriber who, BoardQueryMix.Named query) {
      this.who = who;
      this.query = query;
      this.restricted = who.restrict(query.spec());
    }
  }

  /** The state of one try: what failure reports show. */
  private final class Run {
    final BoardWorld world;
    final Store store;
    final LiveEngine engine;
    final List<Subscribed> open = new ArrayList<>();
    final List<String> batchLog = new ArrayList<>();
    /** By subscriber, by version: what their rules let them read. */
    final Map<Subscriber, Map<Long, ReadableRows>> readable = new HashMap<>();
    /**
     * Whether writes raced the engine: messages at versions never paused at, and snapshots sent
     * meanwhile, are not checked for leaks.
     */
    boolean raced;

    Run(BoardWorld world, Store store, LiveEngine engine) {
      this.world = world;
      this.store = store;
      this.engine = engine;
    }

    void subscribe(Subscriber who) {
      open.addAll(subscriptionsOf(who));
    }

    /**
     * Subscribes {@code who} to every query; may run on another thread (adds to nothing). A new
     * query refused because the owner is out of engine time is asked for again, as a client
     * would, until it is taken.
     */
    List<Subscribed> subscriptionsOf(Subscriber who) {
      List<Subscribed> made = new ArrayList<>();
      for (BoardQueryMix.Named query : BoardQueryMix.QUERIES) {
        Subscribed s = new Subscribed(who, query);
        await().atMost(CATCH_UP).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(20)).until(() -> {
          try {
            s.subscription = engine.subscribe(s.restricted, who.owner(), s.log);
            return true;
          } catch (LiveException e) {
            if (e.code() != ErrorCode.RATE_LIMITED) {
              throw e;
            }
            return false;
          }
        });
        made.add(s);
      }
      return made;
    }

    void leave(Subscriber who) {
      for (Subscribed s : List.copyOf(open)) {
        if (s.who == who) {
          s.subscription.close();
          open.remove(s);
        }
      }
    }

    /** Applies one batch as one transaction, each write in a nested one; logs what storage did. */
    void apply(List<BoardWrite> batch) {
      List<String> outcomes = new ArrayList<>();
      store.transaction(tx -> {
        for (BoardWrite write : batch) {
          try {
            tx.transaction(inner -> {
              write.apply(inner);
              return null;
            });
            outcomes.add(write + " ok");
          } catch (LiveException e) {
            outcomes.add(write + " refused " + e.code());
          }
        }
        return null;
      });
      batchLog.add("batch " + (batchLog.size() + 1) + " -> v" + store.changes().latestVersion() + ":\n      "
          + String.join("\n      ", outcomes));
    }

    /** Waits until the engine has applied every committed change and no node waits for a read. */
    long awaitCaughtUp() {
      long latest = store.changes().latestVersion();
      await().atMost(CATCH_UP).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(5)).untilAsserted(() -> {
        long position = engine.position(); // before the stats: they wait for a batch being applied
        EngineStats stats = engine.stats();
        assertThat(position >= latest && stats.pendingNodes() == 0)
            .as("the engine catches up with version %d: at %d, %s, running %s%s", latest, position, stats,
                engine.isRunning(), context())
            .isTrue();
      });
      return latest;
    }

    void recordReadable(long version) {
      for (Subscriber who : SUBSCRIBERS) {
        readable.computeIfAbsent(who, w -> new HashMap<>())
            .put(version, ReadableRows.read(store, who::restrict, COLLECTIONS, version));
      }
    }

    /** Every open subscription equals storage, and no message so far showed what rules hide. */
    void verify(String when) {
      Map<QuerySpec<?>, List<JsonNode>> fresh = new HashMap<>();
      for (Subscribed s : open) {
        LiveException failure = s.log.failure();
        if (failure != null) {
          throw new AssertionError(describe(s, when) + "\nthe subscription failed: " + failure.code() + " "
              + failure.getMessage(), failure);
        }
        checkMessages(s, when);
        List<JsonNode> expected = fresh.computeIfAbsent(s.restricted, spec -> select(store, spec));
        List<JsonNode> actual = s.log.replay();
        assertThat(lines(actual)).as("%s\nthe result rebuilt from snapshot and deltas (actual) is storage's"
            + " (expected)", describe(s, when)).isEqualTo(lines(expected));
      }
    }

    private void checkMessages(Subscribed s, String when) {
      List<JsonNode> messages = s.log.messages();
      for (int i = s.checkedMessages; i < messages.size(); i++) {
        JsonNode message = messages.get(i);
        long version = MessageLog.versionOf(message);
        ReadableRows rows = readable.get(s.who).get(version);
        boolean snapshot = message.path("type").asText().equals("snapshot");
        if (raced && (rows == null || snapshot)) {
          // Not paused at: nothing to compare with. A snapshot of a query being read again may hold
          // changes after its version too (SubscriptionListener.snapshot), so only deltas are exact.
          continue;
        }
        if (rows == null) {
          throw new AssertionError(describe(s, when) + "\nmessage " + i + " is at version " + version
              + ", not at the end of a batch (" + readable.get(s.who).keySet() + "): " + message);
        }
        List<String> problems = new ArrayList<>();
        for (JsonNode row : MessageLog.rowsOf(message)) {
          problems.addAll(problems(rows, s.restricted, row));
        }
        if (!problems.isEmpty()) {
          throw new AssertionError(describe(s, when) + "\nmessage " + i + " (" + message.path("type").asText()
              + " at version " + version + ") shows what the rules hide or storage does not have:\n  "
              + String.join("\n  ", problems) + "\nthe message: " + message);
        }
      }
      s.checkedMessages = messages.size();
    }

    String describe(Subscribed s, String when) {
      return s.who + "'s \"" + s.query + "\" on " + backend + ", " + when + "\nquery as restricted: "
          + QueryJson.encode(s.restricted) + context();
    }

    String context() {
      return "\nworld:\n  " + world + "\nbatches:\n  " + (batchLog.isEmpty() ? "none" : String.join("\n  ", batchLog));
    }
  }

  /**
   * One try: seeds {@code world}, subscribes, applies {@code batches}; u2 joins after batch {@code
   * joinAfter} (0: before the first), u1 leaves after batch {@code leaveAfter} (never when it is
   * beyond the last).
   */
  void check(BoardWorld world, List<List<BoardWrite>> batches, int joinAfter, int leaveAfter) {
    int join = Math.min(joinAfter, batches.size());
    try (TestDatabase database = backend.create(); Store store = Store.open(database.database(), AppSchema.INSTANCE)) {
      world.seed(store);
      try (LiveEngine engine = LiveEngine.start(store)) {
        Run run = new Run(world, store, engine);
        run.recordReadable(run.awaitCaughtUp());
        run.subscribe(ANN);
        run.subscribe(CYD);
        run.subscribe(ANONYMOUS);
        run.subscribe(SERVER);
        if (join == 0) {
          run.subscribe(BOB);
        }
        run.verify("after subscribing");
        for (int i = 1; i <= batches.size(); i++) {
          run.apply(batches.get(i - 1));
          run.recordReadable(run.awaitCaughtUp());
          run.verify("after batch " + i + " of " + batches.size());
          if (i == leaveAfter) {
            run.leave(ANN);
          }
          if (i == join) {
            run.subscribe(BOB);
            run.verify("after u2 subscribed, after batch " + i);
          }
        }
        leaveAndAssertNothingLeft(engine, run);
      }
    }
  }

  /**
   * One try with writes racing the engine: seeds {@code world} and subscribes as {@link #check}
   * does, then commits {@code batches} back to back without waiting, while u2 subscribes from
   * another thread once batch {@code joinAfter} is committed and u1 leaves after batch {@code
   * leaveAfter} (u2 may then make u1's queries again while changes arrive), so that nodes and
   * relation sets are read from storage while changes arrive, catch up from the change history
   * and are dropped while they are read; the engine's own
   * threads are slowed at random ({@link EngineJitter}) to vary how they interleave, and its owners
   * have little engine time ({@link #STINGY}), so that their queries are held back. Once the engine
   * has caught up, one more batch changes every row (a {@link BoardWrite.Touch}), so that what
   * memory holds, relation sets included, is put to use for each row; then every subscription
   * equals storage, and no delta at a version the writes paused at showed what rules hide.
   */
  void race(BoardWorld world, List<List<BoardWrite>> batches, int joinAfter, int leaveAfter) {
    int join = Math.min(joinAfter, batches.size());
    StoreOptions jittered = StoreOptions.builder().statementObserver(new EngineJitter(0.3)).build();
    try (TestDatabase database = backend.create();
        Store store = Store.open(database.database(), AppSchema.INSTANCE, jittered)) {
      world.seed(store);
      try (LiveEngine engine = LiveEngine.start(store, STINGY)) {
        Run run = new Run(world, store, engine);
        run.recordReadable(run.awaitCaughtUp());
        run.subscribe(ANN);
        run.subscribe(CYD);
        run.subscribe(ANONYMOUS);
        run.subscribe(SERVER);
        run.verify("after subscribing");
        run.raced = true;
        CompletableFuture<List<Subscribed>> bob = join == 0
            ? CompletableFuture.supplyAsync(() -> run.subscriptionsOf(BOB)) : null;
        for (int i = 1; i <= batches.size(); i++) {
          run.apply(batches.get(i - 1));
          if (i == leaveAfter) {
            run.leave(ANN); // while the engine may still be reading ANN's queries, or BOB joining them
          }
          if (i == join) {
            bob = CompletableFuture.supplyAsync(() -> run.subscriptionsOf(BOB));
          }
        }
        run.open.addAll(bob.join());
        run.awaitCaughtUp();
        run.apply(List.of(new BoardWrite.Touch()));
        run.recordReadable(run.awaitCaughtUp());
        run.verify("after " + batches.size() + " batches racing the engine and a touch of every row");
        leaveAndAssertNothingLeft(engine, run);
      }
    }
  }

  private static <T> List<String> problems(ReadableRows rows, QuerySpec<T> spec, JsonNode row) {
    return rows.problems(spec.collection(), spec.includes(), row);
  }

  /** The query run on storage, rows as the engine encodes them. */
  private static <T> List<JsonNode> select(Store store, QuerySpec<T> spec) {
    RowShape<T, ?> shape = spec.includes().isEmpty() ? RowShape.plain() : spec.collection().rows();
    List<JsonNode> rows = new ArrayList<>();
    for (Object row : store.select(spec, shape)) {
      rows.add(MessageLog.parse(RowJson.encode(spec.collection(), spec.includes(), row)));
    }
    return rows;
  }

  private static List<String> lines(List<JsonNode> rows) {
    return rows.stream().map(JsonNode::toString).toList();
  }

  @Provide
  Arbitrary<BoardWorld> worlds() {
    return BoardWorld.worlds();
  }

  @Provide
  Arbitrary<List<List<BoardWrite>>> batches() {
    return BoardWrite.writes().list().ofMinSize(1).ofMaxSize(5).list().ofMinSize(1).ofMaxSize(8);
  }

  @Provide
  Arbitrary<Integer> joins() {
    return Arbitraries.integers().between(0, 8);
  }

  @Provide
  Arbitrary<Integer> leaves() {
    return Arbitraries.integers().between(1, 9);
  }

  /** Every subscriber leaves; then the engine keeps no node, relation set, cached row or subscription. */
  private static void leaveAndAssertNothingLeft(LiveEngine engine, Run run) {
    for (Subscriber who : SUBSCRIBERS) {
      run.leave(who);
    }
    EngineStats stats = engine.stats();
    assertThat(List.of(engine.nodeCount(), stats.relationSets(), stats.cachedRows(), stats.subscriptions()))
        .as("nodes, relation sets, cached rows and subscriptions left once every subscription closed: %s%s",
            stats, run.context())
        .containsExactly(0, 0, 0, 0);
  }
}
