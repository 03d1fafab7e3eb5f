package dev.prism.runner.download;

import dev.prism.core.PrismUserException;
import dev.prism.scenarios.helm.DataFile;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Fetches scenario data files into {@code <dataDir>/<dataName>/}: downloads to a temporary file,
 * checks the pinned SHA-256 when one is known, unpacks archives into a temporary folder and only
 * then moves the result into place, so an interrupted download leaves nothing half-written.
 */
public final class Downloader {
  private final HttpClient http;
  private final Path dataDir;
  private final PrintWriter log;

  public Downloader(Path dataDir, PrintWriter log) {
    this.http =
        HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NORMAL)
            .connectTimeout(Duration.ofSeconds(30))
            .build();
    this.dataDir = dataDir;
    this.log = log;
  }

  /**
   * Makes every file present, downloading those that are missing (or all with {@code force}).
   *
   * @return how many files were downloaded
   * @throws PrismUserException when a download fails or a checksum does not match
   */
  public int fetch(String dataName, List<DataFile> files, boolean force) throws IOException {
    Path folder = dataDir.resolve(dataName);
    int fetched = 0;
    for (DataFile file : files) {
      Path target = folder.resolve(file.relativePath());
      if (Files.exists(target) && !force) {
        continue;
      }
      Files.createDirectories(target.getParent());
      Path download = Files.createTempFile(target.getParent(), ".download-", ".part");
      try {
        String sha = get(file.url(), download);
        if (file.sha256() != null && !file.sha256().equals(sha)) {
          throw new PrismUserException(
              "checksum mismatch for "
                  + file.url()
                  + ": expected "
                  + file.sha256()
                  + ", got "
                  + sha,
              "The source changed or the download was corrupted; try again, and report it if it"
                  + " persists");
        }
        if (file.sha256() == null) {
          log.println(
              "prism: warning: " + file.url() + " has no pinned SHA-256; downloaded sha256=" + sha);
        }
        install(download, target, file.archive());
        fetched++;
        log.println("  " + dataName + "/" + file.relativePath());
      } finally {
        Files.deleteIfExists(download);
      }
    }
    return fetched;
  }

  private String get(String url, Path to) throws IOException {
    HttpResponse<InputStream> response;
    try {
      response =
          http.send(
              HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMinutes(30)).GET().build(),
              HttpResponse.BodyHandlers.ofInputStream());
    } catch (IOException e) {
      throw offline(url, e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while downloading " + url, e);
    }
    if (response.statusCode() != 200) {
      response.body().close();
      throw offline(url, "HTTP " + response.statusCode());
    }
    MessageDigest digest = sha256();
    try (InputStream in = new DigestInputStream(response.body(), digest);
        OutputStream out = Files.newOutputStream(to)) {
      in.transferTo(out);
    } catch (IOException e) {
      throw offline(url, e.getMessage());
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  private static PrismUserException offline(String url, String why) {
    return new PrismUserException(
        "cannot download " + url + " (" + why + ")",
        "Check the network, or on an air-gapped machine copy a bundle made elsewhere with"
            + " 'prism download NAME --bundle data.tar' and load it with 'prism download --from"
            + " data.tar'");
  }

  private static void install(Path download, Path target, DataFile.Archive archive)
      throws IOException {
    if (archive == DataFile.Archive.NONE) {
      Files.move(download, target, StandardCopyOption.REPLACE_EXISTING);
      return;
    }
    Path staging = Files.createTempDirectory(target.getParent(), ".unpack-");
    try {
      try (InputStream raw = new BufferedInputStream(Files.newInputStream(download))) {
        switch (archive) {
          case TAR -> Tar.extract(raw, staging);
          case TAR_GZ -> Tar.extract(new GZIPInputStream(raw), staging);
          case ZIP -> unzip(raw, staging);
          default -> throw new IllegalStateException(archive.name());
        }
      }
      Path content = singleTopFolder(staging);
      deleteTree(target);
      Files.move(content, target);
    } finally {
      deleteTree(staging);
    }
  }

  /** HELM's unpack rule: an archive with exactly one top-level folder contributes its contents. */
  private static Path singleTopFolder(Path staging) throws IOException {
    List<Path> children = new ArrayList<>();
    try (DirectoryStream<Path> dir = Files.newDirectoryStream(staging)) {
      dir.forEach(children::add);
    }
    return children.size() == 1 && Files.isDirectory(children.get(0)) ? children.get(0) : staging;
  }

  private static void unzip(InputStream raw, Path dest) throws IOException {
    try (ZipInputStream zip = new ZipInputStream(raw)) {
      ZipEntry e;
      while ((e = zip.getNextEntry()) != null) {
        Path target = dest.resolve(e.getName()).normalize();
        if (!target.startsWith(dest.normalize())) {
          throw new IOException("archive entry escapes the destination: " + e.getName());
        }
        if (e.isDirectory()) {
          Files.createDirectories(target);
        } else {
          Files.createDirectories(target.getParent());
          Files.copy(zip, target, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
  }

  /** Writes the data folders of {@code dataNames} into one tar file for offline machines. */
  public void writeBundle(List<String> dataNames, Path bundle) throws IOException {
    List<Path> roots = new ArrayList<>();
    for (String name : dataNames) {
      Path folder = dataDir.resolve(name);
      if (!Files.isDirectory(folder)) {
        throw new PrismUserException(
            "no data for '" + name + "' in " + dataDir, "Run 'prism download " + name + "' first");
      }
      roots.add(folder);
    }
    Path tmp = Files.createTempFile(bundle.toAbsolutePath().getParent(), ".bundle-", ".part");
    try {
      try (OutputStream out = Files.newOutputStream(tmp)) {
        Tar.write(dataDir, roots, out);
      }
      Files.move(tmp, bundle, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /** Unpacks a bundle made by {@link #writeBundle} into the data folder. */
  public void readBundle(Path bundle) throws IOException {
    if (!Files.isRegularFile(bundle)) {
      throw new PrismUserException("bundle not found: " + bundle, "Check the --from path");
    }
    Files.createDirectories(dataDir);
    try (InputStream in = new BufferedInputStream(Files.newInputStream(bundle))) {
      Tar.extract(in, dataDir);
    }
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is always available", e);
    }
  }

  private static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
