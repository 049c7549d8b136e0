package dev.paved.clickhouse;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One versioned migration file, {@code NNN_description.sql}: statements separated by {@code ;},
 * where {@code ${database}} stands for Paved's database.
 */
public record Migration(int version, String fileName, String script, String checksum) {
  static final Pattern FILE_NAME = Pattern.compile("([0-9]{3})_[a-z0-9_]+\\.sql");
  private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}]*)}");
  private static final String DATABASE = "database";

  /** Checks the name and the placeholders and computes the checksum. */
  static Migration of(String fileName, String script) {
    Matcher name = FILE_NAME.matcher(fileName);
    if (!name.matches()) {
      throw new MigrationException(
          "\"" + fileName + "\" is not a migration file name (NNN_lowercase_words.sql)");
    }
    Matcher placeholder = PLACEHOLDER.matcher(script);
    while (placeholder.find()) {
      if (!placeholder.group(1).equals(DATABASE)) {
        throw new MigrationException(
            fileName + ": unknown placeholder " + placeholder.group() + " (only ${database})");
      }
    }
    return new Migration(Integer.parseInt(name.group(1)), fileName, script, sha256(script));
  }

  /** The statements to run against {@code database}, placeholder replaced. */
  List<String> statements(String database) {
    return SqlScript.statements(
        script.replace("${" + DATABASE + "}", SqlLiteral.identifier(database)));
  }

  /** SHA-256 of the text with LF line ends, so a checkout with CRLF does not count as a change. */
  private static String sha256(String script) {
    try {
      byte[] text = script.replace("\r\n", "\n").getBytes(StandardCharsets.UTF_8);
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
  }
}
