package dev.mlsd.core.hash;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class Murmur3Test {

  /** The published MurmurHash3_x86_32 test vectors (strings hashed as UTF-8). */
  @Test
  void matchesThePublishedVectors() {
    assertEquals(0x00000000, Murmur3.hash32("", 0));
    assertEquals(0x514E28B7, Murmur3.hash32("", 1));
    assertEquals(0x81F16F39, Murmur3.hash32("", 0xffffffff));
    assertEquals(0x7FA09EA6, Murmur3.hash32("a", 0x9747b28c));
    assertEquals(0x74875592, Murmur3.hash32("ab", 0x9747b28c));
    assertEquals(0xC84A62DD, Murmur3.hash32("abc", 0x9747b28c));
    assertEquals(0xF0478627, Murmur3.hash32("abcd", 0x9747b28c));
    assertEquals(0x5D211726, Murmur3.hash32("aa", 0x9747b28c));
    assertEquals(0x283E0130, Murmur3.hash32("aaa", 0x9747b28c));
    assertEquals(0x5A97808A, Murmur3.hash32("aaaa", 0x9747b28c));
    assertEquals(0x24884CBA, Murmur3.hash32("Hello, world!", 0x9747b28c));
    assertEquals(
        0x2FA826CD, Murmur3.hash32("The quick brown fox jumps over the lazy dog", 0x9747b28c));
    assertEquals(0xD58063C1, Murmur3.hash32("ππππππππ", 0x9747b28c));
    // four-byte keys, little-endian: {0,0,0,0}, {ff,ff,ff,ff}, {21,43,65,87}
    assertEquals(0x2362F9DE, Murmur3.hash32(0, 0));
    assertEquals(0x76293B50, Murmur3.hash32(0xffffffff, 0));
    assertEquals(0xF55B516B, Murmur3.hash32(0x87654321, 0));
    assertEquals(0x2362F9DE, Murmur3.hash32(0x87654321, 0x5082EDEE));
  }

  @Test
  void hashesExactlyTheUtf8BytesOfAnyString() {
    SplittableRandom r = new SplittableRandom(11);
    for (int t = 0; t < 2000; t++) {
      StringBuilder sb = new StringBuilder();
      int len = r.nextInt(12);
      for (int i = 0; i < len; i++) {
        int kind = r.nextInt(5);
        if (kind == 0) {
          sb.append((char) r.nextInt(0x80));
        } else if (kind == 1) {
          sb.append((char) (0x80 + r.nextInt(0x780)));
        } else if (kind == 2) {
          sb.append((char) (0x800 + r.nextInt(0xd000)));
        } else if (kind == 3) {
          sb.appendCodePoint(0x10000 + r.nextInt(0xfffff));
        } else {
          sb.append((char) (0xd800 + r.nextInt(0x800))); // an unpaired surrogate, most often
        }
      }
      String s = sb.toString();
      int seed = r.nextInt();
      assertEquals(reference(s.getBytes(StandardCharsets.UTF_8), seed), Murmur3.hash32(s, seed), s);
    }
  }

  @Test
  void longKeysAreTheirEightLittleEndianBytes() {
    long key = 0x0123456789abcdefL;
    byte[] b = new byte[8];
    for (int i = 0; i < 8; i++) {
      b[i] = (byte) (key >>> (8 * i));
    }
    assertEquals(reference(b, 42), Murmur3.hash32(key, 42));
  }

  @Test
  void bucketsAreInRangeAndSpread() {
    int[] counts = new int[10];
    for (int i = 0; i < 10_000; i++) {
      int b = Murmur3.bucket("token" + i, 7, 10);
      assertTrue(b >= 0 && b < 10);
      counts[b]++;
    }
    for (int c : counts) {
      assertTrue(c > 850 && c < 1150, "bucket count " + c);
    }
    assertThrows(IllegalArgumentException.class, () -> Murmur3.bucket("x", 0, 0));
  }

  /** The reference algorithm over a byte array, written straight from its description. */
  static int reference(byte[] data, int seed) {
    int h = seed;
    int blocks = data.length / 4;
    for (int i = 0; i < blocks; i++) {
      int k =
          (data[4 * i] & 0xff)
              | (data[4 * i + 1] & 0xff) << 8
              | (data[4 * i + 2] & 0xff) << 16
              | (data[4 * i + 3] & 0xff) << 24;
      k *= 0xcc9e2d51;
      k = Integer.rotateLeft(k, 15);
      k *= 0x1b873593;
      h ^= k;
      h = Integer.rotateLeft(h, 13);
      h = h * 5 + 0xe6546b64;
    }
    int k = 0;
    int tail = blocks * 4;
    switch (data.length & 3) {
      case 3:
        k ^= (data[tail + 2] & 0xff) << 16;
      // fall through
      case 2:
        k ^= (data[tail + 1] & 0xff) << 8;
      // fall through
      case 1:
        k ^= data[tail] & 0xff;
        k *= 0xcc9e2d51;
        k = Integer.rotateLeft(k, 15);
        k *= 0x1b873593;
        h ^= k;
      // fall through
      default:
        break;
    }
    h ^= data.length;
    return Murmur3.fmix32(h);
  }
}
