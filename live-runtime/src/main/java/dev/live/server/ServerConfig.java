package dev.live.server;

import dev.live.auth.Authenticator;
import dev.live.auth.Rules;
import dev.live.room.RoomOptions;
import dev.live.room.RoomType;
import dev.live.schema.LiveSchema;
import dev.live.storage.Database;
import dev.live.storage.Store;
import dev.live.storage.StoreOptions;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What a {@link LiveServer.Builder} collected. The store is either given (and left open at
 * stop) or opened from a database (and closed at stop, with the database).
 */
record ServerConfig(
    LiveSchema schema,
    Optional<Database> database,
    Optional<Store> store,
    StoreOptions storeOptions,
    List<Object> procedures,
    Map<String, Set<String>> procedureRoles,
    Authenticator authenticator,
    Rules rules,
    List<Middleware> middlewares,
    ServerOptions options,
    Map<String, RoomType<?, ?>> roomTypes,
    RoomOptions roomOptions,
    Optional<java.util.function.Predicate<dev.live.auth.AuthContext>> statsAccess,
    Optional<MetricsBinding> metricsBinding,
    Map<dev.live.schema.CollectionSchema<?>, WriteQuota> writeQuotas) {

  ServerConfig {
    roomTypes = Map.copyOf(roomTypes);
    procedures = List.copyOf(procedures);
    procedureRoles = Map.copyOf(procedureRoles);
    middlewares = List.copyOf(middlewares);
    writeQuotas = Map.copyOf(writeQuotas);
    for (dev.live.schema.CollectionSchema<?> collection : writeQuotas.keySet()) {
      if (!schema.collections().contains(collection)) {
        throw new IllegalStateException("a write quota names collection " + collection.name()
            + ", which is not part of the server's schema; its collections are " + schema.collectionNames());
      }
    }
    if (database.isPresent() == store.isPresent()) {
      throw new IllegalStateException("give the server a database(...) or a store(...), one of them");
    }
    if (store.isPresent() && store.get().schema() != schema) {
      throw new IllegalStateException("the store was opened with another schema than the server's");
    }
  }

  Store openStore() {
    return store.orElseGet(() -> Store.open(database.orElseThrow(), schema, storeOptions));
  }

  void closeStore(Store opened) {
    if (store.isEmpty()) {
      opened.close();
      database.orElseThrow().close();
    }
  }
}
