package dev.paved.ingest.webhooks;

import com.fasterxml.jackson.databind.JsonNode;
import dev.paved.ingest.http.WebhookReceiver.Refused;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * A webhook's JSON, read by dotted paths ({@code pull_request.merged_at}); a required field that is
 * missing or mistyped refuses the delivery with {@code 400} naming the path.
 */
record Payload(JsonNode json) {

  JsonNode node(String path) {
    JsonNode node = json;
    for (String name : path.split("\\.")) {
      node =
          node.isArray() && name.matches("\\d+")
              ? node.path(Integer.parseInt(name))
              : node.path(name);
    }
    return node;
  }

  /** The text at {@code path}, or null when absent or null (numbers as their decimal text). */
  String optionalText(String path) {
    JsonNode node = node(path);
    return node.isTextual() || node.isNumber() ? node.asText() : null;
  }

  String text(String path) throws Refused {
    String text = optionalText(path);
    if (text == null || text.isEmpty()) {
      throw unexpected(path + " is missing");
    }
    return text;
  }

  Instant time(String path) throws Refused {
    Instant time = optionalTime(path);
    if (time == null) {
      throw unexpected(path + " is missing");
    }
    return time;
  }

  /**
   * A time as tools write them: RFC 3339, GitLab's {@code 2021-04-09 12:00:00 UTC} and {@code
   * +0200} offsets, or epoch milliseconds (Jira).
   */
  Instant optionalTime(String path) throws Refused {
    JsonNode node = node(path);
    if (node.isNumber()) {
      return Instant.ofEpochMilli(node.asLong());
    }
    if (!node.isTextual() || node.asText().isBlank()) {
      return null;
    }
    String text = node.asText().trim();
    try {
      return OffsetDateTime.parse(normalised(text)).toInstant();
    } catch (DateTimeParseException e) {
      throw unexpected(path + " is not a time: " + text);
    }
  }

  private static String normalised(String text) {
    String iso = text.replace(" UTC", "Z");
    if (iso.length() > 10 && iso.charAt(10) == ' ') {
      iso = iso.substring(0, 10) + "T" + iso.substring(11);
    }
    iso = iso.replace(" ", "");
    // +0200 → +02:00, which OffsetDateTime needs.
    if (iso.matches(".*[+-]\\d{4}$")) {
      iso = iso.substring(0, iso.length() - 2) + ":" + iso.substring(iso.length() - 2);
    }
    return iso;
  }

  /** The texts of an array of strings, or of a field of an array of objects. */
  List<String> texts(String path, String field) {
    List<String> texts = new ArrayList<>();
    for (JsonNode element : node(path)) {
      JsonNode value = field == null ? element : element.path(field);
      if (value.isTextual() && !value.asText().isBlank()) {
        texts.add(value.asText());
      }
    }
    return texts;
  }

  static Refused unexpected(String detail) {
    return new Refused(400, "Unexpected Payload", detail);
  }
}
