package dev.prism.runner.download;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.prism.core.PrismUserException;
import dev.prism.scenarios.helm.DataFile;
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
    List<DataFile> files =
        List.of(
            new DataFile(
                "x/plain.jsonl", serve("/plain", plain), sha(plain), DataFile.Archive.NONE),
            new DataFile("data", serve("/data.tgz", archive), null, DataFile.Archive.TAR_GZ));
    Path data = dir.resolve("data-dir");
    Downloader d = new Downloader(data, new PrintWriter(log, true));
    assertThat(d.fetch("demo", files, false)).isEqualTo(2);
    assertThat(data.resolve("demo/x/plain.jsonl")).hasContent("line");
    assertThat(data.resolve("demo/data/dev/a_dev.csv")).exists();
    assertThat(data.resolve("demo/data/readme.txt")).hasContent("hello");
    assertThat(log.toString()).contains("no pinned SHA-256; downloaded sha256=" + sha(archive));
    assertThat(d.fetch("demo", files, false)).as("present files are kept").isZero();
  }

  @Test
  void checksumMismatchFailsAndLeavesNothing() {
    byte[] body = "tampered".getBytes(StandardCharsets.UTF_8);
    DataFile f = new DataFile("f.txt", serve("/f", body), "0".repeat(64), DataFile.Archive.NONE);
    Path data = dir.resolve("d");
    Downloader d = new Downloader(data, new PrintWriter(log, true));
    assertThatThrownBy(() -> d.fetch("demo", List.of(f), false))
        .isInstanceOf(PrismUserException.class)
        .hasMessageContaining("checksum mismatch");
    assertThat(data.resolve("demo/f.txt")).doesNotExist();
    assertThat(data.resolve("demo").toFile().list()).isEmpty();
  }

  @Test
  void unreachableSourceSuggestsTheOfflineBundle() {
    DataFile f = new DataFile("f.txt", "http://127.0.0.1:1/nothing", null, DataFile.Archive.NONE);
    Downloader d = new Downloader(dir.resolve("d"), new PrintWriter(log, true));
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
    new Downloader(a, new PrintWriter(log, true)).writeBundle(List.of("demo"), bundle);
    Path b = dir.resolve("b");
    new Downloader(b, new PrintWriter(log, true)).readBundle(bundle);
    assertThat(b.resolve("demo/sub/x.csv")).hasContent("1,2");
    assertThat(b.resolve("demo").resolve(longName)).hasContent("long");
  }
}
