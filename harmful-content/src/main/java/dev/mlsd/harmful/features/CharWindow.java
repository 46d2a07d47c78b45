package dev.mlsd.harmful.features;

/**
 * A reusable, mutable view of part of a token as a {@link CharSequence}, so core's {@code
 * Murmur3.hash32(CharSequence, int)} hashes words and character n-grams without building strings.
 * The view reads the token {@code buf[from, to)} framed as {@code "<token>"}: virtual index 0 is
 * {@code '<'}, indices 1 to {@code len} are the token's chars, {@code len + 1} is {@code '>'}; it
 * shows the virtual range {@code [start, end)}.
 *
 * <p>Thread safety: none; one per {@link FeatureScratch}.
 */
final class CharWindow implements CharSequence {
  private char[] buf;
  private int from;
  private int length;
  private int start;
  private int end;

  /** Shows the whole token, without the frame. */
  CharWindow token(char[] buf, int from, int to) {
    return framed(buf, from, to, 1, to - from + 1);
  }

  /** Shows the virtual range {@code [start, end)} of {@code "<" + buf[from, to) + ">"}. */
  CharWindow framed(char[] buf, int from, int to, int start, int end) {
    this.buf = buf;
    this.from = from;
    this.length = to - from;
    this.start = start;
    this.end = end;
    return this;
  }

  @Override
  public int length() {
    return end - start;
  }

  @Override
  public char charAt(int index) {
    int v = start + index;
    return v == 0 ? '<' : v == length + 1 ? '>' : buf[from + v - 1];
  }

  @Override
  public CharSequence subSequence(int s, int e) {
    return toString().substring(s, e);
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder(length());
    for (int i = 0; i < length(); i++) {
      sb.append(charAt(i));
    }
    return sb.toString();
  }
}
