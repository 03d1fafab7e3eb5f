package dev.prism.runner;

import static org.assertj.core.api.Assertions.assertThat;

import dev.prism.scenarios.helm.DataLock;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okio.Buffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code prism download} against the data lockfile: a loopback server (never the internet) serves
 * {@link LockDemoScenario}'s files, and each test writes the lockfile it checks against.
 */
class DownloadLockTests {
  private static final byte[] ALPHA = "alpha-content\n".getBytes(StandardCharsets.UTF_8);
  private static final byte[] ONE = "one\n".getBytes(StandardCharsets.UTF_8);
  private static final byte[] TWO = "two\n".getBytes(StandardCharsets.UTF_8);

  @TempDir Path dir;
  private MockWebServer server;
  private byte[] zip;
  private Path data;

  @BeforeEach
  void start() throws IOException {
    zip = zip(Map.of("pack-1.0/one.txt", ONE, "pack-1.0/sub/two.txt", TWO));
    server = new MockWebServer();
    server.setDispatcher(
        new Dispatcher() {
          @Override
          public MockResponse dispatch(RecordedRequest request) {
            String path = request.getUrl().encodedPath();
            byte[] body = path.equals("/a.txt") ? ALPHA : path.equals("/pack.zip") ? zip : null;
            return body == null
                ? new MockResponse.Builder().code(404).build()
                : new MockResponse.Builder().code(200).body(new Buffer().write(body)).build();
          }
        });
    server.start();
    LockDemoScenario.base = server.url("/").toString();
    data = dir.resolve("data");
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void pinnedFilesThatMatchAreInstalledWithoutWarnings() throws Exception {
    Path lock = writeLock(aLine(sha(ALPHA)), packLine());
    Cli run = download("test/lockdemo", "--lock", lock.toString());
    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.err()).doesNotContain("not pinned");
    assertThat(run.out())
        .contains("2 files downloaded")
        .contains(lock + " pins 2 of these 2 files");
    assertThat(data.resolve("lockdemo/a.txt")).hasBinaryContent(ALPHA);
    assertThat(data.resolve("lockdemo/pack/one.txt")).hasBinaryContent(ONE);
    assertThat(data.resolve("lockdemo/pack/sub/two.txt")).hasBinaryContent(TWO);
    assertThat(leftovers()).isEmpty();
  }

