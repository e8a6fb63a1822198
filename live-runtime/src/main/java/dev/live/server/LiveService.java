package dev.live.server;

import dev.live.auth.AuthContext;
import dev.live.auth.ReadRestriction;
import dev.live.auth.Rules;
import dev.live.dto.InsertDto;
import dev.live.dto.UpdateDto;
import dev.live.engine.EngineSubscription;
import dev.live.engine.LiveEngine;
import dev.live.engine.SubscriptionListener;
import dev.live.error.ErrorCode;
import dev.live.error.LiveException;
import dev.live.json.LiveJson;
import dev.live.procedure.DataAccess;
import dev.live.procedure.ProcedureCall;
import dev.live.procedure.ProcedureContext;
import dev.live.procedure.ProcedureDispatcher;
import dev.live.procedure.ProcedureResult;
import dev.live.procedure.ProcedureRoles;
import dev.live.query.Cardinality;
import dev.live.query.Field;
import dev.live.query.QueryJson;
import dev.live.query.QueryLimits;
import dev.live.query.QuerySpec;
import dev.live.query.RowJson;
import dev.live.query.RowShape;
import dev.live.query.TypedQuery;
import dev.live.schema.CollectionSchema;
import dev.live.server.protocol.ClientMessage;
import dev.live.storage.Change;
import dev.live.storage.Store;
import dev.live.storage.StoredValueEquality;
import dev.live.storage.Transaction;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the server does for a request, whatever carried it (a WebSocket message or an HTTP call):
 * queries and subscriptions restricted by the read rules; mutations checked by the write rules,
 * recorded with the client's mutation id and applied exactly once; procedure calls with their
 * roles and middlewares, in one transaction.
 */
final class LiveService {
  private static final Logger log = LoggerFactory.getLogger(LiveService.class);

  private final Store store;
  private final LiveEngine engine;
  private final Rules rules;
  private final List<Middleware> middlewares;
  private final Map<String, Set<String>> procedureRoles;
  private final QueryLimits queryLimits;
  /** Counts transactions of clients' requests that wrote something, for the stats. */
  private final java.util.concurrent.atomic.LongAdder mutations;
  private final GroupCommit groups;
  private final WriteQuotas quotas;

  /**
   * {@code queryLimits}: what a client's query may ask, and so a live query procedure's too;
   * {@code quotas}: what a client's requests may store (mutations, and procedures' writes).
   */
  LiveService(Store store, LiveEngine engine, Rules rules, List<Middleware> middlewares,
      Map<String, Set<String>> procedureRoles, QueryLimits queryLimits, ServerMetrics metrics,
      java.util.concurrent.Executor committers, WriteQuotas quotas) {
    this.quotas = quotas;
    this.mutations = metrics.mutations;
    this.groups = new GroupCommit(store, committers, this::applyMutation, this::mutate, metrics);
    this.store = store;
    this.engine = engine;
    this.rules = rules;
    this.middlewares = List.copyOf(middlewares);
    this.procedureRoles = Map.copyOf(procedureRoles);
    this.queryLimits = queryLimits;
  }

  Store store() {
    return store;
  }

  LiveEngine engine() {
    return engine;
  }

  /** The result of a one-shot query: the rows as a JSON array, and a version they are at least at. */
  record Rows(long version, String json) {}

  Rows query(AuthContext auth, QuerySpec<?> spec) {
    QuerySpec<?> restricted = new ReadRestriction(rules, auth).apply(spec);
    long version = store.changes().latestVersion();
    return new Rows(version, rowsJson(store, restricted));
  }

  private static <T> String rowsJson(DataAccess data, QuerySpec<T> spec) {
    RowShape<T, ?> shape = spec.includes().isEmpty() ? RowShape.plain() : spec.collection().rows();
    List<?> rows = data.select(spec, shape);
    StringBuilder json = new StringBuilder(rows.size() * 128 + 2).append('[');
    for (int i = 0; i < rows.size(); i++) {
      json.append(i == 0 ? "" : ",").append(RowJson.encode(spec.collection(), spec.includes(), rows.get(i)));
    }
    return json.append(']').toString();
  }

  /**
   * The result of a live query procedure's call: its query's rows as the caller may read them,
   * read in the procedure's transaction; an array, or for {@code first()} and {@code one(id)}
   * the row or null.
   */
  private <T> String liveResultJson(Transaction tx, AuthContext auth, QuerySpec<T> spec) {
    QuerySpec<T> restricted = new ReadRestriction(rules, auth).apply(spec);
    if (restricted.cardinality() == Cardinality.MANY) {
      return rowsJson(tx, restricted);
    }
    RowShape<T, ?> shape = spec.includes().isEmpty() ? RowShape.plain() : spec.collection().rows();
    List<?> rows = tx.select(restricted, shape);
    return rows.isEmpty() ? "null" : RowJson.encode(spec.collection(), spec.includes(), rows.get(0));
  }

