package dev.live.server;

/** Something that publishes the server's figures elsewhere once it started (Micrometer). */
interface MetricsBinding {
  void bind(LiveCore core);
}
