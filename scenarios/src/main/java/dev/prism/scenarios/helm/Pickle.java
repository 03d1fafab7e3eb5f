package dev.prism.scenarios.helm;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A minimal reader of Python pickles (protocols 0–5) that hold only built-in values: {@code None},
 * {@code bool}, {@code int}, {@code float}, {@code str}, {@code bytes}, {@code list}, {@code
 * tuple}, {@code dict}, {@code set}, {@code frozenset}. It never runs code: a pickle of any other
 * object (a class named with {@code GLOBAL}, built with {@code REDUCE}/{@code NEWOBJ}) is refused
 * with an exception naming the class.
 *
 * <p>Values become {@code null}, {@link Boolean}, {@link Long} (or {@link BigInteger} beyond 64
 * bits), {@link Double}, {@link String}, {@code byte[]}, {@link List} ({@code list}: mutable,
 * {@code tuple}: unmodifiable), {@link Map} (insertion-ordered) and {@link Set}. Python 2 {@code
 * str} values are decoded as ASCII, as {@code pickle.load} does by default. Not thread-safe; one
 * reader per stream.
 */
final class Pickle {
  /** A pickle that is malformed or holds values this reader does not support. */
  static final class PickleException extends IOException {
    private static final long serialVersionUID = 1L;

    PickleException(String message) {
      super(message);
    }
  }

  private static final Object MARK = new Object();

  private final DataInputStream in;
  private final List<Object> stack = new ArrayList<>();
  private final List<Integer> marks = new ArrayList<>();
  private final Map<Long, Object> memo = new HashMap<>();

  private Pickle(InputStream in) {
    this.in = new DataInputStream(in);
  }

  /** Reads one pickled value from {@code in}. */
  static Object load(InputStream in) throws IOException {
    return new Pickle(in).run();
  }