  /**
   * Subscribes {@code listener} to {@code spec} as {@code auth} may read it, counted against
   * {@code owner} (the user, or an anonymous client) for the engine's per-user bounds.
   */
  EngineSubscription subscribe(AuthContext auth, String owner, QuerySpec<?> spec, SubscriptionListener listener) {
    return engine.subscribe(new ReadRestriction(rules, auth).apply(spec), owner, listener);
  }

  /** How a mutation or a procedure call ended. */
  sealed interface Outcome {
    /** Committed: {@code json} is the row (or the procedure's result), absent when the caller may not read it. */
    record Applied(long version, Optional<String> json) implements Outcome {}

    /** The client's mutation id was used before: nothing was done now. */
    record Duplicate(long lastMutation) implements Outcome {}

    /** Refused or failed; nothing was written. */
    record Rejected(LiveException error) implements Outcome {}
  }

  /**
   * Applies a mutation in a transaction of its own. {@code address}: the client's ({@link
   * LiveCore#clientAddress}), whose anonymous clients share a write quota.
   */
  Outcome mutate(AuthContext auth, String address, String clientId, long seq, ClientMessage.Mutation mutation) {
    return inTransaction(Optional.of(clientId), OptionalLong.of(seq), tx -> applyMutation(tx, auth, address, mutation));
  }

  /**
   * Applies a mutation with the others waiting at the same time, in one transaction ({@link
   * GroupCommit}); the stage completes once it committed or failed.
   */
  java.util.concurrent.CompletableFuture<Outcome> mutateInGroup(AuthContext auth, String address, String clientId,
      long seq, ClientMessage.Mutation mutation) {
    return groups.submit(auth, address, clientId, seq, mutation);
  }

  /** Mutations queued for a group commit that has not started yet. */
  int waitingMutations() {
    return groups.waiting();
  }

  private Optional<String> applyMutation(Transaction tx, AuthContext auth, String address,
      ClientMessage.Mutation mutation) {
    Middleware.Invocation invocation = new Middleware.Invocation(mutation.operation(),
        mutation.collection().name(), auth, input(mutation), tx);
    return quotas.checking(tx, auth, address, checked -> apply(checked, auth, mutation, invocation));
  }

  /** Runs a procedure call in one transaction; {@code address} as for {@link #mutate}. */
  Outcome call(AuthContext auth, String address, Optional<String> clientId, OptionalLong seq,
      ProcedureDispatcher dispatcher, ProcedureCall call) {
    Optional<LiveException> forbidden = missingRole(auth, call);
    if (forbidden.isPresent()) {
      return new Outcome.Rejected(forbidden.get());
    }
    AtomicLong rowsAt = new AtomicLong(-1);
    Outcome outcome = inTransaction(clientId, seq, tx -> {
      ProcedureResult result = invoke(tx, auth, address, dispatcher, call);
      Optional<TypedQuery<?, ?>> query = result.liveQuery();
      if (query.isEmpty()) {
        return Optional.of(resultJson(result));
      }
      QuerySpec<?> spec = withinLimits(call, query.get().spec());
      // Read before the rows, as for a one-shot query: the rows are at least at this version.
      rowsAt.set(store.changes().latestVersion());
      return Optional.of(liveResultJson(tx, auth, spec));
    });
    if (rowsAt.get() >= 0 && outcome instanceof Outcome.Applied applied) {
      return new Outcome.Applied(rowsAt.get(), applied.json());
    }
    return outcome;
  }

  /**
   * The query a live query procedure built, if it keeps within the limits a client's query must:
   * procedures often build their query from the client's input ({@code in(input.ids())}).
   */
  private QuerySpec<?> withinLimits(ProcedureCall call, QuerySpec<?> spec) {
    try {
      // The wire form is checked as the reader checks a client's query, with the same limits.
      QueryJson.decode(store.schema(), QueryJson.encode(spec), queryLimits);
      return spec;
    } catch (LiveException e) {
      throw new LiveException(e.code(), "the query procedure '" + call.procedure().name()
          + "' built is beyond the server's query limits: " + e.getMessage());
    }
  }

