package dev.paved.ingest.webhooks;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HMAC-SHA256 with a configured secret, and constant-time comparison of presented MACs. */
final class HmacSha256 {
  private final SecretKeySpec key;

  HmacSha256(String secret) {
    this.key = new SecretKeySpec(secret.getBytes(UTF_8), "HmacSHA256");
  }

  /** The MAC of the parts, concatenated. */
  byte[] mac(byte[]... parts) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      for (byte[] part : parts) {
        mac.update(part);
      }
      return mac.doFinal();
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JVM", e);
    }
  }

  /**
   * Whether lowercase or uppercase {@code hex} is {@code expected}; malformed hex is no match. The
   * comparison takes the same time wherever the first differing byte is.
   */
  static boolean hexMatches(byte[] expected, String hex) {
    byte[] presented;
    try {
      presented = HexFormat.of().parseHex(hex.trim());
    } catch (IllegalArgumentException e) {
      return false;
    }
    return MessageDigest.isEqual(expected, presented);
  }

  /** SHA-256 of a secret, so that comparing two of them shows neither content nor length. */
  static byte[] digest(String value) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(value.getBytes(UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JVM", e);
    }
  }
}