  @Test
  void aPinnedMismatchExitsTwoNamingBothHashesAndKeepsNothing() throws Exception {
    String pinned = sha("something else".getBytes(StandardCharsets.UTF_8));
    Path lock = writeLock(aLine(pinned), packLine());
    Cli run = download("test/lockdemo", "--lock", lock.toString());
    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err())
        .startsWith("prism: error: the download of lockdemo/a.txt: sha256 " + sha(ALPHA))
        .contains("(14 bytes), but the lock pins " + pinned)
        .contains("the file was not kept")
        .contains("prism download lockdemo --update-lock");
    assertThat(data.resolve("lockdemo/a.txt")).doesNotExist();
    assertThat(data.resolve("lockdemo/pack")).doesNotExist();
    assertThat(leftovers()).isEmpty();
  }

  @Test
  void anUnpinnedFileIsAcceptedWithAWarning() throws Exception {
    Path lock = writeLock(packLine());
    Cli run = download("test/lockdemo", "--lock", lock.toString());
    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.err())
        .contains(
            "prism: warning: not pinned: lockdemo/a.txt sha256 "
                + sha(ALPHA)
                + "; record it with --update-lock (14 bytes from "
                + server.url("/a.txt")
                + ")")
        .doesNotContain("lockdemo/pack");
    assertThat(run.out()).contains("pins 1 of these 2 files");
    assertThat(data.resolve("lockdemo/a.txt")).hasBinaryContent(ALPHA);
  }

  @Test
  void updateLockWritesTheEntriesAndDropsStaleOnes() throws Exception {
    String stale = "lockdemo/gone.txt " + "c".repeat(64) + " 1 http://example.invalid/gone.txt";
    String keep = "other/kept.txt " + "d".repeat(64) + " 2 http://example.invalid/kept.txt";
    Path lock = writeLock(stale, aLine("e".repeat(64)), keep);
    Cli run = download("test/lockdemo", "--update-lock", lock.toString());
    assertThat(run.exit()).as(run.err()).isZero();
    assertThat(run.out())
        .contains("pinned lockdemo/a.txt sha256 " + sha(ALPHA) + " (CHANGED, was " + "e".repeat(64))
        .contains("pinned lockdemo/pack sha256 " + sha(zip) + " (new)")
        .contains("unpinned lockdemo/gone.txt")
        .contains("Lockfile written: " + lock);
    assertThat(Files.readString(lock))
        .isEqualTo(
            DataLock.empty().format() + aLine(sha(ALPHA)) + "\n" + packLine() + "\n" + keep + "\n");

    Cli again = download("test/lockdemo", "--force", "--lock", lock.toString());
    assertThat(again.exit()).as(again.err()).isZero();
    assertThat(again.err()).doesNotContain("warning");

    Cli misplaced = download("--update-lock", "lockdemo");
    assertThat(misplaced.exit()).isEqualTo(2);
    assertThat(misplaced.err()).contains("put the names first: prism download lockdemo");
  }

  @Test
  void verifyRehashesTheDataFolderWithoutTheNetwork() throws Exception {
    Path lock = writeLock(aLine(sha(ALPHA)), packLine());
    assertThat(download("test/lockdemo", "--lock", lock.toString()).exit()).isZero();
    int requests = server.getRequestCount();

    Files.writeString(data.resolve("lockdemo/.download-1.part"), "left by an interrupted run");
    Files.writeString(data.resolve("lockdemo/extra.txt"), "mine");
    Cli ok = download("test/lockdemo", "--verify", "--lock", lock.toString());
    assertThat(ok.exit()).as(ok.err()).isZero();
    assertThat(ok.out()).contains("lockdemo: 2 of 2 file(s) match the lock").contains("matches");
    assertThat(ok.err())
        .isEqualTo(
            "prism: warning: not pinned: 1 file(s) under lockdemo/ that neither the lock nor the"
                + " scenario lists (first: lockdemo/extra.txt)\n");

    Files.writeString(data.resolve("lockdemo/a.txt"), "alpha-CONTENT\n");
    Cli one = download("test/lockdemo", "--verify", "--lock", lock.toString());
    assertThat(one.exit()).isEqualTo(2);
    assertThat(one.err())
        .contains("prism: error: lockdemo/a.txt: sha256 " + sha("alpha-CONTENT\n"))
        .contains("but the lock pins " + sha(ALPHA))
        .contains("Download it again: prism download lockdemo --force");

    Files.writeString(data.resolve("lockdemo/pack/sub/two.txt"), "2\n");
    Cli two = download("test/lockdemo", "--verify", "--lock", lock.toString());
    assertThat(two.exit()).isEqualTo(2);
    assertThat(two.err())
        .contains("prism: problem: lockdemo/a.txt: sha256")
        .contains("prism: problem: lockdemo/pack (unpacked): sha256")
        .contains("prism: error: 2 problems (listed above)");
    assertThat(server.getRequestCount()).as("no network").isEqualTo(requests);
  }

  @Test
  void aBundleCarriesAManifestAndLoadsOffline() throws Exception {
    Path lock = writeLock(aLine(sha(ALPHA)), packLine());
    Path bundle = dir.resolve("b.tar");
    Cli pack = download("test/lockdemo", "--lock", lock.toString(), "--bundle", bundle.toString());
    assertThat(pack.exit()).as(pack.err()).isZero();
    String tar = new String(Files.readAllBytes(bundle), StandardCharsets.ISO_8859_1);
    assertThat(tar)
        .startsWith("prism-bundle.sha256")
        .contains(sha(ALPHA) + "  lockdemo/a.txt\n")
        .contains(sha(TWO) + "  lockdemo/pack/sub/two.txt\n");
    int requests = server.getRequestCount();

    Path offline = dir.resolve("offline");
    Cli load = load(bundle, lock, offline);
    assertThat(load.exit()).as(load.err()).isZero();
    assertThat(load.out()).contains("Loaded lockdemo from " + bundle);
    assertThat(offline.resolve("lockdemo/a.txt")).hasBinaryContent(ALPHA);
    assertThat(offline.resolve("lockdemo/pack/sub/two.txt")).hasBinaryContent(TWO);
    assertThat(server.getRequestCount()).isEqualTo(requests);
  }

  @Test
  void aTamperedBundleIsRefusedAndNothingIsWritten() throws Exception {
    Path lock = writeLock(aLine(sha(ALPHA)), packLine());
    Path bundle = dir.resolve("b.tar");
    assertThat(
            download("test/lockdemo", "--lock", lock.toString(), "--bundle", bundle.toString())
                .exit())
        .isZero();
    byte[] evil = "alpha-CONTENT\n".getBytes(StandardCharsets.UTF_8);
    byte[] tar = Files.readAllBytes(bundle);

    // The file changed, the manifest did not.
    Path contentOnly = dir.resolve("content-only.tar");
    Files.write(contentOnly, replace(tar, ALPHA, evil));
    Path offline = dir.resolve("offline");
    Cli one = load(contentOnly, lock, offline);
    assertThat(one.exit()).isEqualTo(2);
    assertThat(one.err()).contains("lockdemo/a.txt: sha256 " + sha(evil));
    assertThat(one.err()).contains("the bundle's manifest says " + sha(ALPHA));
    assertThat(one.err()).contains("nothing was written");

    // The manifest was rewritten to match: the lockfile still catches it.
    Path both = dir.resolve("both.tar");
    Files.write(
        both,
        replace(
            replace(tar, ALPHA, evil),
            sha(ALPHA).getBytes(StandardCharsets.US_ASCII),
            sha(evil).getBytes(StandardCharsets.US_ASCII)));
    Cli two = load(both, lock, offline);
    assertThat(two.exit()).isEqualTo(2);
    assertThat(two.err())
        .contains("lockdemo/a.txt: sha256 " + sha(evil))
        .contains("but the lock pins " + sha(ALPHA))
        .contains("nothing was written");
    try (Stream<Path> files = Files.list(offline)) {
      assertThat(files.toList()).as("no data folder, no staging left").isEmpty();
    }
  }

  private Cli load(Path bundle, Path lock, Path into) {
    return withLockDemo(
        () ->
            Cli.run(
                "download",
                "--from",
                bundle.toString(),
                "--lock",
                lock.toString(),
                "--data-dir",
                into.toString()));
  }

  /** Runs {@code prism download ARGS --data-dir <data>} with {@link LockDemoScenario} visible. */
  private Cli download(String... args) {
    List<String> all = new ArrayList<>(List.of("download"));
    all.addAll(Arrays.asList(args));
    all.addAll(List.of("--data-dir", data.toString()));
    return withLockDemo(() -> Cli.run(all.toArray(String[]::new)));
  }

  /** The registries find built-in scenarios through the context class loader's services files. */
  private Cli withLockDemo(java.util.function.Supplier<Cli> body) {
    Thread thread = Thread.currentThread();
    ClassLoader saved = thread.getContextClassLoader();
    try {
      Path services = dir.resolve("services");
      Path file = services.resolve("META-INF/services/dev.prism.core.Scenario");
      Files.createDirectories(file.getParent());
      Files.writeString(file, LockDemoScenario.class.getName() + "\n");
      try (URLClassLoader loader =
          new URLClassLoader(new URL[] {services.toUri().toURL()}, getClass().getClassLoader())) {
        thread.setContextClassLoader(loader);
        return body.get();
      }
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } finally {
      thread.setContextClassLoader(saved);
    }
  }

  private Path writeLock(String... lines) throws IOException {
    Path lock = dir.resolve("test.lock");
    Files.writeString(lock, DataLock.empty().format() + String.join("\n", lines) + "\n");
    return lock;
  }

  private String aLine(String sha) {
    return "lockdemo/a.txt " + sha + " " + ALPHA.length + " " + server.url("/a.txt");
  }

  /** The pack's entry, its unpacked hash computed here from the definition. */
  private String packLine() throws Exception {
    String listing = sha(ONE) + "  one.txt\n" + sha(TWO) + "  sub/two.txt\n";
    return "lockdemo/pack "
        + sha(zip)
        + " "
        + zip.length
        + " "
        + server.url("/pack.zip")
        + " unpacked="
        + sha(listing);
  }

  private List<Path> leftovers() throws IOException {
    try (Stream<Path> walk = Files.walk(data)) {
      return walk.filter(p -> p.getFileName().toString().startsWith(".")).toList();
    }
  }

  private static byte[] zip(Map<String, byte[]> entries) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream z = new ZipOutputStream(bytes)) {
      for (Map.Entry<String, byte[]> e : new java.util.TreeMap<>(entries).entrySet()) {
        z.putNextEntry(new ZipEntry(e.getKey()));
        z.write(e.getValue());
        z.closeEntry();
      }
    }
    return bytes.toByteArray();
  }

  /** {@code bytes} with the one occurrence of {@code from} replaced by {@code to} (same length). */
  private static byte[] replace(byte[] bytes, byte[] from, byte[] to) {
    byte[] out = bytes.clone();
    int found = -1;
    for (int i = 0; i + from.length <= bytes.length; i++) {
      if (Arrays.equals(bytes, i, i + from.length, from, 0, from.length)) {
        assertThat(found).as("one occurrence").isEqualTo(-1);
        found = i;
      }
    }
    assertThat(found).as("occurrence").isNotNegative();
    System.arraycopy(to, 0, out, found, to.length);
    return out;
  }

  private static String sha(String text) throws Exception {
    return sha(text.getBytes(StandardCharsets.UTF_8));
  }

  private static String sha(byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }
}