  /**
   * Runs a live query procedure, as a call with its roles and middlewares, and returns the query
   * it built, before the read rules: subscribing restricts it like any query. Fails with the
   * call's error.
   */
  QuerySpec<?> procedureQuery(AuthContext auth, String address, ProcedureDispatcher dispatcher, ProcedureCall call) {
    missingRole(auth, call).ifPresent(error -> {
      throw error;
    });
    AtomicReference<QuerySpec<?>> spec = new AtomicReference<>();
    Outcome outcome = inTransaction(Optional.empty(), OptionalLong.empty(), tx -> {
      spec.set(withinLimits(call, invoke(tx, auth, address, dispatcher, call).liveQuery().orElseThrow().spec()));
      return Optional.empty();
    });
    if (outcome instanceof Outcome.Rejected rejected) {
      throw rejected.error();
    }
    return spec.get();
  }

  /**
   * {@code FORBIDDEN} for a caller without one of the procedure's roles: those its descriptor
   * declares ({@code @Procedure(roles = ...)}), or else those set on the builder (deprecated;
   * {@link LiveCore} refuses both at once).
   */
  private Optional<LiveException> missingRole(AuthContext auth, ProcedureCall call) {
    String name = call.procedure().name();
    Set<String> declared = call.procedure().roles();
    Set<String> roles = declared.isEmpty() ? procedureRoles.getOrDefault(name, Set.of()) : declared;
    return ProcedureRoles.missing(name, roles, auth);
  }

  /** Calls the procedure through the middlewares, with what it and they write checked by the write quotas. */
  private ProcedureResult invoke(Transaction tx, AuthContext auth, String address, ProcedureDispatcher dispatcher,
      ProcedureCall call) {
    Middleware.Invocation invocation = new Middleware.Invocation("call", call.procedure().name(), auth,
        call.input(), tx);
    Object result = quotas.checking(tx, auth, address,
        checked -> chain(invocation, 0, () -> dispatcher.call(call, ProcedureContext.of(auth, checked))));
    if (!(result instanceof ProcedureResult procedureResult)) {
      throw middlewareBrokeTheChain();
    }
    return procedureResult;
  }

  /** Work in one transaction that yields the JSON to reply with. */
  private interface Work {
    Optional<String> run(Transaction tx);
  }

  private Outcome inTransaction(Optional<String> clientId, OptionalLong seq, Work work) {
    AtomicLong version = new AtomicLong(-1);
    AtomicLong duplicateOf = new AtomicLong(-1);
    try {
      Optional<String> json = store.withTransaction(tx -> {
        duplicateOf.set(-1);
        if (seq.isPresent() && !tx.claimMutation(clientId.orElseThrow(), seq.getAsLong())) {
          duplicateOf.set(tx.lastMutation(clientId.get()));
          return Optional.empty();
        }
        tx.afterCommit(changes -> version.set(lastVersion(changes)));
        return work.run(tx);
      });
      if (duplicateOf.get() >= 0) {
        return new Outcome.Duplicate(duplicateOf.get());
      }
      if (version.get() > 0) {
        mutations.increment();
      }
      long at = version.get() > 0 ? version.get() : store.changes().latestVersion();
      return new Outcome.Applied(at, json);
    } catch (RuntimeException e) {
      return rejected(e);
    }
  }

  /**
   * What a request that threw is answered: its own error when it is a {@link LiveException} (rules,
   * hooks and storage throw those), a generic one otherwise, since anything else came from
   * application code (a middleware) and its message is not for the client.
   */
  static Outcome.Rejected rejected(Throwable failure) {
    if (failure instanceof LiveException e) {
      return new Outcome.Rejected(e);
    }
    // Not logged here: the caller's FailureLog reports it, at a rate a flood cannot raise.
    return new Outcome.Rejected(new LiveException(ErrorCode.PROCEDURE_FAILED,
        "the request failed on the server; nothing was written", failure));
  }

  private static long lastVersion(List<Change> changes) {
    return changes.isEmpty() ? 0 : changes.get(changes.size() - 1).version();
  }

  private @Nullable Object chain(Middleware.Invocation invocation, int index, Supplier<Object> last) {
    if (index == middlewares.size()) {
      return last.get();
    }
    return middlewares.get(index).handle(invocation, () -> chain(invocation, index + 1, last));
  }

  private static Object input(ClientMessage.Mutation mutation) {
    if (mutation instanceof ClientMessage.Insert insert) {
      return insert.row();
    }
    if (mutation instanceof ClientMessage.Update update) {
      return update.changes();
    }
    return ((ClientMessage.Delete) mutation).key();
  }

