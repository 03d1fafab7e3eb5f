package dev.prism.scenarios.random;

/**
 * numpy's {@code np.random.default_rng(seed)} as far as HELM's data sources use it: a {@code
 * SeedSequence} feeding the PCG64 bit generator, and {@code Generator.permutation(n)}. Hugging Face
 * {@code datasets} splits with it ({@code Dataset.train_test_split(seed=…)} takes {@code
 * default_rng(seed).permutation(len)}), which decides RAFT's train and test instances. Not
 * thread-safe.
 *
 * <pre>{@code
 * int[] order = new NumpyGenerator(42).permutation(50); // [5, 25, 20, 49, 39, …]
 * }</pre>
 */
public final class NumpyGenerator {
  // PCG's default 128-bit multiplier.
  private static final long MULT_HIGH = 0x2360ED051FC65DA4L;
  private static final long MULT_LOW = 0x4385DF649FCCF645L;

  // SeedSequence's hash constants (numpy/random/bit_generator.pyx).
  private static final int INIT_A = 0x43b0d7e5;
  private static final int MULT_A = 0x931e8875;
  private static final int INIT_B = 0x8b51f9dd;
  private static final int MULT_B = 0x58f38ded;
  private static final int MIX_MULT_L = 0xca01f9dd;
  private static final int MIX_MULT_R = 0x4973f715;
  private static final int POOL_SIZE = 4;

  private long stateHigh;
  private long stateLow;
  private final long incHigh;
  private final long incLow;
  private boolean hasUint32;
  private int uinteger;

  /**
   * {@code np.random.default_rng(seed)}.
   *
   * @param seed a non-negative integer
   */
  public NumpyGenerator(long seed) {
    if (seed < 0) {
      throw new IllegalArgumentException("seed must be non-negative, got " + seed);
    }
    int[] words = generateState(pool(seed), 2 * POOL_SIZE);
    long[] v = new long[4];
    for (int i = 0; i < 4; i++) {
      v[i] = (words[2 * i] & 0xffffffffL) | ((long) words[2 * i + 1] << 32);
    }
    // pcg64_set_seed: state = v0:v1, sequence = v2:v3 (high:low); inc = (sequence << 1) | 1.
    incHigh = (v[2] << 1) | (v[3] >>> 63);
    incLow = (v[3] << 1) | 1;
    stateHigh = 0;
    stateLow = 0;
    step();
    long low = stateLow + v[1];
    long carry = Long.compareUnsigned(low, stateLow) < 0 ? 1 : 0;
    stateHigh = stateHigh + v[0] + carry;
    stateLow = low;
    step();
  }

  /**
   * {@code Generator.permutation(n)}: Fisher-Yates over {@code arange(n)} from the end, each j
   * drawn by masked rejection from buffered 32-bit outputs ({@code random_interval}).
   */
  public int[] permutation(int n) {
    int[] a = new int[n];
    for (int i = 0; i < n; i++) {
      a[i] = i;
    }
    for (int i = n - 1; i > 0; i--) {
      int j = interval(i);
      int t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
    return a;
  }

  /** The next raw 64-bit output ({@code bit_generator.random_raw()}). */
  public long nextUint64() {
    step();
    long xored = stateHigh ^ stateLow;
    int rotation = (int) (stateHigh >>> 58);
    return Long.rotateRight(xored, rotation);
  }

  /** 32 bits: the low half of a fresh 64-bit output, then its high half (numpy buffers it). */
  private int nextUint32() {
    if (hasUint32) {
      hasUint32 = false;
      return uinteger;
    }
    long next = nextUint64();
    hasUint32 = true;
    uinteger = (int) (next >>> 32);
    return (int) next;
  }

  /** numpy's {@code random_interval(max)} for {@code max < 2^31}. */
  private int interval(int max) {
    if (max == 0) {
      return 0;
    }
    int mask = max;
    mask |= mask >>> 1;
    mask |= mask >>> 2;
    mask |= mask >>> 4;
    mask |= mask >>> 8;
    mask |= mask >>> 16;
    int value;
    do {
      value = nextUint32() & mask;
    } while (value > max);
    return value;
  }

  /** state = state * MULT + inc (mod 2^128). */
  private void step() {
    long lowProduct = stateLow * MULT_LOW;
    long high =
        Math.multiplyHigh(stateLow, MULT_LOW)
            + ((stateLow >> 63) & MULT_LOW) // multiplyHigh is signed; correct it to unsigned
            + ((MULT_LOW >> 63) & stateLow)
            + stateLow * MULT_HIGH
            + stateHigh * MULT_LOW;
    long low = lowProduct + incLow;
    long carry = Long.compareUnsigned(low, lowProduct) < 0 ? 1 : 0;
    stateHigh = high + incHigh + carry;
    stateLow = low;
  }

  /** {@code SeedSequence(seed).pool}: the entropy words mixed into four 32-bit words. */
  private static int[] pool(long seed) {
    int[] entropy =
        seed >>> 32 == 0 ? new int[] {(int) seed} : new int[] {(int) seed, (int) (seed >>> 32)};
    int[] hashConst = {INIT_A};
    int[] mixer = new int[POOL_SIZE];
    for (int i = 0; i < POOL_SIZE; i++) {
      mixer[i] = hashmix(i < entropy.length ? entropy[i] : 0, hashConst);
    }
    for (int src = 0; src < POOL_SIZE; src++) {
      for (int dst = 0; dst < POOL_SIZE; dst++) {
        if (src != dst) {
          mixer[dst] = mix(mixer[dst], hashmix(mixer[src], hashConst));
        }
      }
    }
    for (int src = POOL_SIZE; src < entropy.length; src++) {
      for (int dst = 0; dst < POOL_SIZE; dst++) {
        mixer[dst] = mix(mixer[dst], hashmix(entropy[src], hashConst));
      }
    }
    return mixer;
  }

  private static int hashmix(int value, int[] hashConst) {
    value ^= hashConst[0];
    hashConst[0] *= MULT_A;
    value *= hashConst[0];
    return value ^ (value >>> 16);
  }

  private static int mix(int x, int y) {
    int result = MIX_MULT_L * x - MIX_MULT_R * y;
    return result ^ (result >>> 16);
  }

  /** {@code SeedSequence.generate_state(n, uint32)}. */
  private static int[] generateState(int[] pool, int n) {
    int hashConst = INIT_B;
    int[] state = new int[n];
    for (int i = 0; i < n; i++) {
      int value = pool[i % POOL_SIZE] ^ hashConst;
      hashConst *= MULT_B;
      value *= hashConst;
      state[i] = value ^ (value >>> 16);
    }
    return state;
  }
}
