package dev.turnout.internal.engine;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.common.hash.HashFunction;
import com.google.common.hash.Hashing;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Our streaming murmur3 against Guava's independent implementation. */
class Murmur3Test {

  private static final HashFunction GUAVA = Hashing.murmur3_32_fixed(0);

  static int guavaHash(String text) {
    return GUAVA.hashString(text, UTF_8).asInt();
  }

  static int guavaBucket(String salt, String value) {
    return (int) (Integer.toUnsignedLong(guavaHash(salt + "/" + value)) % 100_000);
  }

  /**
   * Deterministic test keys: ASCII, Latin-1, Greek, CJK, emoji (surrogate pairs), mixed, empty, and lengths
   * 0 to 40 so every tail length of the 4-byte blocks occurs.
   */
  static List<String> keys(int count, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    int[][] ranges = {{0x20, 0x7e}, {0xa0, 0xff}, {0x391, 0x3c9}, {0x4e00, 0x9fff}, {0x1f300, 0x1faff}, {0x10000, 0x10ffff}};
    List<String> keys = new ArrayList<>(count);
    keys.add("");
    keys.add("user_123");
    keys.add("Zoë");
    keys.add("用户-42");
    keys.add("😀");
    keys.add("👩‍👩‍👧‍👦 family");
    while (keys.size() < count) {
      int length = random.nextInt(41);
      StringBuilder s = new StringBuilder();
      int mode = random.nextInt(ranges.length + 1); // one script, or all mixed
      for (int i = 0; i < length; i++) {
        int[] r = ranges[mode == ranges.length ? random.nextInt(ranges.length) : mode];
        s.appendCodePoint(r[0] + random.nextInt(r[1] - r[0] + 1));
      }
      keys.add(s.toString());
    }
    return keys;
  }

  @Test
  void knownVectors() {
    // Published MurmurHash3_x86_32 results with seed 0.
    assertThat(Murmur3.prefix("").hash("")).isZero();
    assertThat(Murmur3.prefix("").hash("hello")).isEqualTo(0x248bfa47);
    assertThat(Murmur3.prefix("").hash("The quick brown fox jumps over the lazy dog")).isEqualTo(0x2e4ff723);
    assertThat(guavaHash("hello")).isEqualTo(0x248bfa47);
  }

  @Test
  void hashMatchesGuavaOnTwentyThousandKeys() {
    String[] prefixes = {"", "a/", "ab/", "abc/", "new-checkout/", "product-TASKS-103-comments/", "é/", "😀/", "日本/"};
    List<String> keys = keys(20_000, 42);
    int i = 0;
    for (String key : keys) {
      String prefix = prefixes[i++ % prefixes.length];
      assertThat(Murmur3.prefix(prefix).hash(key)).as("hash of %s + %s", prefix, key).isEqualTo(guavaHash(prefix + key));
    }
  }

  @Test
  void bucketIsTheUnsignedHashModuloOneHundredThousand() {
    Murmur3 salted = Murmur3.prefix("new-checkout/");
    int negatives = 0;
    for (String key : keys(10_000, 7)) {
      int bucket = salted.bucket(key);
      assertThat(bucket).as(key).isEqualTo(guavaBucket("new-checkout", key)).isBetween(0, 99_999);
      if (guavaHash("new-checkout/" + key) < 0) {
        negatives++;
      }
    }
    assertThat(negatives).as("half the hashes are negative as signed ints: the unsigned reading matters").isGreaterThan(4_000);
  }

  @Test
  void unpairedSurrogatesHashAsQuestionMarks() {
    String[] odd = {"\ud800", "a\udc00b", "\udc00\ud800", "x\ud83d", "😀\ud83d"};
    for (String s : odd) {
      assertThat(Murmur3.prefix("flag/").hash(s)).as(s).isEqualTo(guavaHash("flag/" + s));
      assertThat(Murmur3.prefix("flag/").hash(s)).isEqualTo(Murmur3.prefix("").hash("flag/" + s.replaceAll("\\p{Cs}", "?")));
    }
  }

  @Test
  void prefixThenValueEqualsHashingTheWhole() {
    String whole = "salt-with-ümlaut/user-😀-42";
    for (int cut = 0; cut <= whole.length(); cut++) {
      if (cut > 0 && cut < whole.length() && Character.isLowSurrogate(whole.charAt(cut))) {
        continue; // do not split a surrogate pair
      }
      assertThat(Murmur3.prefix(whole.substring(0, cut)).hash(whole.substring(cut))).as("cut at %d", cut)
          .isEqualTo(guavaHash(whole));
    }
  }

  /**
   * Prefixes of 0 to 9 UTF-8 bytes (ASCII, and with two- and three-byte characters) leave every count of
   * bytes, 0 to 3, pending after their whole blocks; keys run ASCII through the four-character loop and
   * leave it at every position modulo 4 for a two-byte character, a surrogate pair or an unpaired one.
   */
  @Test
  void everyPrefixLengthResumesWithTheKeyAsGuavaHashesTheWhole() {
    List<String> keys = new ArrayList<>(keys(500, 9));
    String ascii = "abcdefghijklmnopq";
    for (int length = 0; length <= ascii.length(); length++) {
      keys.add(ascii.substring(0, length));
      for (int at = 0; at < length; at++) {
        keys.add(ascii.substring(0, at) + "\u00e9" + ascii.substring(at + 1, length));
        keys.add(ascii.substring(0, at) + "\ud83d\ude00" + ascii.substring(at, length));
        keys.add(ascii.substring(0, at) + "\ud83d" + ascii.substring(at, length));
      }
    }
    List<String> prefixes = new ArrayList<>();
    for (int bytes = 0; bytes <= 9; bytes++) {
      prefixes.add("0123456789".substring(0, bytes));
      if (bytes >= 2) {
        prefixes.add("\u00e9" + "0123456789".substring(0, bytes - 2));
      }
      if (bytes >= 3) {
        prefixes.add("0123456789".substring(0, bytes - 3) + "\u20ac");
      }
    }
    for (String prefix : prefixes) {
      Murmur3 state = Murmur3.prefix(prefix);
      for (String key : keys) {
        assertThat(state.hash(key)).as("hash of [%s] + [%s]", prefix, key).isEqualTo(guavaHash(prefix + key));
      }
    }
  }
}
