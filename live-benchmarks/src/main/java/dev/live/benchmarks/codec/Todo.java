package dev.live.benchmarks.codec;

import dev.live.annotations.Collection;
import dev.live.annotations.Id;
import io.avaje.jsonb.Json;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The 10-field record of the codec benchmark: the kind of row an app keeps live. Both Live's
 * processor ({@code TodoJson}) and avaje's generator ({@code TodoJsonAdapter}) generate
 * a codec for it; Jackson databind reads and writes it by reflection.
 */
@Collection("todos")
@Json
public record Todo(
    @Id String id,
    String title,
    boolean done,
    int priority,
    Instant createdAt,
    @Nullable Instant due,
    double estimate,
    long revision,
    Status status,
    List<String> tags) {}
