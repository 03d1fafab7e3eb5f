package dev.prism.scenarios.helm;

import java.util.Objects;

/**
 * One file (or unpacked archive) a scenario needs, and where to get it.
 *
 * <p>How {@code prism download} places it: the URL is fetched; when {@code sha256} is not {@code
 * null} the downloaded bytes must have that SHA-256 (lower-case hex). With {@link Archive#NONE} the
 * file is stored as {@code <dataDir>/<dataName>/<relativePath>}. Otherwise the archive is unpacked
 * into the folder {@code <dataDir>/<dataName>/<relativePath>}; when the archive holds exactly one
 * top-level folder, that folder's contents go there instead (HELM's {@code
 * ensure_file_downloaded(…, unpack=True)}), e.g. {@code data.tar} with {@code data/dev/…} becomes
 * {@code mmlu/data/dev/…}.
 *
 * @param relativePath where the file or unpacked folder goes, relative to the scenario's data
 *     folder; uses {@code /}, never absolute
 * @param url where HELM downloads it from (pinned to HELM's revision where HELM pins one)
 * @param sha256 expected SHA-256 of the downloaded bytes, lower-case hex, or {@code null} when not
 *     known
 * @param archive how to unpack it
 */
public record DataFile(String relativePath, String url, String sha256, Archive archive) {
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
    if (sha256 != null && !sha256.matches("[0-9a-f]{64}")) {
      throw new IllegalArgumentException("sha256 must be 64 lower-case hex digits: " + sha256);
    }
  }

  /** A plain file, stored as downloaded, with unknown SHA-256. */
  public static DataFile plain(String relativePath, String url) {
    return new DataFile(relativePath, url, null, Archive.NONE);
  }

  /** An archive unpacked into the folder {@code relativePath}, with unknown SHA-256. */
  public static DataFile unpacked(String relativePath, String url, Archive archive) {
    return new DataFile(relativePath, url, null, archive);
  }
}