  private Object run() throws IOException {
    while (true) {
      int op = in.read();
      if (op < 0) {
        throw new EOFException("pickle data ended before STOP");
      }
      switch (op) {
        case 0x80 -> in.readUnsignedByte(); // PROTO
        case 0x95 -> in.readLong(); // FRAME: its length only helps buffering
        case '.' -> { // STOP
          return pop();
        }
        case 'N' -> push(null);
        case 0x88 -> push(Boolean.TRUE);
        case 0x89 -> push(Boolean.FALSE);
        case 'J' -> push((long) Integer.reverseBytes(in.readInt()));
        case 'K' -> push((long) in.readUnsignedByte());
        case 'M' -> push((long) Short.toUnsignedInt(Short.reverseBytes(in.readShort())));
        case 0x8a -> push(longFromBytes(bytes(in.readUnsignedByte())));
        case 0x8b -> push(longFromBytes(bytes(size(Integer.reverseBytes(in.readInt())))));
        case 'I' -> push(textInt(line()));
        case 'L' -> push(textLong(line()));
        case 'G' -> push(in.readDouble());
        case 'F' -> push(Double.parseDouble(line()));
        case 'X' -> push(utf8(bytes(size(Integer.reverseBytes(in.readInt())))));
        case 0x8c -> push(utf8(bytes(in.readUnsignedByte())));
        case 0x8d -> push(utf8(bytes(size(Long.reverseBytes(in.readLong())))));
        case 'V' -> push(rawUnicodeEscape(line()));
        case 'T' -> push(ascii(bytes(size(Integer.reverseBytes(in.readInt())))));
        case 'U' -> push(ascii(bytes(in.readUnsignedByte())));
        case 'B' -> push(bytes(size(Integer.reverseBytes(in.readInt()))));
        case 'C' -> push(bytes(in.readUnsignedByte()));
        case 0x8e, 0x96 -> push(bytes(size(Long.reverseBytes(in.readLong()))));
        case ']' -> push(new ArrayList<>());
        case '}' -> push(new LinkedHashMap<>());
        case ')' -> push(List.of());
        case 0x8f -> push(new LinkedHashSet<>());
        case '(' -> {
          marks.add(stack.size());
          push(MARK);
        }
        case 'a' -> {
          Object value = pop();
          list(peek()).add(value);
        }
        case 'e' -> {
          List<Object> items = popMark();
          list(peek()).addAll(items);
        }
        case 's' -> {
          Object value = pop();
          Object key = pop();
          dict(peek()).put(key, value);
        }
        case 'u' -> {
          List<Object> items = popMark();
          Map<Object, Object> dict = dict(peek());
          for (int i = 0; i + 1 < items.size(); i += 2) {
            dict.put(items.get(i), items.get(i + 1));
          }
        }
        case 0x90 -> { // ADDITEMS
          List<Object> items = popMark();
          set(peek()).addAll(items);
        }
        case 't' -> push(Collections.unmodifiableList(popMark()));
        case 0x85 -> push(Collections.unmodifiableList(popN(1)));
        case 0x86 -> push(Collections.unmodifiableList(popN(2)));
        case 0x87 -> push(Collections.unmodifiableList(popN(3)));
        case 'l' -> push(popMark());
        case 'd' -> {
          List<Object> items = popMark();
          Map<Object, Object> dict = new LinkedHashMap<>();
          for (int i = 0; i + 1 < items.size(); i += 2) {
            dict.put(items.get(i), items.get(i + 1));
          }
          push(dict);
        }
        case 0x91 -> push(Collections.unmodifiableSet(new LinkedHashSet<>(popMark())));
        case '0' -> pop();
        case '1' -> popMark();
        case '2' -> push(peek());
        case 'p' -> memo.put(Long.parseLong(line()), peek());
        case 'q' -> memo.put((long) in.readUnsignedByte(), peek());
        case 'r' -> memo.put(Integer.toUnsignedLong(Integer.reverseBytes(in.readInt())), peek());
        case 0x94 -> memo.put((long) memo.size(), peek()); // MEMOIZE
        case 'g' -> push(recall(Long.parseLong(line())));
        case 'h' -> push(recall(in.readUnsignedByte()));
        case 'j' -> push(recall(Integer.toUnsignedLong(Integer.reverseBytes(in.readInt()))));
        case 'c' -> throw unsupported(line() + "." + line());
        case 0x93 -> { // STACK_GLOBAL
          Object name = pop();
          throw unsupported(pop() + "." + name);
        }
        default ->
            throw new PickleException(
                String.format(
                    java.util.Locale.ROOT,
                    "unsupported pickle opcode 0x%02x (only built-in values can be read)",
                    op));
      }
    }
  }

  private static PickleException unsupported(String className) {
    return new PickleException(
        "the pickle holds a Python object of class "
            + className
            + "; only built-in values (dict, list, str, …) can be read");
  }

  private void push(Object value) {
    stack.add(value);
  }

  private Object pop() throws PickleException {
    if (stack.isEmpty() || stack.get(stack.size() - 1) == MARK) {
      throw new PickleException("pickle stack underflow");
    }
    return stack.remove(stack.size() - 1);
  }

  private Object peek() throws PickleException {
    if (stack.isEmpty() || stack.get(stack.size() - 1) == MARK) {
      throw new PickleException("pickle stack underflow");
    }
    return stack.get(stack.size() - 1);
  }

  private List<Object> popN(int n) throws PickleException {
    if (stack.size() < n) {
      throw new PickleException("pickle stack underflow");
    }
    List<Object> items = new ArrayList<>(stack.subList(stack.size() - n, stack.size()));
    stack.subList(stack.size() - n, stack.size()).clear();
    return items;
  }

  /** The items above the last MARK, which is removed with them. */
  private List<Object> popMark() throws PickleException {
    if (marks.isEmpty()) {
      throw new PickleException("pickle has no MARK to pop to");
    }
    int at = marks.remove(marks.size() - 1);
    List<Object> items = new ArrayList<>(stack.subList(at + 1, stack.size()));
    stack.subList(at, stack.size()).clear();
    return items;
  }

