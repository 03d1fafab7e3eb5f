package dev.prism.bench;

import dev.prism.reports.html.SiteWriter;
import dev.prism.reports.model.SuiteReport;
import dev.prism.runner.cli.PrismCommand;
import dev.prism.testkit.FakeProvider;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * Whole-pipeline benchmarks through the CLI entry point, printing {@code name=value} lines:
 *
 * <ul>
 *   <li>{@code concurrency_efficiency}: requests/s the loopback fake provider received (50 ms
 *       latency, 64 in flight) from its first call to its last answer, while Prism claimed, called
 *       and stored them in H2, over the physical limit 64 / 0.05 s; {@code
 *       concurrency_efficiency_whole_run} divides by the whole command's time instead (planning,
 *       storing the run, scoring); {@code concurrency_transport_ceiling} is OkHttp alone (64
 *       threads, no Prism) against the same server: what the transport allows on the machine.
 *   <li>{@code pipeline_instances_per_s}: 10,000 generated arithmetic instances, instant model
 *       ({@code simple/calculator}), all accuracy metrics, H2 file writes.
 *   <li>{@code resume_seconds_100k}: re-running a completed 100,000-request run (all cache hits).
 *   <li>{@code peak_heap_mb}: peak heap while running the 100,000-request run the first time
 *       (garbage included, so it follows the collector's sizing); {@code peak_live_heap_mb}: the
 *       most the heap held after a collection during that run, and {@code
 *       pipeline_peak_live_heap_mb_10k} the same for the 10,000-instance run, to show how live
 *       memory grows with a run's size.
 *   <li>{@code report_seconds}, {@code report_peak_mb}, {@code report_index_kb}: the static site
 *       for 20 models × 30 runs × 1,000 instances.
 * </ul>
 */
public final class Bench {
  private Bench() {}

  public static void main(String[] args) throws IOException {
    String which = args.length == 0 ? "all" : args[0];
    printf("cores=%d", Runtime.getRuntime().availableProcessors());
    printf("max_heap_mb=%d", Runtime.getRuntime().maxMemory() >> 20);
    // The collector and compiler change every figure; bench/run uses the launcher's (jvm.options).
    printf(
        "jvm_options=%s",
        String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments()));
    if (which.equals("all") || which.equals("concurrency")) {
      concurrency();
    }
    if (which.equals("all") || which.equals("pipeline")) {
      pipeline();
    }
    if (which.equals("all") || which.equals("resume")) {
      resume();
    }
    if (which.equals("all") || which.equals("report")) {
      report();
    }
  }

  /**
   * Requests per second against the loopback fake provider at 50 ms latency with 64 in flight,
   * divided by the physical limit 64 / 0.05 s: during the request phase, and over the whole run.
   */
  private static void concurrency() throws IOException {
    Path dir = Files.createTempDirectory("prism-bench-concurrency");
    long latency = Long.getLong("bench.latency", 50);
    try (FakeProvider provider =
        FakeProvider.start(FakeProvider.Config.instant().withLatency(latency))) {
      Path models = dir.resolve("models.yaml");
      Files.writeString(models, provider.modelsYaml("local/fake"));
      // Warm-up (class loading, JIT) on other requests, so the measurement is the steady state.
      run(
          dir.resolve("warm"),
          "prism/arithmetic:num_instances=1500,seed=4,model=local/fake",
          "--models",
          models.toString(),
          "--concurrency",
          "64");
      provider.resetWindow();
      String entry = "prism/arithmetic:num_instances=6000,seed=3,model=local/fake";
      long start = System.nanoTime();
      long cpuStart = processCpuNanos();
      run(dir.resolve("out"), entry, "--models", models.toString(), "--concurrency", "64");
      // Client and fake server together, per request.
      printf(
          "concurrency_cpu_ms_per_request=%.3f",
          (processCpuNanos() - cpuStart) / 1e6 / provider.window().calls());
      double seconds = (System.nanoTime() - start) / 1e9;
      FakeProvider.Window window = provider.window();
      double limit = 64 / (latency / 1000.0);
      printf("concurrency_requests=%d", window.calls());
      printf("concurrency_request_phase_seconds=%.2f", window.seconds());
      printf("concurrency_requests_per_s=%.0f", window.callsPerSecond());
      printf("concurrency_efficiency=%.3f", window.callsPerSecond() / limit);
      // The whole command: planning, storing the run, the requests, scoring and stats.
      printf("concurrency_run_seconds=%.2f", seconds);
      printf("concurrency_efficiency_whole_run=%.3f", window.calls() / seconds / limit);
      transportCeiling(provider, latency, window.calls());
    } finally {
      delete(dir);
    }
  }

  /**
   * The same number of calls from 64 threads of OkHttp alone against the same server, without
   * Prism: what the transport and the fake server allow on this machine, the ceiling under {@code
   * concurrency_efficiency}.
   */
  private static void transportCeiling(FakeProvider provider, long latency, long calls) {
    Dispatcher dispatcher = new Dispatcher();
    dispatcher.setMaxRequests(256);
    dispatcher.setMaxRequestsPerHost(256);
    OkHttpClient client =
        new OkHttpClient.Builder()
            .dispatcher(dispatcher)
            .connectionPool(new ConnectionPool(256, 5, TimeUnit.MINUTES))
            .build();
    ExecutorService threads = Executors.newFixedThreadPool(64);
    try {
      for (long round : new long[] {calls / 4, calls}) {
        AtomicLong left = new AtomicLong(round);
        provider.resetWindow();
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < 64; t++) {
          done.add(threads.submit(() -> callUntilDone(client, provider, left)));
        }
        for (Future<?> f : done) {
          f.get();
        }
      }
      printf(
          "concurrency_transport_ceiling=%.3f",
          provider.window().callsPerSecond() / (64 / (latency / 1000.0)));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException e) {
      throw new IllegalStateException("transport ceiling: " + e.getCause(), e.getCause());
    } finally {
      threads.shutdownNow();
      client.dispatcher().executorService().shutdown();
      client.connectionPool().evictAll();
    }
  }

  private static Void callUntilDone(OkHttpClient client, FakeProvider provider, AtomicLong left)
      throws IOException {
    String url = provider.baseUrl() + "/completions";
    for (long i = left.decrementAndGet(); i >= 0; i = left.decrementAndGet()) {
      String body = "{\"model\":\"fake\",\"prompt\":\"" + i + "+1=\",\"max_tokens\":5}";
      Request request =
          new Request.Builder().url(url).post(RequestBody.create(body, JSON_TYPE)).build();
      try (Response response = client.newCall(request).execute()) {
        response.body().string();
      }
    }
    return null;
  }

  private static final MediaType JSON_TYPE = MediaType.get("application/json");

  private static void pipeline() throws IOException {
    Path dir = Files.createTempDirectory("prism-bench-pipeline");
    try {
      // Warm-up on a small run so class loading and JIT are not billed to the measurement.
      run(dir.resolve("warm"), "prism/arithmetic:num_instances=2000,model=simple/calculator");
      System.gc();
      LiveHeap live = LiveHeap.watch();
      long start = System.nanoTime();
      long cpuStart = processCpuNanos();
      run(dir.resolve("out"), "prism/arithmetic:num_instances=10000,model=simple/calculator");
      double seconds = (System.nanoTime() - start) / 1e9;
      // Beside peak_live_heap_mb of the 100k run: how live memory grows with a run's size.
      long liveBytes = live.stop();
      printf("pipeline_seconds_10k=%.2f", seconds);
      // CPU time of all threads: less sensitive than wall time to other load on the machine.
      printf("pipeline_cpu_seconds_10k=%.2f", (processCpuNanos() - cpuStart) / 1e9);
      printf("pipeline_instances_per_s=%.0f", 10_000 / seconds);
      printf("pipeline_peak_live_heap_mb_10k=%d", liveBytes >> 20);
    } finally {
      delete(dir);
    }
  }

  private static void resume() throws IOException {
    Path dir = Files.createTempDirectory("prism-bench-resume");
    try {
      String entry = "prism/arithmetic:num_instances=100000,model=simple/calculator";
      resetPeaks();
      LiveHeap live = LiveHeap.watch();
      long start = System.nanoTime();
      run(dir, entry);
      printf("first_run_seconds_100k=%.2f", (System.nanoTime() - start) / 1e9);
      printf("peak_heap_mb=%d", peakHeapBytes() >> 20);
      printf("peak_live_heap_mb=%d", live.stop() >> 20);
      start = System.nanoTime();
      run(dir, entry);
      printf("resume_seconds_100k=%.2f", (System.nanoTime() - start) / 1e9);
    } finally {
      delete(dir);
    }
  }

  /** The static site for 20 models × 30 runs × 1,000 instances (the reports issue's size). */
  private static void report() throws IOException {
    SuiteReport suite = SyntheticSuite.build(20, 30, 1000, 7);
    Path dir = Files.createTempDirectory("prism-bench-report");
    try {
      resetPeaks();
      long start = System.nanoTime();
      Path index = SiteWriter.write(suite, dir.resolve("site"));
      printf("report_seconds=%.2f", (System.nanoTime() - start) / 1e9);
      printf("report_peak_mb=%d", peakHeapBytes() >> 20);
      printf("report_index_kb=%d", Files.size(index) >> 10);
      long largest;
      try (Stream<Path> files = Files.walk(dir)) {
        largest = files.filter(Files::isRegularFile).mapToLong(Bench::size).max().orElse(0);
      }
      printf("report_largest_file_kb=%d", largest >> 10);
    } finally {
      delete(dir);
    }
  }

  private static long size(Path p) {
    try {
      return Files.size(p);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static void run(Path output, String entry, String... extra) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    List<String> args =
        new ArrayList<>(List.of("run", entry, "--no-report", "--output", output.toString()));
    args.addAll(List.of(extra));
    int exit =
        PrismCommand.execute(
            args.toArray(String[]::new),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    if (exit != 0) {
      throw new IllegalStateException(
          "benchmark run failed (" + exit + "): " + err.toString(StandardCharsets.UTF_8));
    }
  }

  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  private static void resetPeaks() {
    System.gc();
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      pool.resetPeakUsage();
    }
  }

  private static long peakHeapBytes() {
    long sum = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        sum += pool.getPeakUsage().getUsed();
      }
    }
    return sum;
  }

  private static void printf(String format, Object... args) {
    System.out.println(String.format(Locale.ROOT, format, args));
  }

  private static void delete(Path dir) throws IOException {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
