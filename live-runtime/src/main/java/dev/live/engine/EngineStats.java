package dev.live.engine;

/**
 * What a {@link LiveEngine} holds at one moment, for monitoring and tests.
 *
 * @param nodes distinct queries maintained
 * @param subscriptions open subscriptions
 * @param relationSets sets of related rows kept for relational conditions
 * @param cachedRows rows cached for to-one includes, shared by the nodes
 * @param heldRows rows the nodes hold (their results and the few beyond a window's end)
 * @param pendingNodes nodes waiting for a read of storage
 * @param reads reads of storage installed so far (each node or set read once counts one)
 * @param touches times a change reached a node so far (a node taking several changes of one batch
 *     counts once)
 * @param deferrals times a node was held back because its owners were out of engine time
 * @param owners owners of subscriptions the engine keeps bounds for (those holding or owing nothing
 *     are forgotten within about a second)
 */
public record EngineStats(int nodes, int subscriptions, int relationSets, int cachedRows, long heldRows,
    int pendingNodes, long reads, long touches, long deferrals, int owners) {}
