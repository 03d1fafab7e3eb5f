package dev.prism.runner.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ClaimSizerTests {
  private final AtomicLong nanos = new AtomicLong(1_000);

  @Test
  void startsWithAFewRoundsOfTheSlots() {
    assertThat(new ClaimSizer(8, nanos::get).next()).isEqualTo(32);
    assertThat(new ClaimSizer(64, nanos::get).next()).isEqualTo(128);
    assertThat(new ClaimSizer(1000, nanos::get).next()).isEqualTo(256);
  }

  @Test
  void growsToAQuarterSecondOfWorkWhenRequestsFinishQuickly() {
    ClaimSizer sizer = new ClaimSizer(8, nanos::get);
    assertThat(sizer.next()).isEqualTo(32);
    nanos.addAndGet(8_000_000); // 32 requests in 8 ms: 4,000 per second
    assertThat(sizer.next()).isEqualTo(1000);
    nanos.addAndGet(100_000_000); // 1,000 in 100 ms: 10,000 per second, more than the cap
    assertThat(sizer.next()).isEqualTo(ClaimSizer.MAX);
  }

  @Test
  void staysAtItsFloorForSlowModels() {
    ClaimSizer sizer = new ClaimSizer(64, nanos::get);
    assertThat(sizer.next()).isEqualTo(128);
    nanos.addAndGet(2_000_000_000L); // 128 requests in 2 s: 64 per second, 16 per quarter second
    assertThat(sizer.next()).isEqualTo(128);
  }

  @Test
  void shrinksAgainWhenTheModelSlowsDown() {
    ClaimSizer sizer = new ClaimSizer(8, nanos::get);
    sizer.next();
    nanos.addAndGet(1_000_000);
    assertThat(sizer.next()).isEqualTo(ClaimSizer.MAX);
    nanos.addAndGet(20_000_000_000L);
    assertThat(sizer.next()).isEqualTo(32);
  }
}
