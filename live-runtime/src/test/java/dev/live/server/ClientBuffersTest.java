package dev.live.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The client buffers' count and their waiters: a waiter runs once there is room, and never on the
 * thread that released it, which may hold a connection's, a queue's or the engine's lock while the
 * waiter takes its own (two such threads waking each other's connections would deadlock).
 */
class ClientBuffersTest {
  private final List<Runnable> handedOver = new ArrayList<>();
  private final ClientBuffers buffers = new ClientBuffers(100, handedOver::add);

  @Test
  void aWaiterIsHandedToTheExecutorOnceThereIsRoomNotRunByTheReleasingThread() {
    AtomicInteger woken = new AtomicInteger();
    buffers.charge(150);
    buffers.whenBelow(woken::incrementAndGet);
    assertThat(handedOver).as("over the limit: it waits").isEmpty();
    buffers.release(30);
    assertThat(handedOver).as("still over").isEmpty();
    buffers.release(30);
    assertThat(woken).as("not run on the releasing thread").hasValue(0);
    assertThat(handedOver).hasSize(1);
    handedOver.get(0).run();
    assertThat(woken).hasValue(1);
  }

  @Test
  void aWaiterWithRoomAlreadyIsHandedOverAtOnce() {
    buffers.charge(50);
    buffers.whenBelow(() -> { });
    assertThat(handedOver).hasSize(1);
    assertThat(buffers.over()).isFalse();
    assertThat(buffers.held()).isEqualTo(50);
  }

  @Test
  void resumeLogsStopAtHalfTheLimit() {
    buffers.charge(50);
    assertThat(buffers.overResumeShare()).isFalse();
    buffers.charge(1);
    assertThat(buffers.overResumeShare()).isTrue();
    assertThat(buffers.over()).isFalse();
  }
}