  private Object recall(long key) throws PickleException {
    if (!memo.containsKey(key)) {
      throw new PickleException("pickle refers to memo entry " + key + ", which is missing");
    }
    return memo.get(key);
  }

  @SuppressWarnings("unchecked")
  private static List<Object> list(Object o) throws PickleException {
    if (o instanceof ArrayList<?>) {
      return (List<Object>) o;
    }
    throw new PickleException("APPEND to a value that is not a list");
  }

  @SuppressWarnings("unchecked")
  private static Map<Object, Object> dict(Object o) throws PickleException {
    if (o instanceof LinkedHashMap<?, ?>) {
      return (Map<Object, Object>) o;
    }
    throw new PickleException("SETITEM on a value that is not a dict");
  }

  @SuppressWarnings("unchecked")
  private static Set<Object> set(Object o) throws PickleException {
    if (o instanceof LinkedHashSet<?>) {
      return (Set<Object>) o;
    }
    throw new PickleException("ADDITEMS on a value that is not a set");
  }

  private static int size(long n) throws PickleException {
    if (n < 0 || n > Integer.MAX_VALUE - 8) {
      throw new PickleException("pickled value too large for Java: " + Long.toUnsignedString(n));
    }
    return (int) n;
  }

  private byte[] bytes(int n) throws IOException {
    byte[] b = new byte[n];
    in.readFully(b);
    return b;
  }

  /** A text line ending in {@code \n} (protocol 0 arguments), without it. */
  private String line() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int c;
    while ((c = in.read()) != '\n') {
      if (c < 0) {
        throw new EOFException("pickle data ended inside a text argument");
      }
      out.write(c);
    }
    return out.toString(StandardCharsets.ISO_8859_1);
  }

  private static String utf8(byte[] b) {
    return new String(b, StandardCharsets.UTF_8);
  }

  private static String ascii(byte[] b) throws PickleException {
    for (byte x : b) {
      if (x < 0) {
        throw new PickleException("Python 2 str with non-ASCII bytes (pickle.load would fail)");
      }
    }
    return new String(b, StandardCharsets.US_ASCII);
  }

  /** LONG1/LONG4: little-endian two's complement. */
  private static Object longFromBytes(byte[] b) {
    if (b.length == 0) {
      return 0L;
    }
    byte[] big = new byte[b.length];
    for (int i = 0; i < b.length; i++) {
      big[i] = b[b.length - 1 - i];
    }
    return narrow(new BigInteger(big));
  }

  private static Object textInt(String s) {
    if (s.equals("01")) {
      return Boolean.TRUE;
    }
    if (s.equals("00")) {
      return Boolean.FALSE;
    }
    return narrow(new BigInteger(s.strip()));
  }

  private static Object textLong(String s) {
    String digits = s.endsWith("L") ? s.substring(0, s.length() - 1) : s;
    return narrow(new BigInteger(digits.strip()));
  }

  private static Object narrow(BigInteger n) {
    return n.bitLength() < 64 ? (Object) n.longValue() : n;
  }

  /** Protocol 0 {@code UNICODE}: raw-unicode-escape ({@code \\uXXXX}, {@code \\UXXXXXXXX}). */
  private static String rawUnicodeEscape(String latin1) {
    StringBuilder out = new StringBuilder(latin1.length());
    for (int i = 0; i < latin1.length(); i++) {
      char c = latin1.charAt(i);
      if (c == '\\' && i + 5 < latin1.length() && latin1.charAt(i + 1) == 'u') {
        out.append((char) Integer.parseInt(latin1.substring(i + 2, i + 6), 16));
        i += 5;
      } else if (c == '\\' && i + 9 < latin1.length() && latin1.charAt(i + 1) == 'U') {
        out.appendCodePoint(Integer.parseInt(latin1.substring(i + 2, i + 10), 16));
        i += 9;
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }
}
