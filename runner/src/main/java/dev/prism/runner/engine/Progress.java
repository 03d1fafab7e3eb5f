package dev.prism.runner.engine;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * Progress of the runs a process works on: one bar per active run plus a total (requests done of
 * all, rate, ETA, retries, requests in flight), redrawn in place on a terminal; on anything else (a
 * log file, CI) a plain line per run at a fixed interval and when a run ends.
 */
public final class Progress implements AutoCloseable {
  private final PrintStream out;
  private final boolean terminal;
  private final long intervalMillis;
  private final LongSupplier clockMillis;
  private final List<RunProgress> runs = new ArrayList<>();
  private final AtomicInteger inFlight = new AtomicInteger();
  private int linesDrawn;
  private long lastPrinted;
  private Thread ticker;

  /**
   * @param terminal whether {@code out} is an interactive terminal (bars redrawn in place)
   * @param intervalMillis how often to draw (terminal) or print a line (otherwise)
   */
  public Progress(
      PrintStream out, boolean terminal, long intervalMillis, LongSupplier clockMillis) {
    this.out = out;
    this.terminal = terminal;
    this.intervalMillis = intervalMillis;
    this.clockMillis = clockMillis;
    this.lastPrinted = clockMillis.getAsLong();
  }

  /** Progress on standard error: bars when it is a terminal, a line every 10 s otherwise. */
  public static Progress onStderr() {
    boolean terminal =
        System.console() != null
            && System.getenv("TERM") != null
            && !"dumb".equals(System.getenv("TERM"));
    return new Progress(System.err, terminal, terminal ? 250 : 10_000, System::currentTimeMillis);
  }

  /** Progress that prints nothing but still counts. */
  public static Progress silent() {
    return new Progress(
        new PrintStream(PrintStream.nullOutputStream()),
        false,
        Long.MAX_VALUE,
        System::currentTimeMillis);
  }

  /** Starts redrawing in the background. */
  public synchronized Progress start() {
    if (ticker == null && intervalMillis < Long.MAX_VALUE) {
      ticker = new Thread(this::tick, "prism-progress");
      ticker.setDaemon(true);
      ticker.start();
    }
    return this;
  }

  private void tick() {
    try {
      while (!Thread.currentThread().isInterrupted()) {
        Thread.sleep(Math.min(intervalMillis, 250));
        long now = clockMillis.getAsLong();
        if (now - lastPrinted >= intervalMillis) {
          draw(now);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Counts one run's requests; {@code alreadyDone} were stored before this process began. */
  public synchronized RunProgress add(String name, int total, int alreadyDone) {
    RunProgress r = new RunProgress(name, total, alreadyDone, clockMillis.getAsLong());
    runs.add(r);
    return r;
  }

  /** Requests this process has sent and not yet finished. */
  public AtomicInteger inFlight() {
    return inFlight;
  }

  /** Draws once more (final state) and stops redrawing. */
  @Override
  public synchronized void close() {
    if (ticker != null) {
      ticker.interrupt();
      ticker = null;
    }
    if (terminal) {
      draw(clockMillis.getAsLong());
    }
  }

  /** Prints the final line of a finished run (not on a terminal, where its bar shows it). */
  public synchronized void finished(RunProgress r) {
    r.active = false;
    if (!terminal) {
      out.println(line(r, clockMillis.getAsLong()));
    } else {
      draw(clockMillis.getAsLong());
    }
  }

  private synchronized void draw(long now) {
    lastPrinted = now;
    List<RunProgress> active = runs.stream().filter(r -> r.active).toList();
    if (!terminal) {
      active.forEach(r -> out.println(line(r, now)));
      return;
    }
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < linesDrawn; i++) {
      b.append("\033[1A\033[2K");
    }
    List<String> lines = new ArrayList<>();
    for (RunProgress r : runs) {
      if (r.active || r.done() >= r.total) {
        lines.add(bar(r.name, r.done(), r.total, r.rate(now), r.retries.get()) + r.statusSuffix());
      }
    }
    int total = runs.stream().mapToInt(r -> r.total).sum();
    int done = runs.stream().mapToInt(RunProgress::done).sum();
    double rate = runs.stream().mapToDouble(r -> r.rate(now)).sum();
    lines.add(
        bar("TOTAL", done, total, rate, runs.stream().mapToInt(r -> r.retries.get()).sum())
            + String.format(Locale.ROOT, " in flight %d", inFlight.get()));
    lines.forEach(l -> b.append(l).append('\n'));
    linesDrawn = lines.size();
    out.print(b);
    out.flush();
  }

  private String line(RunProgress r, long now) {
    return String.format(
        Locale.ROOT,
        "  %s: %d/%d requests (%d failed, %d cached, %d retries), %.1f req/s, ETA %s, in flight"
            + " %d%s",
        r.name,
        r.done(),
        r.total,
        r.failed.get(),
        r.cached.get(),
        r.retries.get(),
        r.rate(now),
        eta(r.total - r.done(), r.rate(now)),
        inFlight.get(),
        r.statusSuffix());
  }

  private static String bar(String name, int done, int total, double rate, int retries) {
    int width = 24;
    int filled = total == 0 ? width : (int) ((long) done * width / total);
    String label = name.length() > 40 ? name.substring(0, 39) + "…" : name;
    return String.format(
        Locale.ROOT,
        "%-40s [%s%s] %d/%d %.1f/s ETA %s retries %d",
        label,
        "#".repeat(filled),
        ".".repeat(width - filled),
        done,
        total,
        rate,
        eta(total - done, rate),
        retries);
  }

  static String eta(int left, double perSecond) {
    if (left <= 0) {
      return "0:00";
    }
    if (perSecond <= 0) {
      return "--:--";
    }
    long s = Math.round(left / perSecond);
    return s >= 3600
        ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
        : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
  }

  /** Counters of one run, updated by the engine's threads. */
  public static final class RunProgress {
    final String name;
    final int total;
    final int alreadyDone;
    final long startedAt;
    final AtomicInteger finished = new AtomicInteger();
    final AtomicInteger failed = new AtomicInteger();
    final AtomicInteger cached = new AtomicInteger();
    final AtomicInteger retries = new AtomicInteger();
    volatile boolean active = true;
    volatile java.util.function.Supplier<String> status = () -> "";

    /** Adds a live status (e.g. the deployment's rate limits) to this run's line. */
    public void status(java.util.function.Supplier<String> status) {
      this.status = status;
    }

    String statusSuffix() {
      String s = status.get();
      return s == null || s.isEmpty() ? "" : ", " + s;
    }

    RunProgress(String name, int total, int alreadyDone, long startedAt) {
      this.name = name;
      this.total = total;
      this.alreadyDone = alreadyDone;
      this.startedAt = startedAt;
    }

    /** A request finished here: successfully, from the cache, or failed for good. */
    public void finished(boolean success, boolean fromCache) {
      finished.incrementAndGet();
      if (!success) {
        failed.incrementAndGet();
      }
      if (fromCache) {
        cached.incrementAndGet();
      }
    }

    /** A transient failure is being retried. */
    public void retried() {
      retries.incrementAndGet();
    }

    /** Requests done, by anyone, as far as this process knows. */
    public int done() {
      return Math.min(total, alreadyDone + finished.get());
    }

    double rate(long now) {
      double seconds = Math.max(0.001, (now - startedAt) / 1000.0);
      return finished.get() / seconds;
    }
  }
}
