package dev.prism.runner.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** What the progress display prints, with a clock the test moves. */
class ProgressTests {
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
  private final AtomicLong now = new AtomicLong(1_000_000);

  private String printed() {
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void plainLinesOutsideATerminal() {
    Progress p = new Progress(out, false, 10_000, now::get);
    Progress.RunProgress run = p.add("mmlu:subject=anatomy,model=m", 100, 20);
    for (int i = 0; i < 30; i++) {
      run.finished(i != 0, i < 5);
    }
    run.retried();
    now.addAndGet(10_000);
    p.finished(run);
    assertThat(printed())
        .isEqualTo(
            "  mmlu:subject=anatomy,model=m: 50/100 requests (1 failed, 5 cached, 1 retries),"
                + " 3.0 req/s, ETA 0:17, in flight 0\n");
  }

  @Test
  void barsAndATotalOnATerminalRedrawnInPlace() {
    Progress p = new Progress(out, true, 250, now::get);
    Progress.RunProgress a = p.add("a", 10, 0);
    Progress.RunProgress b = p.add("b", 30, 0);
    for (int i = 0; i < 5; i++) {
      a.finished(true, false);
    }
    now.addAndGet(1000);
    p.inFlight().set(3);
    p.close();
    String first = printed();
    assertThat(first)
        .contains("a                                        [############............] 5/10 5.0/s")
        .contains("b                                        [........................] 0/30 0.0/s")
        .contains("TOTAL")
        .contains("5/40")
        .contains("in flight 3");
    p.finished(b);
    // The second drawing first moves the cursor up over the three lines of the first.
    assertThat(printed().substring(first.length())).startsWith("\033[1A\033[2K".repeat(3));
  }

  @Test
  void etaIsHoursMinutesSecondsOrUnknown() {
    assertThat(Progress.eta(0, 0)).isEqualTo("0:00");
    assertThat(Progress.eta(10, 0)).isEqualTo("--:--");
    assertThat(Progress.eta(90, 1)).isEqualTo("1:30");
    assertThat(Progress.eta(7200, 1)).isEqualTo("2:00:00");
  }
}
