package dev.live.server;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Publishes the server's figures to a Micrometer registry: gauges for what it holds now, counters
 * for what it handled. Micrometer is an optional dependency: only this class uses it, and only
 * when {@link LiveServer.Builder#metrics} was called.
 */
final class MicrometerBinding implements MetricsBinding {
  private final MeterRegistry registry;

  MicrometerBinding(MeterRegistry registry) {
    this.registry = registry;
  }

  @Override
  public void bind(LiveCore core) {
    Gauge.builder("live.connections", core, c -> c.connectionCount()).description("open WebSocket connections")
        .register(registry);
    Gauge.builder("live.subscriptions", core, c -> c.service().engine().subscriptionCount())
        .description("open subscriptions").register(registry);
    Gauge.builder("live.query.nodes", core, c -> c.service().engine().nodeCount())
        .description("live queries maintained").register(registry);
    Gauge.builder("live.engine.pending", core, c -> c.service().engine().stats().pendingNodes())
        .description("live queries waiting for a read of storage").register(registry);
    FunctionCounter.builder("live.engine.reads", core, c -> c.service().engine().stats().reads())
        .description("live queries and relation sets read from storage again").register(registry);
    FunctionCounter.builder("live.engine.deferrals", core, c -> c.service().engine().stats().deferrals())
        .description("times a user's live query was held back for their engine time").register(registry);
    Gauge.builder("live.rooms", core, c -> c.rooms().roomCount()).description("rooms that exist").register(registry);
    Gauge.builder("live.outbound.queued", core, c -> c.queuedChars()[0]).baseUnit("characters")
        .description("text waiting to be sent, over every connection").register(registry);
    FunctionCounter.builder("live.messages.in", core.metrics().messagesIn, adder -> adder.sum())
        .description("messages received").register(registry);
    FunctionCounter.builder("live.messages.out", core.metrics().messagesOut, adder -> adder.sum())
        .description("messages queued to clients").register(registry);
    FunctionCounter.builder("live.mutations", core.metrics().mutations, adder -> adder.sum())
        .description("client requests that wrote data").register(registry);
    FunctionCounter.builder("live.mutation.groups", core.metrics().mutationGroups, adder -> adder.sum())
        .description("transactions that committed a group of clients' mutations").register(registry);
    Gauge.builder("live.mutations.waiting", core, c -> c.service().waitingMutations())
        .description("clients' mutations waiting for their group commit to start").register(registry);
    Gauge.builder("live.processing.p99", core, c -> c.metrics().rates().processingP99Micros()).baseUnit("microseconds")
        .description("99th percentile of request processing time over the last 10 s").register(registry);
  }
}
