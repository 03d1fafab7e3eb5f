package dev.prism.runner.download;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.prism.core.PrismUserException;
import dev.prism.scenarios.helm.DataFile;
import dev.prism.scenarios.helm.DataLock;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Downloads from a loopback server; never the internet. */
class DownloaderTests {
  @TempDir Path dir;
  private HttpServer server;
  private final StringWriter log = new StringWriter();

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private String serve(String path, byte[] body) {
    server.createContext(
        path,
        ex -> {
          ex.sendResponseHeaders(200, body.length);
          ex.getResponseBody().write(body);
          ex.close();
        });
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  private Downloader downloader(Path data, DataLock lock) {
    PrintWriter w = new PrintWriter(log, true);
    return new Downloader(data, lock, false, w, w);
  }

  private static String sha(byte[] b) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
  }

  private byte[] tarGzWithTopFolder() throws IOException {
    Path src = Files.createTempDirectory(dir, "src");
    Files.createDirectories(src.resolve("data/dev"));
    Files.writeString(src.resolve("data/dev/a_dev.csv"), "q,a,b,c,d,A\n");
    Files.writeString(src.resolve("data/readme.txt"), "hello");
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
      Tar.write(src, List.of(src.resolve("data")), gz);
    }
    return bytes.toByteArray();
  }

  @Test
  void fetchesVerifiesAndUnpacksWithHelmsTopFolderRule() throws Exception {
    byte[] plain = "line\n".getBytes(StandardCharsets.UTF_8);
    byte[] archive = tarGzWithTopFolder();
    String plainUrl = serve("/plain", plain);
    List<DataFile> files =
        List.of(
            new DataFile("x/plain.jsonl", plainUrl, DataFile.Archive.NONE),
            new DataFile("data", serve("/data.tgz", archive), DataFile.Archive.TAR_GZ));
    DataLock lock =
        DataLock.empty()
            .with(new DataLock.Entry("demo/x/plain.jsonl", sha(plain), 5, plainUrl, null));
    Path data = dir.resolve("data-dir");
    Downloader d = downloader(data, lock);
    assertThat(d.fetch("demo", files, false)).isEqualTo(2);
    assertThat(data.resolve("demo/x/plain.jsonl")).hasContent("line");
    assertThat(data.resolve("demo/data/dev/a_dev.csv")).exists();
    assertThat(data.resolve("demo/data/readme.txt")).hasContent("hello");
    assertThat(log.toString())
        .contains("not pinned: demo/data sha256 " + sha(archive))
        .doesNotContain("demo/x/plain.jsonl sha256");
    assertThat(d.fetch("demo", files, false)).as("present files are kept").isZero();
  }

  @Test
  void checksumMismatchFailsAndLeavesNothing() {
    byte[] body = "tampered".getBytes(StandardCharsets.UTF_8);
    String url = serve("/f", body);
    DataFile f = new DataFile("f.txt", url, DataFile.Archive.NONE);
    DataLock lock =
        DataLock.empty().with(new DataLock.Entry("demo/f.txt", "0".repeat(64), 8, url, null));
    Path data = dir.resolve("d");
    Downloader d = downloader(data, lock);
    assertThatThrownBy(() -> d.fetch("demo", List.of(f), false))
        .isInstanceOf(PrismUserException.class)
        .hasMessageContaining("demo/f.txt")
        .hasMessageContaining("but the lock pins " + "0".repeat(64));
    assertThat(data.resolve("demo/f.txt")).doesNotExist();
    assertThat(data.resolve("demo").toFile().list()).isEmpty();
  }

  @Test
  void unreachableSourceSuggestsTheOfflineBundle() {
    DataFile f = new DataFile("f.txt", "http://127.0.0.1:1/nothing", DataFile.Archive.NONE);
    Downloader d = downloader(dir.resolve("d"), DataLock.empty());
    assertThatThrownBy(() -> d.fetch("demo", List.of(f), false))
        .isInstanceOf(PrismUserException.class)
        .hasMessageContaining("cannot download http://127.0.0.1:1/nothing")
        .satisfies(e -> assertThat(((PrismUserException) e).hint()).contains("--from"));
  }

  @Test
  void bundleRoundTrip() throws Exception {
    Path a = dir.resolve("a");
    Files.createDirectories(a.resolve("demo/sub"));
    Files.writeString(a.resolve("demo/sub/x.csv"), "1,2\n");
    String longName = "n".repeat(90) + "/" + "m".repeat(90) + ".txt";
    Files.createDirectories(a.resolve("demo").resolve(longName).getParent());
    Files.writeString(a.resolve("demo").resolve(longName), "long");
    Path bundle = dir.resolve("b.tar");
    downloader(a, DataLock.empty()).writeBundle(Map.of("demo", List.of()), bundle);
    Path b = dir.resolve("b");
    downloader(b, DataLock.empty()).readBundle(bundle, Map.of(), Set.of());
    assertThat(b.resolve("demo/sub/x.csv")).hasContent("1,2");
    assertThat(b.resolve("demo").resolve(longName)).hasContent("long");
  }
}
