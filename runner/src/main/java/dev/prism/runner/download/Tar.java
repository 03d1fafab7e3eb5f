package dev.prism.runner.download;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Minimal POSIX ustar reading and writing: regular files and folders, GNU long names on read.
 * Enough for dataset archives and Prism's offline bundles, without a compression library.
 */
final class Tar {
  private static final int BLOCK = 512;

  private Tar() {}

  /**
   * Extracts every regular file of {@code in} under {@code dest}. Entries that would land outside
   * {@code dest} are refused.
   */
  static void extract(InputStream in, Path dest) throws IOException {
    byte[] header = new byte[BLOCK];
    String longName = null;
    while (true) {
      if (!readFully(in, header)) {
        return;
      }
      if (isZero(header)) {
        return;
      }
      String name = longName != null ? longName : name(header);
      longName = null;
      String sizeField = field(header, 124, 12).trim();
      long size = sizeField.isEmpty() ? 0 : Long.parseLong(sizeField, 8);
      char type = (char) header[156];
      if (type == 'L') {
        longName = new String(readBytes(in, size), StandardCharsets.UTF_8).replace("\0", "");
        skipPadding(in, size);
        continue;
      }
      Path target = dest.resolve(name).normalize();
      if (!target.startsWith(dest.normalize())) {
        throw new IOException("archive entry escapes the destination: " + name);
      }
      if (type == '5') {
        Files.createDirectories(target);
      } else if (type == '0' || type == '\0') {
        Files.createDirectories(target.getParent());
        try (OutputStream out = Files.newOutputStream(target)) {
          copy(in, out, size);
        }
        skipPadding(in, size);
      } else {
        // Links, devices and pax headers carry no dataset content.
        skip(in, size);
        skipPadding(in, size);
      }
    }
  }

  /** Writes every file below {@code root} into {@code out}, with paths relative to {@code base}. */
  static void write(Path base, List<Path> roots, OutputStream out) throws IOException {
    for (Path root : roots) {
      List<Path> files;
      try (Stream<Path> walk = Files.walk(root)) {
        files = walk.filter(Files::isRegularFile).sorted().toList();
      }
      for (Path file : files) {
        writeFile(out, base.relativize(file).toString().replace('\\', '/'), file);
      }
    }
    finish(out);
  }

  /** Writes one regular-file entry named {@code name} holding the bytes of {@code file}. */
  static void writeFile(OutputStream out, String name, Path file) throws IOException {
    long size = Files.size(file);
    out.write(header(name, size));
    try (InputStream in = Files.newInputStream(file)) {
      if (in.transferTo(out) != size) {
        throw new IOException(file + " changed while it was being written to the archive");
      }
    }
    out.write(new byte[padding(size)]);
  }

  /** Writes one regular-file entry named {@code name} holding {@code bytes}. */
  static void writeBytes(OutputStream out, String name, byte[] bytes) throws IOException {
    out.write(header(name, bytes.length));
    out.write(bytes);
    out.write(new byte[padding(bytes.length)]);
  }

  /** Writes the end-of-archive marker. */
  static void finish(OutputStream out) throws IOException {
    out.write(new byte[2 * BLOCK]);
  }

  private static int padding(long size) {
    return (int) ((BLOCK - size % BLOCK) % BLOCK);
  }

  private static byte[] header(String name, long size) throws IOException {
    byte[] h = new byte[BLOCK];
    byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
    String prefix = "";
    String rest = name;
    if (nameBytes.length > 100) {
      int slash = name.lastIndexOf('/', 155);
      if (slash <= 0 || name.substring(slash + 1).getBytes(StandardCharsets.UTF_8).length > 100) {
        throw new IOException("path too long for a tar bundle: " + name);
      }
      prefix = name.substring(0, slash);
      rest = name.substring(slash + 1);
    }
    put(h, 0, rest, 100);
    put(h, 100, "0000644", 8);
    put(h, 108, "0000000", 8);
    put(h, 116, "0000000", 8);
    put(h, 124, String.format(Locale.ROOT, "%011o", size), 12);
    put(h, 136, "00000000000", 12);
    h[156] = '0';
    put(h, 257, "ustar", 6);
    put(h, 263, "00", 2);
    put(h, 345, prefix, 155);
    for (int i = 148; i < 156; i++) {
      h[i] = ' ';
    }
    long sum = 0;
    for (byte b : h) {
      sum += b & 0xff;
    }
    put(h, 148, String.format(Locale.ROOT, "%06o", sum), 7);
    h[154] = 0;
    h[155] = ' ';
    return h;
  }

  private static void put(byte[] h, int offset, String value, int length) {
    byte[] b = value.getBytes(StandardCharsets.UTF_8);
    System.arraycopy(b, 0, h, offset, Math.min(b.length, length));
  }

  private static String name(byte[] header) {
    String name = field(header, 0, 100);
    String magic = field(header, 257, 6);
    String prefix = magic.startsWith("ustar") ? field(header, 345, 155) : "";
    return prefix.isEmpty() ? name : prefix + "/" + name;
  }

  private static String field(byte[] header, int offset, int length) {
    int end = offset;
    while (end < offset + length && header[end] != 0) {
      end++;
    }
    return new String(header, offset, end - offset, StandardCharsets.UTF_8);
  }

  private static boolean isZero(byte[] block) {
    for (byte b : block) {
      if (b != 0) {
        return false;
      }
    }
    return true;
  }

  private static boolean readFully(InputStream in, byte[] buf) throws IOException {
    int n = in.readNBytes(buf, 0, buf.length);
    if (n == 0) {
      return false;
    }
    if (n < buf.length) {
      throw new EOFException("truncated tar archive");
    }
    return true;
  }

  private static byte[] readBytes(InputStream in, long size) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    copy(in, out, size);
    return out.toByteArray();
  }

  private static void copy(InputStream in, OutputStream out, long size) throws IOException {
    byte[] buf = new byte[8192];
    long left = size;
    while (left > 0) {
      int n = in.read(buf, 0, (int) Math.min(buf.length, left));
      if (n < 0) {
        throw new EOFException("truncated tar archive");
      }
      out.write(buf, 0, n);
      left -= n;
    }
  }

  private static void skip(InputStream in, long size) throws IOException {
    copy(in, OutputStream.nullOutputStream(), size);
  }

  private static void skipPadding(InputStream in, long size) throws IOException {
    skip(in, padding(size));
  }
}
