package dev.mlsd.core.featurestore;

import java.util.Arrays;

/**
 * int to int open-addressing hash map (linear probing), values >= 0; {@link #get} returns -1 for an
 * absent key. No boxing. Grows at load factor 0.5.
 *
 * <p>Thread safety: none; callers lock.
 */
final class IntIntMap {
  private int[] keys;
  private int[] values;
  private int mask;
  private int size;

  IntIntMap(int expected) {
    int cap = Integer.highestOneBit(Math.max(4, expected * 2 - 1)) << 1;
    keys = new int[cap];
    values = new int[cap];
    Arrays.fill(values, -1);
    mask = cap - 1;
  }

  int get(int key) {
    int slot = mix(key) & mask;
    while (values[slot] >= 0) {
      if (keys[slot] == key) {
        return values[slot];
      }
      slot = (slot + 1) & mask;
    }
    return -1;
  }

  void put(int key, int value) {
    if (value < 0) {
      throw new IllegalArgumentException("values must be >= 0");
    }
    if ((size + 1) * 2 > keys.length) {
      grow();
    }
    int slot = mix(key) & mask;
    while (values[slot] >= 0) {
      if (keys[slot] == key) {
        values[slot] = value;
        return;
      }
      slot = (slot + 1) & mask;
    }
    keys[slot] = key;
    values[slot] = value;
    size++;
  }

  int size() {
    return size;
  }

  private void grow() {
    int[] oldKeys = keys;
    int[] oldValues = values;
    keys = new int[oldKeys.length * 2];
    values = new int[oldKeys.length * 2];
    Arrays.fill(values, -1);
    mask = keys.length - 1;
    size = 0;
    for (int i = 0; i < oldKeys.length; i++) {
      if (oldValues[i] >= 0) {
        put(oldKeys[i], oldValues[i]);
      }
    }
  }

  private static int mix(int x) {
    x ^= x >>> 16;
    x *= 0x85ebca6b;
    x ^= x >>> 13;
    x *= 0xc2b2ae35;
    x ^= x >>> 16;
    return x;
  }
}
