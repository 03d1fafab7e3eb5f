package dev.prism.runner.download;

import dev.prism.scenarios.helm.DataFile;
import dev.prism.scenarios.helm.DataLock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Compares files already on disk (a data folder, or a bundle being loaded) with the data lockfile.
 * Plain files are checked by their SHA-256 and size; an unpacked archive by the tree hash of its
 * files, since the archive itself is not kept.
 */
final class DataCheck {
  private DataCheck() {}

  /** SHA-256 and size of one file. */
  record Digest(String sha256, long size) {}

  /**
   * What a check found.
   *
   * @param problems mismatches (and missing files where those count): the command fails
   * @param warnings files not pinned, or missing where that is allowed
   * @param pinned how many lock entries matched
   */
  record Result(List<String> problems, List<String> warnings, int pinned) {}

  /** Name prefixes of the Downloader's temporary files, which an interrupted run may leave. */
  private static final List<String> LEFTOVERS = List.of(".download-", ".unpack-", ".old-");

  /**
   * Every regular file below {@code folder}, keyed by its path relative to {@code base} (with
   * {@code /}), sorted by key; the temporary files of an interrupted download are left out.
   */
  static SortedMap<String, Digest> digests(Path base, Path folder) throws IOException {
    SortedMap<String, Digest> out = new TreeMap<>();
    List<Path> files;
    try (Stream<Path> walk = Files.walk(folder)) {
      files =
          walk.filter(Files::isRegularFile).filter(f -> !leftover(folder.relativize(f))).toList();
    }
    for (Path f : files) {
      out.put(
          base.relativize(f).toString().replace('\\', '/'),
          new Digest(DataLock.sha256(f), Files.size(f)));
    }
    return out;
  }

  private static boolean leftover(Path relative) {
    for (Path part : relative) {
      String name = part.toString();
      if (LEFTOVERS.stream().anyMatch(name::startsWith)) {
        return true;
      }
    }
    return false;
  }

  /** The tree hash of every file below {@code folder} (see {@link DataLock#treeSha256}). */
  static String treeSha256(Path folder) throws IOException {
    return DataLock.treeSha256(shas(digests(folder, folder)));
  }

  /**
   * Checks the files of one data name against the lock.
   *
   * @param expected the files the scenario lists; empty when unknown (then the lock's entries for
   *     {@code dataName} say what to expect)
   * @param files the files present, keyed {@code <dataName>/<path>} (from {@link #digests})
   * @param missingIsProblem whether an expected file that is absent fails the check
   */
  static Result check(
      DataLock lock,
      String dataName,
      List<DataFile> expected,
      SortedMap<String, Digest> files,
      boolean missingIsProblem) {
    Map<String, Boolean> keys = new LinkedHashMap<>(); // key -> unpacked from an archive
    if (expected.isEmpty()) {
      lock.entries(dataName).forEach(e -> keys.put(e.key(), e.unpacked() != null));
    } else {
      expected.forEach(
          f -> keys.put(DataLock.key(dataName, f), f.archive() != DataFile.Archive.NONE));
    }
    List<String> problems = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    Set<String> covered = new HashSet<>();
    int pinned = 0;
    for (Map.Entry<String, Boolean> k : keys.entrySet()) {
      String key = k.getKey();
      DataLock.Entry entry = lock.entry(key);
      SortedMap<String, Digest> under =
          k.getValue() ? files.subMap(key + "/", key + "0") : present(files, key);
      if (under.isEmpty()) {
        (missingIsProblem ? problems : warnings).add(key + ": missing");
        continue;
      }
      covered.addAll(under.keySet());
      String problem = k.getValue() ? unpacked(key, entry, under) : plain(key, entry, under);
      if (problem == null) {
        pinned++;
      } else if (entry == null || (k.getValue() && entry.unpacked() == null)) {
        warnings.add(problem);
      } else {
        problems.add(problem);
      }
    }
    List<String> stray = files.keySet().stream().filter(f -> !covered.contains(f)).toList();
    if (!stray.isEmpty()) {
      warnings.add(
          String.format(
              Locale.ROOT,
              "not pinned: %d file(s) under %s/ that neither the lock nor the scenario lists"
                  + " (first: %s)",
              stray.size(),
              dataName,
              stray.get(0)));
    }
    return new Result(problems, warnings, pinned);
  }

  private static SortedMap<String, Digest> present(SortedMap<String, Digest> files, String key) {
    SortedMap<String, Digest> one = new TreeMap<>();
    Digest d = files.get(key);
    if (d != null) {
      one.put(key, d);
    }
    return one;
  }

  /** {@code null} when it matches its entry; else the problem or the not-pinned warning. */
  private static String plain(String key, DataLock.Entry entry, SortedMap<String, Digest> one) {
    Digest d = one.get(key);
    if (entry == null) {
      return notPinned(key, d.sha256());
    }
    if (entry.sha256().equals(d.sha256()) && entry.size() == d.size()) {
      return null;
    }
    return mismatch(key, d.sha256(), d.size() + " bytes", entry.sha256(), entry.size() + " bytes");
  }

  private static String unpacked(
      String key, DataLock.Entry entry, SortedMap<String, Digest> under) {
    Map<String, String> rel = new TreeMap<>();
    under.forEach((k, d) -> rel.put(k.substring(key.length() + 1), d.sha256()));
    String tree = DataLock.treeSha256(rel);
    if (entry == null) {
      return notPinned(key + " (" + under.size() + " unpacked files)", tree);
    }
    if (entry.unpacked() == null) {
      return key
          + ": the lock pins the archive but not its unpacked files, so they cannot be"
          + " re-checked; record them with --update-lock";
    }
    if (entry.unpacked().equals(tree)) {
      return null;
    }
    return mismatch(
        key + " (unpacked)", tree, under.size() + " files", entry.unpacked(), "tree hash");
  }

  static String notPinned(String what, String sha256) {
    return "not pinned: " + what + " sha256 " + sha256 + "; record it with --update-lock";
  }

  static String mismatch(
      String what, String actual, String actualDetail, String expected, String expectedDetail) {
    return what
        + ": sha256 "
        + actual
        + " ("
        + actualDetail
        + "), but the lock pins "
        + expected
        + " ("
        + expectedDetail
        + ")";
  }

  static Map<String, String> shas(Map<String, Digest> digests) {
    Map<String, String> out = new TreeMap<>();
    digests.forEach((k, d) -> out.put(k, d.sha256()));
    return out;
  }
}
