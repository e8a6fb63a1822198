package dev.live.server;

import java.util.function.Supplier;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The thread pool of a server's own Jetty ({@link LiveServer.Builder#start()}): Jetty's threads
 * log what a job throws and go on, so an {@code Error} out of Jetty's own work (reading, writing,
 * selecting) would leave the server half-alive; here it is reported as a fatal error as well.
 * Errors in Live's handler and connections are reported where they are caught, before Jetty sees
 * them.
 */
final class JettyThreads extends QueuedThreadPool {
  private final Supplier<FatalErrors> fatal;

  /** {@code fatal}: the running server's, or null before it starts. */
  JettyThreads(Supplier<FatalErrors> fatal) {
    this.fatal = fatal;
  }

  @Override
  protected void runJob(Runnable job) {
    try {
      super.runJob(job);
    } catch (Error e) {
      FatalErrors errors = fatal.get();
      if (errors != null) {
        errors.report(e);
      }
      throw e;
    }
  }
}
