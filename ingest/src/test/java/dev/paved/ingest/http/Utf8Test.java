package dev.paved.ingest.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class Utf8Test {

  @Test
  void acceptsWellFormedUtf8OfEveryLength() {
    byte[] text = "a é € 𝄞 \u007f".getBytes(StandardCharsets.UTF_8);
    assertEquals(-1, Utf8.firstInvalid(text, 0, text.length));
  }

  @Test
  void findsTheFirstByteThatIsNotWellFormed() {
    assertEquals(1, firstInvalid(0x61, 0xff));
    assertEquals(1, firstInvalid(0x61, 0xc3, 0x28), "a lead byte without its continuation");
    assertEquals(0, firstInvalid(0xc0, 0xaf), "an overlong '/'");
    assertEquals(0, firstInvalid(0xe0, 0x80, 0xaf), "an overlong 3-byte form");
    assertEquals(0, firstInvalid(0xed, 0xa0, 0x80), "an encoded surrogate");
    assertEquals(0, firstInvalid(0xf4, 0x90, 0x80, 0x80), "above U+10FFFF");
    assertEquals(2, firstInvalid(0x61, 0x62, 0xe2, 0x82), "cut short at the end");
    assertEquals(1, firstInvalid(0x7b, 0x00, 0x7d), "a NUL byte");
    assertEquals(0, firstInvalid(0x80), "a continuation byte alone");
  }

  @Test
  void positionsCountLinesAndCharacters() {
    byte[] text = "ab\né€x".getBytes(StandardCharsets.UTF_8);
    assertArrayEquals(new int[] {2, 3}, Utf8.position(text, 0, text.length - 1));
  }

  private static int firstInvalid(int... values) {
    byte[] bytes = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      bytes[i] = (byte) values[i];
    }
    return Utf8.firstInvalid(bytes, 0, bytes.length);
  }
}
