package dev.live.server;

import java.util.Objects;
import java.util.function.Consumer;

/**
 * What a server does once one of its parts died of a fatal error ({@code docs/configuration.md},
 * "Fatal errors"): an {@link Error} such as {@link OutOfMemoryError} on any of the server's threads
 * (the change tail, the engine's reader, a committer, a sender, the timer, a worker, Jetty's while
 * they run Live's code), or an exception that ends the change tail or the engine's reader. The
 * server never carries on half-alive: either way, health answers 503 with the reason at once,
 * open connections are closed with 1011 (server error), and new upgrades and requests are refused
 * with 503 {@code SERVER_STOPPED}.
 *
 * <pre>{@code
 * // The default: a supervisor (systemd, Kubernetes) restarts the process.
 * ServerOptions.builder().fatalErrorPolicy(FatalErrorPolicy.exitProcess());
 * // An application that embeds LiveHandler in its own Jetty, or a test:
 * ServerOptions.builder().fatalErrorPolicy(FatalErrorPolicy.stopServer(error -> alertAndRestart(error)));
 * }</pre>
 *
 * <p>There is no "restart the part": after a {@link VirtualMachineError} the JVM promises nothing
 * about any object's state, and a part that died mid-batch (the change tail, the reader) leaves
 * the engine's nodes in a state no restart can prove consistent.
 */
public sealed interface FatalErrorPolicy permits FatalErrorPolicy.ExitProcess, FatalErrorPolicy.StopServer {
  /** The process's exit status after a fatal error: 70, {@code EX_SOFTWARE} of {@code sysexits.h}. */
  int EXIT_STATUS = 70;

  /**
   * Closes connections, then ends the process with {@link #EXIT_STATUS} within a few seconds,
   * without waiting for shutdown hooks (as {@code -XX:+ExitOnOutOfMemoryError} does). The default.
   */
  static FatalErrorPolicy exitProcess() {
    return new ExitProcess();
  }

  /** Stops the server and leaves the JVM running; health and {@code /live/*} answer 503 until it is stopped. */
  static FatalErrorPolicy stopServer() {
    return new StopServer(error -> { });
  }

  /**
   * As {@link #stopServer()}, then calls {@code stopped} with the error, on a thread of the
   * server's own; what it throws is logged.
   */
  static FatalErrorPolicy stopServer(Consumer<? super Throwable> stopped) {
    return new StopServer(stopped);
  }

  /** See {@link #exitProcess()}. */
  record ExitProcess() implements FatalErrorPolicy {}

  /** See {@link #stopServer(Consumer)}. */
  record StopServer(Consumer<? super Throwable> stopped) implements FatalErrorPolicy {
    public StopServer {
      Objects.requireNonNull(stopped, "stopped");
    }
  }
}