  private Optional<String> apply(Transaction tx, AuthContext auth, ClientMessage.Mutation mutation,
      Middleware.Invocation invocation) {
    Object[] row = {new Object()}; // nothing a middleware could return in its place
    Object result = chain(invocation, 0, () -> {
      row[0] = apply(tx, auth, mutation);
      return row[0];
    });
    if (result != row[0]) {
      throw middlewareBrokeTheChain();
    }
    @SuppressWarnings("unchecked") // set just above to what apply returned
    Optional<String> json = (Optional<String>) row[0];
    return json;
  }

  private static LiveException middlewareBrokeTheChain() {
    return new LiveException(ErrorCode.PROCEDURE_FAILED,
        "a middleware returned something else than what next.proceed() gave it");
  }

  private Optional<String> apply(Transaction tx, AuthContext auth, ClientMessage.Mutation mutation) {
    if (mutation instanceof ClientMessage.Insert insert) {
      return insert(tx, auth, insert.row());
    }
    if (mutation instanceof ClientMessage.Update update) {
      return update(tx, auth, update.key(), update.changes());
    }
    ClientMessage.Delete delete = (ClientMessage.Delete) mutation;
    delete(tx, auth, delete.collection(), delete.key());
    return Optional.empty();
  }

  private <T> Optional<String> insert(Transaction tx, AuthContext auth, InsertDto<T> row) {
    CollectionSchema<T> collection = row.collection();
    T value = row.toRecord();
    if (!rules.allowsInsert(auth, collection, value)) {
      throw refused(collection, "insert");
    }
    T stored = tx.insert(row);
    return visibleJson(tx, auth, collection, stored);
  }

  private <T> Optional<String> update(Transaction tx, AuthContext auth, Object key, UpdateDto<T> changes) {
    CollectionSchema<T> collection = changes.collection();
    T before = readable(tx, auth, collection, key);
    T after = changes.applyTo(before);
    Set<Field<T, ?>> changed = Set.copyOf(StoredValueEquality.changedFields(collection, before, after));
    if (!rules.allowsUpdate(auth, collection, before, after, changed)) {
      throw refused(collection, "update");
    }
    T stored = tx.update(key, changes);
    return visibleJson(tx, auth, collection, stored);
  }

  private <T> void delete(Transaction tx, AuthContext auth, CollectionSchema<T> collection, Object key) {
    T before = readable(tx, auth, collection, key);
    if (!rules.allowsDelete(auth, collection, before)) {
      throw refused(collection, "delete");
    }
    tx.delete(collection, key);
  }

  /**
   * The row with {@code key} if the caller may read it. A row they may not read is reported as
   * missing, so that writes cannot probe for rows the read rules hide.
   */
  private <T> T readable(Transaction tx, AuthContext auth, CollectionSchema<T> collection, Object key) {
    // Locked first: the rule then decides on the row the write will change, not an older one.
    tx.lock(collection, key);
    QuerySpec<T> spec = new ReadRestriction(rules, auth).apply(QuerySpec.all(collection).one(key));
    List<T> rows = tx.select(spec, RowShape.plain());
    if (rows.isEmpty()) {
      throw new LiveException(ErrorCode.NOT_FOUND, collection.name() + " has no row with id "
          + LiveJson.encode(idCodec(collection), key) + " that you may read");
    }
    return rows.get(0);
  }

  /** The stored row as JSON, unless the read rule hides it from the caller. */
  private <T> Optional<String> visibleJson(Transaction tx, AuthContext auth, CollectionSchema<T> collection, T row) {
    if (rules.read(collection).isPresent()) {
      Object id = collection.id().get(row);
      QuerySpec<T> spec = new ReadRestriction(rules, auth).apply(QuerySpec.all(collection).one(id));
      if (tx.select(spec, RowShape.plain()).isEmpty()) {
        return Optional.empty();
      }
    }
    return Optional.of(LiveJson.encode(collection.codec(), row));
  }

  private static LiveException refused(CollectionSchema<?> collection, String kind) {
    return new LiveException(ErrorCode.FORBIDDEN, "the " + kind + " rule of " + collection.name()
        + " does not allow this " + kind);
  }

  @SuppressWarnings("unchecked") // the id of a collection has its id field's type
  private static <T> dev.live.json.JsonCodec<Object> idCodec(CollectionSchema<T> collection) {
    return (dev.live.json.JsonCodec<Object>) collection.id().codec();
  }

  private static String resultJson(ProcedureResult result) {
    StringWriter text = new StringWriter();
    try (var out = LiveJson.factory().createGenerator(text)) {
      result.writeValue(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return text.toString();
  }
}
