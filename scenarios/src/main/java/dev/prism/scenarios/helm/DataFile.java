package dev.prism.scenarios.helm;

import java.util.Objects;

/**
 * One file (or unpacked archive) a scenario needs, and where to get it.
 *
 * <p>How {@code prism download} places it: the URL is fetched; when the {@link DataLock lockfile}
 * pins {@code <dataName>/<relativePath>} the downloaded bytes must have its SHA-256 and size (the
 * expected checksums live only there, not in code). With {@link Archive#NONE} the file is stored as
 * {@code <dataDir>/<dataName>/<relativePath>}. Otherwise the archive is unpacked into the folder
 * {@code <dataDir>/<dataName>/<relativePath>}; when the archive holds exactly one top-level folder,
 * that folder's contents go there instead (HELM's {@code ensure_file_downloaded(…, unpack=True)}),
 * e.g. {@code data.tar} with {@code data/dev/…} becomes {@code mmlu/data/dev/…}.
 *
 * @param relativePath where the file or unpacked folder goes, relative to the scenario's data
 *     folder; uses {@code /}, never absolute
 * @param url where HELM downloads it from (pinned to HELM's revision where HELM pins one)
 * @param archive how to unpack it
 */
public record DataFile(String relativePath, String url, Archive archive) {
  /** How a downloaded file is unpacked. */
  public enum Archive {
    /** Stored as downloaded. */
    NONE,
    /** A {@code .tar} archive. */
    TAR,
    /** A gzip-compressed {@code .tar.gz}. */
    TAR_GZ,
    /** A {@code .zip} archive. */
    ZIP
  }

  public DataFile {
    Objects.requireNonNull(relativePath, "relativePath");
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(archive, "archive");
    if (relativePath.isBlank() || relativePath.startsWith("/") || relativePath.contains("..")) {
      throw new IllegalArgumentException("bad relative path '" + relativePath + "'");
    }
    if (relativePath.chars().anyMatch(Character::isWhitespace)) {
      // It is part of a lockfile key, and lockfile fields are separated by spaces.
      throw new IllegalArgumentException("relative path with whitespace '" + relativePath + "'");
    }
  }

  /** A plain file, stored as downloaded. */
  public static DataFile plain(String relativePath, String url) {
    return new DataFile(relativePath, url, Archive.NONE);
  }

  /** An archive unpacked into the folder {@code relativePath}. */
  public static DataFile unpacked(String relativePath, String url, Archive archive) {
    return new DataFile(relativePath, url, archive);
  }
}
