package dev.prism.runner.download;

import dev.prism.core.PrismUserException;
import dev.prism.scenarios.helm.DataFile;
import dev.prism.scenarios.helm.DataLock;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Fetches scenario data files into {@code <dataDir>/<dataName>/} and checks them against the data
 * lockfile ({@link DataLock}): downloads to a temporary file, compares its SHA-256 and size with
 * the pinned ones, unpacks archives into a temporary folder (checking the unpacked files' tree
 * hash) and only then moves the result into place, so a mismatch or an interrupted download leaves
 * nothing half-written. Also re-checks data already on disk ({@link #verify}) and writes and reads
 * offline bundles with a SHA-256 manifest. Not thread-safe; one per command.
 */
public final class Downloader {
  /** The bundle's manifest: {@code sha256sum} lines for every other file in the tar. */
  public static final String MANIFEST = "prism-bundle.sha256";

  private final HttpClient http;
  private final Path dataDir;
  private final PrintWriter out;
  private final PrintWriter err;
  private final boolean updateLock;
  private DataLock lock;

  /**
   * @param lock the lockfile to check against (and, with {@code updateLock}, to update)
   * @param updateLock maintainer mode: every file is downloaded and its lock entry recorded or
   *     replaced instead of checked
   * @param out where progress goes
   * @param err where warnings ("not pinned: …") and problems go
   */
  public Downloader(
      Path dataDir, DataLock lock, boolean updateLock, PrintWriter out, PrintWriter err) {
    this.http =
        HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NORMAL)
            .connectTimeout(Duration.ofSeconds(30))
            .build();
    this.dataDir = dataDir;
    this.lock = lock;
    this.updateLock = updateLock;
    this.out = out;
    this.err = err;
  }

  /** The lock as checked, including the entries recorded so far with {@code updateLock}. */
  public DataLock lock() {
    return lock;
  }

  /**
   * Makes every file present, downloading those that are missing (or all with {@code force} or in
   * update mode). In update mode, entries of {@code dataName} for files no longer listed are
   * dropped.
   *
   * @return how many files were downloaded
   * @throws PrismUserException when a download fails or does not match its lock entry
   */
  public int fetch(String dataName, List<DataFile> files, boolean force) throws IOException {
    Path folder = dataDir.resolve(dataName);
    int fetched = 0;
    for (DataFile file : files) {
      Path target = folder.resolve(file.relativePath());
      if (Files.exists(target) && !force && !updateLock) {
        continue;
      }
      fetchOne(DataLock.key(dataName, file), file, target);
      fetched++;
      out.println("  " + dataName + "/" + file.relativePath());
    }
    if (updateLock) {
      Set<String> listed = new HashSet<>();
      files.forEach(f -> listed.add(DataLock.key(dataName, f)));
      for (DataLock.Entry stale : lock.entries(dataName)) {
        if (!listed.contains(stale.key())) {
          lock = lock.without(stale.key());
          out.println("  unpinned " + stale.key() + " (no scenario lists it any more)");
        }
      }
    }
    return fetched;
  }

  private void fetchOne(String key, DataFile file, Path target) throws IOException {
    Files.createDirectories(target.getParent());
    Path download = Files.createTempFile(target.getParent(), ".download-", ".part");
    try {
      DataCheck.Digest got = get(file.url(), download);
      DataLock.Entry pinned = updateLock ? null : lock.entry(key);
      if (pinned != null
          && !(pinned.sha256().equals(got.sha256()) && pinned.size() == got.size())) {
        throw mismatch(
            key,
            file.url(),
            DataCheck.mismatch(
                "the download of " + key,
                got.sha256(),
                got.size() + " bytes",
                pinned.sha256(),
                pinned.size() + " bytes"));
      }
      String tree = install(download, target, file, key, pinned);
      if (updateLock) {
        record(new DataLock.Entry(key, got.sha256(), got.size(), file.url(), tree));
      } else if (pinned == null) {
        err.println(
            "prism: warning: "
                + DataCheck.notPinned(key, got.sha256())
                + " ("
                + got.size()
                + " bytes from "
                + file.url()
                + ")");
      }
    } finally {
      Files.deleteIfExists(download);
    }
  }

  private void record(DataLock.Entry entry) {
    DataLock.Entry old = lock.entry(entry.key());
    lock = lock.with(entry);
    String what;
    if (old == null) {
      what = "new";
    } else if (old.equals(entry)) {
      what = "unchanged";
    } else if (old.sha256().equals(entry.sha256())) {
      what = "same bytes, entry updated";
    } else {
      what = "CHANGED, was " + old.sha256();
    }
    out.println("  pinned " + entry.key() + " sha256 " + entry.sha256() + " (" + what + ")");
  }

  private static PrismUserException mismatch(String key, String url, String what) {
    return new PrismUserException(
        what + "; the file was not kept",
        "The source ("
            + url
            + ") changed or the download was corrupted: try again; if the source changed on"
            + " purpose, a maintainer re-pins it with 'prism download "
            + key.substring(0, key.indexOf('/'))
            + " --update-lock' and commits the lockfile");
  }

  private DataCheck.Digest get(String url, Path to) throws IOException {
    HttpResponse<InputStream> response;
    try {
      response =
          http.send(
              HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofMinutes(30)).GET().build(),
              HttpResponse.BodyHandlers.ofInputStream());
    } catch (IOException e) {
      throw offline(url, e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while downloading " + url, e);
    }
    if (response.statusCode() != 200) {
      response.body().close();
      throw offline(url, "HTTP " + response.statusCode());
    }
    MessageDigest digest = DataLock.newDigest();
    long size;
    try (InputStream in = new DigestInputStream(response.body(), digest);
        OutputStream file = Files.newOutputStream(to)) {
      size = in.transferTo(file);
    } catch (IOException e) {
      throw offline(url, e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName());
    }
    return new DataCheck.Digest(HexFormat.of().formatHex(digest.digest()), size);
  }

  private static PrismUserException offline(String url, String why) {
    return new PrismUserException(
        "cannot download " + url + " (" + why + ")",
        "Check the network, or on an air-gapped machine copy a bundle made elsewhere with"
            + " 'prism download NAME --bundle data.tar' and load it with 'prism download --from"
            + " data.tar'");
  }

  /**
   * Moves the download into place, unpacking an archive first.
   *
   * @return for an archive, the tree hash of its unpacked files; else {@code null}
   */
  private String install(
      Path download, Path target, DataFile file, String key, DataLock.Entry pinned)
      throws IOException {
    if (file.archive() == DataFile.Archive.NONE) {
      Files.move(download, target, StandardCopyOption.REPLACE_EXISTING);
      return null;
    }
    Path staging = Files.createTempDirectory(target.getParent(), ".unpack-");
    try {
      try (InputStream raw = new BufferedInputStream(Files.newInputStream(download))) {
        switch (file.archive()) {
          case TAR -> Tar.extract(raw, staging);
          case TAR_GZ -> Tar.extract(new GZIPInputStream(raw), staging);
          case ZIP -> unzip(raw, staging);
          default -> throw new IllegalStateException(file.archive().name());
        }
      }
      Path content = singleTopFolder(staging);
      String tree = DataCheck.treeSha256(content);
      if (pinned != null && pinned.unpacked() != null && !pinned.unpacked().equals(tree)) {
        // The archive matched, so Prism unpacked it differently from when it was pinned.
        throw mismatch(
            key,
            file.url(),
            DataCheck.mismatch(
                "the unpacked files of " + key, tree, "tree hash", pinned.unpacked(), "tree hash"));
      }
      replace(content, target);
      return tree;
    } finally {
      deleteTree(staging);
    }
  }

  /** Puts {@code source} at {@code target}, removing what was there only once the move worked. */
  private static void replace(Path source, Path target) throws IOException {
    if (!Files.exists(target)) {
      Files.move(source, target);
      return;
    }
    Path old = target.resolveSibling(".old-" + target.getFileName() + "-" + System.nanoTime());
    Files.move(target, old);
    try {
      Files.move(source, target);
    } catch (IOException e) {
      Files.move(old, target);
      throw e;
    }
    deleteTree(old);
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

  /**
   * Re-hashes the data already in the data folder and compares it with the lock; no network. Prints
   * one line per data name, and every problem.
   *
   * @param wanted data name → the files its scenarios list
   * @param skipAbsent whether a data name with no folder is skipped (for {@code all}) rather than
   *     reported
   * @throws PrismUserException when a file is missing or does not match the lock
   */
  public void verify(Map<String, List<DataFile>> wanted, boolean skipAbsent) throws IOException {
    List<String> problems = new ArrayList<>();
    Set<String> failing = new LinkedHashSet<>();
    for (Map.Entry<String, List<DataFile>> w : wanted.entrySet()) {
      String name = w.getKey();
      int before = problems.size();
      if (!Files.isDirectory(dataDir.resolve(name))) {
        if (skipAbsent) {
          out.println("  " + name + ": not downloaded");
        } else {
          problems.add(name + ": not downloaded");
          failing.add(name);
        }
        continue;
      }
      DataCheck.Result r =
          DataCheck.check(
              lock, name, w.getValue(), DataCheck.digests(dataDir, dataDir.resolve(name)), true);
      report(r, problems);
      if (problems.size() > before) {
        failing.add(name);
      }
      out.printf(
          Locale.ROOT,
          "  %s: %d of %d file(s) match the lock%s%n",
          name,
          r.pinned(),
          w.getValue().size(),
          r.problems().isEmpty() ? "" : ", " + r.problems().size() + " problem(s)");
    }
    fail(
        problems,
        "data in " + dataDir + " does not match the lock",
        "Download it again: prism download " + String.join(" ", failing) + " --force");
  }

  /**
   * Writes the data folders of {@code wanted} into one tar file for offline machines, with a {@link
   * #MANIFEST} of every file's SHA-256 first. The data is checked against the lock before anything
   * is written.
   *
   * @throws PrismUserException when a data folder is absent or does not match the lock
   */
  public void writeBundle(Map<String, List<DataFile>> wanted, Path bundle) throws IOException {
    SortedMap<String, DataCheck.Digest> all = new TreeMap<>();
    List<String> problems = new ArrayList<>();
    Set<String> failing = new LinkedHashSet<>();
    for (Map.Entry<String, List<DataFile>> w : wanted.entrySet()) {
      String name = w.getKey();
      Path folder = dataDir.resolve(name);
      if (!Files.isDirectory(folder)) {
        throw new PrismUserException(
            "no data for '" + name + "' in " + dataDir, "Run 'prism download " + name + "' first");
      }
      SortedMap<String, DataCheck.Digest> files = DataCheck.digests(dataDir, folder);
      int before = problems.size();
      report(DataCheck.check(lock, name, w.getValue(), files, true), problems);
      if (problems.size() > before) {
        failing.add(name);
      }
      all.putAll(files);
    }
    fail(
        problems,
        "the data to bundle does not match the lock; no bundle was written",
        "Download it again: prism download " + String.join(" ", failing) + " --force");
    StringBuilder manifest = new StringBuilder();
    all.forEach((path, d) -> manifest.append(d.sha256()).append("  ").append(path).append('\n'));
    Path tmp = Files.createTempFile(bundle.toAbsolutePath().getParent(), ".bundle-", ".part");
    try {
      try (OutputStream tar = new BufferedOutputStream(Files.newOutputStream(tmp))) {
        Tar.writeBytes(tar, MANIFEST, manifest.toString().getBytes(StandardCharsets.UTF_8));
        for (String path : all.keySet()) {
          Tar.writeFile(tar, path, dataDir.resolve(path));
        }
        Tar.finish(tar);
      }
      Files.move(tmp, bundle, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /**
   * Loads a bundle made by {@link #writeBundle} into the data folder. Every file is checked against
   * the bundle's manifest and the lock in a staging folder first; only when all match do the
   * bundle's data folders replace those in the data folder.
   *
   * @param known data name → the files its scenarios list (for data names not in it, the lock's
   *     entries say what to expect)
   * @param only data names to take from the bundle; empty for all
   * @return the data names loaded
   * @throws PrismUserException when the bundle is unreadable, lacks its manifest, or a file does
   *     not match the manifest or the lock (nothing is written then)
   */
  public List<String> readBundle(Path bundle, Map<String, List<DataFile>> known, Set<String> only)
      throws IOException {
    if (!Files.isRegularFile(bundle)) {
      throw new PrismUserException("bundle not found: " + bundle, "Check the --from path");
    }
    Files.createDirectories(dataDir);
    Path staging = Files.createTempDirectory(dataDir, ".bundle-");
    try {
      try (InputStream in = new BufferedInputStream(Files.newInputStream(bundle))) {
        Tar.extract(in, staging);
      } catch (IOException e) {
        throw new PrismUserException(
            "cannot read bundle " + bundle + " (" + e.getMessage() + ")",
            "Copy it again, or make a new one with 'prism download NAME --bundle FILE'");
      }
      Map<String, String> manifest = readManifest(bundle, staging);
      List<String> problems = new ArrayList<>();
      List<String> names = new ArrayList<>();
      try (DirectoryStream<Path> top = Files.newDirectoryStream(staging)) {
        for (Path p : top) {
          String name = p.getFileName().toString();
          if (Files.isDirectory(p)) {
            names.add(name);
          } else if (!name.equals(MANIFEST)) {
            problems.add(name + ": not inside a data folder");
          }
        }
      }
      names.sort(null);
      for (String name : only) {
        if (!names.contains(name)) {
          throw new PrismUserException(
              "bundle " + bundle + " holds no data for '" + name + "' (it holds " + names + ")",
              "Leave the name out, or make the bundle with it");
        }
      }
      if (!only.isEmpty()) {
        names.retainAll(only);
      }
      SortedMap<String, DataCheck.Digest> all = new TreeMap<>();
      for (String name : names) {
        SortedMap<String, DataCheck.Digest> files =
            DataCheck.digests(staging, staging.resolve(name));
        report(
            DataCheck.check(lock, name, known.getOrDefault(name, List.of()), files, false),
            problems);
        all.putAll(files);
      }
      compareWithManifest(all, manifest, names, problems);
      fail(
          problems,
          "bundle " + bundle + " does not match its manifest or the lock; nothing was written",
          "Copy the bundle again, or make a new one with 'prism download NAME --bundle FILE'");
      for (String name : names) {
        replace(staging.resolve(name), dataDir.resolve(name));
      }
      return names;
    } finally {
      deleteTree(staging);
    }
  }

  private static void compareWithManifest(
      Map<String, DataCheck.Digest> files,
      Map<String, String> manifest,
      List<String> names,
      List<String> problems) {
    files.forEach(
        (path, d) -> {
          String listed = manifest.get(path);
          if (listed == null) {
            problems.add(path + ": not in the bundle's manifest");
          } else if (!listed.equals(d.sha256())) {
            problems.add(
                path + ": sha256 " + d.sha256() + ", but the bundle's manifest says " + listed);
          }
        });
    manifest.keySet().stream()
        .filter(path -> names.contains(path.substring(0, Math.max(0, path.indexOf('/')))))
        .filter(path -> !files.containsKey(path))
        .sorted()
        .forEach(path -> problems.add(path + ": in the bundle's manifest but not in the bundle"));
  }

  private static Map<String, String> readManifest(Path bundle, Path staging) throws IOException {
    Path file = staging.resolve(MANIFEST);
    if (!Files.isRegularFile(file)) {
      throw new PrismUserException(
          "bundle " + bundle + " has no " + MANIFEST + " (made by an older Prism?)",
          "Make it again with 'prism download NAME --bundle FILE'");
    }
    Map<String, String> manifest = new HashMap<>();
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.length() < 67 || line.indexOf("  ") != 64) {
        throw new PrismUserException(
            bundle + ": " + MANIFEST + ":" + (i + 1) + ": expected '<sha256>  <path>'",
            "Make the bundle again with 'prism download NAME --bundle FILE'");
      }
      manifest.put(line.substring(66), line.substring(0, 64));
    }
    return manifest;
  }

  private void report(DataCheck.Result r, List<String> problems) {
    r.warnings().forEach(w -> err.println("prism: warning: " + w));
    problems.addAll(r.problems());
  }

  /** Throws when there are problems: the only one itself, or all of them listed and a summary. */
  private void fail(List<String> problems, String what, String hint) {
    if (problems.isEmpty()) {
      return;
    }
    if (problems.size() == 1) {
      throw new PrismUserException(problems.get(0) + "; " + what, hint);
    }
    problems.forEach(p -> err.println("prism: problem: " + p));
    throw new PrismUserException(problems.size() + " problems (listed above): " + what, hint);
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
