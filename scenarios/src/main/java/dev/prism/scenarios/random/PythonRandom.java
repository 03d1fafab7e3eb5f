package dev.prism.scenarios.random;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * An exact port of CPython 3.11's {@code random.Random}: the same seed gives the same sequence of
 * {@link #random()}, {@link #randrange}, {@link #shuffle}, {@link #sample} … results as Python, so
 * HELM's seeded choices (in-context examples, perturbations) are reproduced bit for bit.
 *
 * <p>Seeding follows {@code Random.seed(a, version=2)}: an integer seeds MT19937's {@code
 * init_by_array} with the 32-bit words of {@code |a|}, least significant first ({@code 0} → {@code
 * [0]}); a string {@code s} seeds with the words of {@code int.from_bytes(utf8(s) +
 * sha512(utf8(s)), "big")}. Not thread-safe; create one per use, as HELM does.
 *
 * <pre>{@code
 * PythonRandom r = new PythonRandom("id3");   // random.Random("id3")
 * double x = r.random();
 * }</pre>
 */
public final class PythonRandom {
  private static final BigInteger WORD_MASK = BigInteger.valueOf(0xffffffffL);

  private final Mt19937 mt = new Mt19937();

  /** {@code random.Random(seed)} for an integer seed. */
  public PythonRandom(long seed) {
    this(BigInteger.valueOf(seed));
  }

  /** {@code random.Random(seed)} for an integer seed of any size. */
  public PythonRandom(BigInteger seed) {
    mt.initByArray(words(seed.abs()));
  }

  /** {@code random.Random(seed)} for a {@code str} seed (version 2 seeding, SHA-512 appended). */
  public PythonRandom(String seed) {
    this(stringKey(seed));
  }

  private static BigInteger stringKey(String seed) {
    byte[] utf8 = seed.getBytes(StandardCharsets.UTF_8);
    byte[] digest;
    try {
      digest = MessageDigest.getInstance("SHA-512").digest(utf8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform provides SHA-512", e);
    }
    byte[] all = new byte[utf8.length + digest.length];
    System.arraycopy(utf8, 0, all, 0, utf8.length);
    System.arraycopy(digest, 0, all, utf8.length, digest.length);
    return new BigInteger(1, all);
  }

  private static int[] words(BigInteger n) {
    int count = Math.max(1, (n.bitLength() + 31) / 32);
    int[] key = new int[count];
    for (int i = 0; i < count; i++) {
      key[i] = n.shiftRight(32 * i).and(WORD_MASK).intValue();
    }
    return key;
  }

  /** {@code random()}: a float in [0, 1) with 53 random bits. */
  public double random() {
    long a = mt.nextUint32() >>> 5;
    long b = mt.nextUint32() >>> 6;
    return (a * 67108864.0 + b) * (1.0 / 9007199254740992.0);
  }

  /**
   * {@code getrandbits(k)} for {@code 0 <= k <= 63}: words are drawn least significant first and
   * the last, partial word keeps its most significant bits, as CPython does.
   */
  public long getrandbits(int k) {
    if (k < 0 || k > 63) {
      throw new IllegalArgumentException("k must be in [0, 63], got " + k);
    }
    if (k == 0) {
      return 0;
    }
    if (k <= 32) {
      return mt.nextUint32() >>> (32 - k);
    }
    long low = mt.nextUint32();
    long high = mt.nextUint32() >>> (64 - k);
    return (high << 32) | low;
  }

  /** CPython's {@code _randbelow_with_getrandbits(n)}: uniform in [0, n), for n >= 1. */
  public long randbelow(long n) {
    if (n <= 0) {
      throw new IllegalArgumentException("n must be positive, got " + n);
    }
    int k = 64 - Long.numberOfLeadingZeros(n); // n.bit_length(); n itself, since n can be 1
    long r = getrandbits(k);
    while (r >= n) {
      r = getrandbits(k);
    }
    return r;
  }

  /** {@code randrange(stop)}: uniform in [0, stop). */
  public long randrange(long stop) {
    if (stop <= 0) {
      throw new IllegalArgumentException("empty range for randrange(" + stop + ")");
    }
    return randbelow(stop);
  }

  /** {@code randrange(start, stop)}: uniform in [start, stop). */
  public long randrange(long start, long stop) {
    long width = Math.subtractExact(stop, start);
    if (width <= 0) {
      throw new IllegalArgumentException("empty range for randrange(" + start + ", " + stop + ")");
    }
    return start + randbelow(width);
  }

  /** {@code randint(a, b)}: uniform in [a, b], both ends included. */
  public long randint(long a, long b) {
    return randrange(a, Math.addExact(b, 1));
  }

  /** {@code choice(seq)}. */
  public <T> T choice(List<T> seq) {
    if (seq.isEmpty()) {
      throw new IndexOutOfBoundsException("cannot choose from an empty sequence");
    }
    return seq.get((int) randbelow(seq.size()));
  }

  /** {@code shuffle(x)} in place: for i = n-1 … 1, swap x[i] with x[randbelow(i+1)]. */
  public void shuffle(List<?> list) {
    for (int i = list.size() - 1; i > 0; i--) {
      int j = (int) randbelow(i + 1L);
      Collections.swap(list, i, j);
    }
  }

  /**
   * {@code sample(population, k)}: k distinct elements in selection order, with CPython 3.11's
   * choice between the pool algorithm (small populations) and set rejection (large ones).
   */
  public <T> List<T> sample(List<T> population, int k) {
    Objects.requireNonNull(population, "population");
    int n = population.size();
    if (k < 0 || k > n) {
      throw new IllegalArgumentException("sample larger than population or is negative");
    }
    List<T> result = new ArrayList<>(k);
    if (n <= setSize(k)) {
      List<T> pool = new ArrayList<>(population);
      for (int i = 0; i < k; i++) {
        int j = (int) randbelow((long) n - i);
        result.add(pool.get(j));
        pool.set(j, pool.get(n - i - 1)); // move the non-selected item into the vacancy
      }
    } else {
      Set<Integer> selected = new HashSet<>();
      for (int i = 0; i < k; i++) {
        int j = (int) randbelow(n);
        while (selected.contains(j)) {
          j = (int) randbelow(n);
        }
        selected.add(j);
        result.add(population.get(j));
      }
    }
    return result;
  }

  /**
   * CPython's {@code setsize}: {@code 21}, plus {@code 4 ** ceil(log(3k, 4))} when k > 5. As 3k is
   * never a power of four, the ceiling is the smallest m with 4^m >= 3k, computed here in integers
   * so that no floating-point logarithm can disagree with C's.
   */
  static long setSize(int k) {
    long size = 21;
    if (k > 5) {
      long power = 1;
      while (power < 3L * k) {
        power *= 4;
      }
      size += power;
    }
    return size;
  }

  /** {@code uniform(a, b)}: {@code a + (b - a) * random()}. */
  public double uniform(double a, double b) {
    return a + (b - a) * random();
  }
}
