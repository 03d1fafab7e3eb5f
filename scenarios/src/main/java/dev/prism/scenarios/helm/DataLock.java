package dev.prism.scenarios.helm;

import dev.prism.core.PrismUserException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The data lockfile: the expected SHA-256 and size of every pinned file {@code prism download}
 * fetches, kept in the repository at {@link #REPO_PATH} and shipped in the jar at {@link
 * #RESOURCE}. It is the one source of truth for data checksums; maintainers write it with {@code
 * prism download NAME… --update-lock}.
 *
 * <p>Format: {@code #} comments and blank lines are ignored; every other line is {@code
 * <dataName>/<relativePath> <sha256> <size> <url>}, plus {@code unpacked=<sha256>} for an archive
 * (the {@link #treeSha256 tree hash} of what it unpacks to, so unpacked data can be re-checked
 * without the archive). Lines are sorted by key. Immutable and thread-safe.
 *
 * <pre>{@code
 * DataLock.Entry e = DataLock.bundled().entry(DataLock.key("mmlu", file));
 * if (e == null) { … not pinned … } else if (!e.sha256().equals(actual)) { … mismatch … }
 * }</pre>
 */
public final class DataLock {
  /** Where the lockfile lives in a Prism checkout, relative to the repository root. */
  public static final String REPO_PATH = "scenarios/src/main/resources/dev/prism/data.lock";

  /** The classpath resource holding the lockfile in Prism's jar. */
  public static final String RESOURCE = "/dev/prism/data.lock";

  private static final String HEADER =
      String.join(
          "\n",
          "# Prism data lockfile: SHA-256 and size of each pinned file that 'prism download'"
              + " fetches.",
          "# Line format: <dataName>/<relativePath> <sha256> <size> <url> [unpacked=<sha256>]",
          "#   sha256 and size are those of the downloaded bytes. For an archive, unpacked= is the",
          "#   SHA-256 of the sorted sha256sum-style lines '<sha256>  <path>' of its unpacked"
              + " files.",
          "# Written by 'prism download NAME... --update-lock' (run by a maintainer with network):",
          "# it downloads each file, records what it got, and keeps the lines sorted. Review the"
              + " diff",
          "# before committing. A file without a line here is downloaded with a 'not pinned'"
              + " warning.",
          "");

  private static volatile DataLock bundled;

  private final SortedMap<String, Entry> entries;

  /**
   * One pinned file.
   *
   * @param key {@code <dataName>/<relativePath>}
   * @param sha256 SHA-256 of the downloaded bytes, lower-case hex
   * @param size their length in bytes
   * @param url where they were downloaded from when pinned
   * @param unpacked for an archive, the {@link #treeSha256} of its unpacked files; else {@code
   *     null}
   */
  public record Entry(String key, String sha256, long size, String url, String unpacked) {
    public Entry {
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(url, "url");
      if (!key.contains("/") || key.contains(" ") || key.startsWith("/")) {
        throw new IllegalArgumentException("bad key '" + key + "'");
      }
      if (!isSha256(sha256) || (unpacked != null && !isSha256(unpacked))) {
        throw new IllegalArgumentException("SHA-256 must be 64 lower-case hex digits");
      }
      if (size < 0) {
        throw new IllegalArgumentException("negative size");
      }
      if (url.isEmpty() || url.chars().anyMatch(Character::isWhitespace)) {
        throw new IllegalArgumentException("bad URL '" + url + "'");
      }
    }

    /** The data name, i.e. the key up to its first {@code /}. */
    public String dataName() {
      return key.substring(0, key.indexOf('/'));
    }

    String line() {
      return key
          + " "
          + sha256
          + " "
          + size
          + " "
          + url
          + (unpacked == null ? "" : " unpacked=" + unpacked);
    }
  }

  private DataLock(SortedMap<String, Entry> entries) {
    this.entries = Collections.unmodifiableSortedMap(new TreeMap<>(entries));
  }

  /** A lock with no entries. */
  public static DataLock empty() {
    return new DataLock(new TreeMap<>());
  }

  /** The lockfile shipped in Prism's jar (read once). */
  public static DataLock bundled() {
    DataLock lock = bundled;
    if (lock == null) {
      try (InputStream in = DataLock.class.getResourceAsStream(RESOURCE)) {
        if (in == null) {
          throw new IllegalStateException("resource " + RESOURCE + " is missing from the jar");
        }
        lock = parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), RESOURCE);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      bundled = lock;
    }
    return lock;
  }

  /**
   * Reads a lockfile.
   *
   * @throws PrismUserException when it cannot be read or a line is malformed (file:line)
   */
  public static DataLock read(Path file) {
    try {
      return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
    } catch (IOException e) {
      throw new PrismUserException(
          "cannot read lockfile " + file + " (" + e.getMessage() + ")", "Check the path");
    }
  }

  /**
   * Parses lockfile text.
   *
   * @param source the file name used in error messages
   * @throws PrismUserException for a malformed or repeated line, naming {@code source:line}
   */
  public static DataLock parse(String text, String source) {
    SortedMap<String, Entry> entries = new TreeMap<>();
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      Entry e = parseLine(line, source, i + 1);
      if (entries.put(e.key(), e) != null) {
        throw bad(source, i + 1, "'" + e.key() + "' is listed twice");
      }
    }
    return new DataLock(entries);
  }

  private static Entry parseLine(String line, String source, int number) {
    String[] f = line.split("\\s+");
    if (f.length != 4 && !(f.length == 5 && f[4].startsWith("unpacked="))) {
      throw bad(
          source,
          number,
          "expected '<dataName>/<path> <sha256> <size> <url> [unpacked=<sha256>]', got '"
              + line
              + "'");
    }
    try {
      return new Entry(
          f[0],
          f[1],
          Long.parseLong(f[2]),
          f[3],
          f.length == 5 ? f[4].substring("unpacked=".length()) : null);
    } catch (IllegalArgumentException e) {
      throw bad(source, number, e.getMessage());
    }
  }

  private static PrismUserException bad(String source, int line, String what) {
    return new PrismUserException(
        "lockfile " + source + ":" + line + ": " + what,
        "Fix the line, or write it again with prism download NAME --update-lock");
  }

  /** {@code <dataName>/<relativePath>}, the key of {@code file}'s entry. */
  public static String key(String dataName, DataFile file) {
    return dataName + "/" + file.relativePath();
  }

  /** The entry for {@code key}, or {@code null} when that file is not pinned. */
  public Entry entry(String key) {
    return entries.get(key);
  }

  /** Every entry, sorted by key. */
  public List<Entry> entries() {
    return List.copyOf(entries.values());
  }

  /** The entries whose data name is {@code dataName}, sorted by key. */
  public List<Entry> entries(String dataName) {
    return entries.subMap(dataName + "/", dataName + "0").values().stream().toList();
  }

  /** This lock with {@code entry} added or replacing the entry of the same key. */
  public DataLock with(Entry entry) {
    SortedMap<String, Entry> copy = new TreeMap<>(entries);
    copy.put(entry.key(), entry);
    return new DataLock(copy);
  }

  /** This lock without the entry of {@code key}. */
  public DataLock without(String key) {
    SortedMap<String, Entry> copy = new TreeMap<>(entries);
    copy.remove(key);
    return new DataLock(copy);
  }

  /** The lockfile text: the header comment, then one line per entry in key order. */
  public String format() {
    StringBuilder sb = new StringBuilder(HEADER);
    for (Entry e : entries.values()) {
      sb.append(e.line()).append('\n');
    }
    return sb.toString();
  }

  /**
   * Writes {@link #format()} to {@code file} through a temporary file, so that the file is always
   * either the old or the new lock.
   */
  public void write(Path file) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    Files.createDirectories(parent);
    Path tmp = Files.createTempFile(parent, ".data-lock-", ".part");
    try {
      Files.writeString(tmp, format(), StandardCharsets.UTF_8);
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /**
   * Finds the lockfile of the Prism checkout containing {@code start}: {@link #REPO_PATH} below
   * {@code start} or one of its parents.
   *
   * @return the lockfile, or {@code null} when {@code start} is not inside a checkout
   */
  public static Path findInCheckout(Path start) {
    for (Path dir = start.toAbsolutePath().normalize(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve(REPO_PATH);
      if (Files.isRegularFile(candidate)) {
        return candidate;
      }
    }
    return null;
  }

  /** SHA-256 of a file's bytes, lower-case hex. */
  public static String sha256(Path file) throws IOException {
    MessageDigest md = newDigest();
    try (InputStream in = new DigestInputStream(Files.newInputStream(file), md)) {
      in.transferTo(OutputStream.nullOutputStream());
    }
    return HexFormat.of().formatHex(md.digest());
  }

  /**
   * The tree hash of a set of files: SHA-256 of their {@code sha256sum}-style lines {@code
   * "<sha256> <path>\n"} (UTF-8), sorted by path, where paths are relative and use {@code /}. For
   * ASCII names it equals {@code find . -type f | sed 's|^./||' | LC_ALL=C sort | xargs sha256sum |
   * sha256sum} run in the folder.
   *
   * @param fileHashes path → SHA-256 of that file
   */
  public static String treeSha256(Map<String, String> fileHashes) {
    MessageDigest md = newDigest();
    new TreeMap<>(fileHashes)
        .forEach(
            (path, sha) -> md.update((sha + "  " + path + "\n").getBytes(StandardCharsets.UTF_8)));
    return HexFormat.of().formatHex(md.digest());
  }

  /** A fresh SHA-256 digest. */
  public static MessageDigest newDigest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform provides SHA-256", e);
    }
  }

  private static boolean isSha256(String s) {
    return s != null && s.length() == 64 && s.chars().allMatch(c -> isHexDigit((char) c));
  }

  private static boolean isHexDigit(char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
  }
}
