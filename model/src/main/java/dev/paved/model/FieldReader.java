package dev.paved.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Month;
import java.time.OffsetDateTime;
import java.time.Year;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads the fields of one JSON object by the contract's rules, adding a {@link Violation} for each
 * broken rule instead of stopping at the first, so a sender learns everything wrong at once.
 *
 * <p>Every read returns null when the field is absent, JSON {@code null}, or invalid; absent and
 * {@code null} mean the same, and only {@link #require} turns them into a violation. The reader
 * remembers every field it was asked about: those are the known fields, and {@link #rejectUnknown}
 * rejects the rest.
 */
final class FieldReader {

  private static final int MAX_ID_LENGTH = 128;
  private static final int MAX_SLUG_LENGTH = 100;
  private static final int MAX_LABEL_LENGTH = 100;
  private static final int MAX_ARRAY_ELEMENTS = 1_000;
  private static final int MAX_ATTRIBUTES = 64;
  private static final int MAX_ATTRIBUTE_KEY_LENGTH = 100;
  private static final int MAX_ATTRIBUTE_TEXT_LENGTH = 1_000;
  private static final Duration MAX_FUTURE = Duration.ofHours(1);

  private static final Pattern SLUG = Pattern.compile("[a-z0-9._-]+");
  private static final Pattern ATTRIBUTE_KEY = Pattern.compile("[A-Za-z0-9._-]+");
  private static final Pattern RFC_3339 =
      Pattern.compile(
          "\\d{4}-\\d{2}-\\d{2}[Tt]\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?([Zz]|[+-]\\d{2}:\\d{2})");
  private static final String RFC_3339_RULE =
      "must be RFC 3339 with an offset, e.g. 2026-03-01T14:03:22Z";
  private static final int SHOWN_VALUE_LENGTH = 40;

  private final ObjectNode object;
  private final String path;
  private final Instant receivedAt;
  private final List<Violation> violations;
  private final Set<String> known = new HashSet<>();

  /**
   * @param path prefix of the field names in violations: empty for an event, {@code changes[0].}
   *     for an object nested in it
   */
  FieldReader(ObjectNode object, String path, Instant receivedAt, List<Violation> violations) {
    this.object = object;
    this.path = path;
    this.receivedAt = receivedAt;
    this.violations = violations;
  }

  void require(String field, String reason) {
    if (value(field) == null) {
      violate(field, reason);
    }
  }

  /** An id or an actor: 1 to 128 printable characters. */
  String id(String field) {
    JsonNode value = value(field);
    return value == null ? null : id(field, value);
  }

  /** A slug: 1 to 100 characters of {@code a-z 0-9 . _ -}. */
  String slug(String field) {
    JsonNode value = value(field);
    if (value == null) {
      return null;
    }
    String text = text(field, value);
    if (text == null) {
      return null;
    }
    int length = length(text);
    if (length < 1 || length > MAX_SLUG_LENGTH) {
      return violate(field, slugRule() + " (got " + length + " characters)");
    }
    if (!SLUG.matcher(text).matches()) {
      return violate(field, slugRule() + " (got " + shown(text) + ")");
    }
    return text;
  }

  /** A short label in the sender's own vocabulary: 1 to 100 printable characters. */
  String label(String field) {
    JsonNode value = value(field);
    return value == null ? null : printable(field, value, MAX_LABEL_LENGTH);
  }

  /** Free text: up to {@code maxLength} characters; line breaks and tabs are fine. */
  String freeText(String field, int maxLength) {
    JsonNode value = value(field);
    if (value == null) {
      return null;
    }
    String text = text(field, value);
    if (text == null) {
      return null;
    }
    int length = length(text);
    if (length > maxLength) {
      return violate(
          field, "must be at most " + maxLength + " characters (got " + length + " characters)");
    }
    if (text.codePoints().anyMatch(c -> !isPrintable(c) && c != '\n' && c != '\r' && c != '\t')) {
      return violate(field, "must not contain control characters other than line breaks and tabs");
    }
    return text;
  }

  /**
   * A timestamp: RFC 3339 with an offset, not before 1970, and not more than an hour ahead of the
   * receiving clock, as the contract says of {@code time}; every timestamp follows the same rules.
   */
  Instant time(String field) {
    JsonNode value = value(field);
    return value == null ? null : time(field, value);
  }

  /** A finite JSON number. */
  Double number(String field) {
    JsonNode value = value(field);
    if (value == null) {
      return null;
    }
    if (!value.isNumber()) {
      return violate(field, "must be a number (got " + jsonType(value) + ")");
    }
    double number = value.doubleValue();
    if (!Double.isFinite(number)) {
      return violate(field, "must be a finite number (got " + value + ")");
    }
    return number;
  }

  /** One of a closed set of values, by wire name. */
  <E extends Enum<E> & WireValue> E choice(String field, Class<E> type) {
    JsonNode value = value(field);
    if (value == null) {
      return null;
    }
    String text = text(field, value);
    if (text == null) {
      return null;
    }
    return WireValue.fromWireName(type, text)
        .orElseGet(
            () ->
                violate(field, "must be one of " + wireNames(type) + " (got " + shown(text) + ")"));
  }

  /** An array of ids, such as {@code change_ids}. */
  List<String> ids(String field) {
    List<JsonNode> elements = array(field);
    if (elements == null) {
      return null;
    }
    int before = violations.size();
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < elements.size(); i++) {
      ids.add(id(field + "[" + i + "]", elements.get(i)));
    }
    return violations.size() == before ? ids : null;
  }

  /**
   * The {@code changes} of a deploy: objects with {@code change_id}, {@code time}, {@code actor}.
   */
  List<InlineChange> inlineChanges(String field) {
    List<JsonNode> elements = array(field);
    if (elements == null) {
      return null;
    }
    int before = violations.size();
    List<InlineChange> changes = new ArrayList<>();
    for (int i = 0; i < elements.size(); i++) {
      String name = field + "[" + i + "]";
      if (elements.get(i) instanceof ObjectNode element) {
        FieldReader change = new FieldReader(element, path + name + ".", receivedAt, violations);
        change.require("change_id", "required");
        change.require("time", "required");
        changes.add(
            new InlineChange(change.id("change_id"), change.time("time"), change.id("actor")));
        change.rejectUnknown(
            "unknown field of an inline change", "it has only change_id, time and actor");
      } else {
        violate(name, "must be an object (got " + jsonType(elements.get(i)) + ")");
      }
    }
    return violations.size() == before ? changes : null;
  }

  /**
   * The {@code attributes} object: up to 64 keys of {@code A-Z a-z 0-9 . _ -}, whose values are
   * strings, finite numbers or booleans. Integral numbers become {@link Long}, others {@link
   * Double}, the types {@link Event} keeps.
   */
  Map<String, Object> attributes(String field) {
    JsonNode value = value(field);
    if (value == null) {
      return null;
    }
    if (!value.isObject()) {
      return violate(field, "must be an object (got " + jsonType(value) + ")");
    }
    if (value.size() > MAX_ATTRIBUTES) {
      return violate(
          field, "must have at most " + MAX_ATTRIBUTES + " keys (got " + value.size() + ")");
    }
    Map<String, Object> attributes = new LinkedHashMap<>();
    int before = violations.size();
    for (Map.Entry<String, JsonNode> entry : value.properties()) {
      String key = entry.getKey();
      String name = field + "." + shownName(key);
      if (key.isEmpty()
          || key.length() > MAX_ATTRIBUTE_KEY_LENGTH
          || !ATTRIBUTE_KEY.matcher(key).matches()) {
        violate(
            name,
            "key must be 1 to " + MAX_ATTRIBUTE_KEY_LENGTH + " characters of A-Z a-z 0-9 . _ -");
      } else {
        attributes.put(key, attribute(name, entry.getValue()));
      }
    }
    return violations.size() == before ? attributes : null;
  }

  /**
   * Rejects every field of the object that no read asked about, so that a misspelt field is an
   * error rather than silently lost data; a name close to a known field is suggested.
   */
  void rejectUnknown(String reason, String advice) {
    for (Map.Entry<String, JsonNode> field : object.properties()) {
      String name = field.getKey();
      if (!known.contains(name)) {
        violate(shownName(name), reason + suggestion(name) + "; " + advice);
      }
    }
  }

  /** Adds a violation of the field; returns null so that a read can {@code return violate(..)}. */
  <T> T violate(String field, String reason) {
    violations.add(new Violation(path + field, reason));
    return null;
  }

  /** The JSON type of a value as the contract's readers know it: string, number, object... */
  static String jsonType(JsonNode value) {
    return switch (value.getNodeType()) {
      case STRING -> "string";
      case NUMBER -> "number";
      case BOOLEAN -> "boolean";
      case ARRAY -> "array";
      case OBJECT, POJO -> "object";
      case BINARY -> "binary";
      case NULL, MISSING -> "null";
    };
  }

  private JsonNode value(String field) {
    known.add(field);
    JsonNode value = object.get(field);
    return value == null || value.isNull() ? null : value;
  }

  private String text(String field, JsonNode value) {
    if (!value.isTextual()) {
      return violate(field, "must be a string (got " + jsonType(value) + ")");
    }
    return value.textValue();
  }

  private String id(String field, JsonNode value) {
    return printable(field, value, MAX_ID_LENGTH);
  }

  private String printable(String field, JsonNode value, int maxLength) {
    String text = text(field, value);
    if (text == null) {
      return null;
    }
    int length = length(text);
    if (length < 1 || length > maxLength) {
      return violate(
          field,
          "must be 1 to " + maxLength + " printable characters (got " + length + " characters)");
    }
    if (!text.codePoints().allMatch(FieldReader::isPrintable)) {
      return violate(
          field,
          "must be printable characters, without control characters (got " + shown(text) + ")");
    }
    return text;
  }

  private Instant time(String field, JsonNode value) {
    if (!value.isTextual()) {
      return violate(field, RFC_3339_RULE + " (got " + jsonType(value) + ")");
    }
    String text = value.textValue();
    Instant time = canonicalUtc(text);
    if (time == null) {
      time = RFC_3339.matcher(text).matches() ? instant(text) : null;
    }
    if (time == null) {
      return violate(field, RFC_3339_RULE + " (got " + shown(text) + ")");
    }
    if (time.isBefore(Instant.EPOCH)) {
      return violate(field, "must not be before 1970 (got " + shown(text) + ")");
    }
    if (time.isAfter(receivedAt.plus(MAX_FUTURE))) {
      return violate(
          field,
          "must not be more than 1 hour ahead of the receiving clock, "
              + receivedAt
              + " (got "
              + shown(text)
              + ")");
    }
    return time;
  }

  /**
   * The instant of the form every canonical event has ({@code 2026-03-01T14:03:22.120Z}: UTC, upper
   * case, zero to nine fraction digits), read without the pattern and {@code java.time}'s parser,
   * which took most of the time of decoding an event; null for any other text, which the general
   * path then decides on.
   */
  private static Instant canonicalUtc(String text) {
    int length = text.length();
    if (length < 20
        || length > 30
        || length == 21
        || text.charAt(4) != '-'
        || text.charAt(7) != '-'
        || text.charAt(10) != 'T'
        || text.charAt(13) != ':'
        || text.charAt(16) != ':'
        || text.charAt(length - 1) != 'Z'
        || (length > 20 && text.charAt(19) != '.')) {
      return null;
    }
    int year = digits(text, 0, 4);
    int month = digits(text, 5, 2);
    int day = digits(text, 8, 2);
    int hour = digits(text, 11, 2);
    int minute = digits(text, 14, 2);
    int second = digits(text, 17, 2);
    int fraction = length > 20 ? digits(text, 20, length - 21) : 0;
    if (year < 0
        || month < 1
        || month > 12
        || day < 1
        || day > 28 && day > Month.of(month).length(Year.isLeap(year))
        || hour < 0
        || hour > 23
        || minute < 0
        || minute > 59
        || second < 0
        || second > 59
        || fraction < 0) {
      return null;
    }
    int nanos = fraction;
    for (int i = length - 21; i < 9; i++) {
      nanos *= 10;
    }
    long days = LocalDate.of(year, month, day).toEpochDay();
    return Instant.ofEpochSecond(days * 86_400 + hour * 3_600 + minute * 60 + second, nanos);
  }

  /** The value of {@code count} decimal digits at {@code start}; -1 if one is not a digit. */
  private static int digits(String text, int start, int count) {
    int value = 0;
    for (int i = start; i < start + count; i++) {
      int digit = text.charAt(i) - '0';
      if (digit < 0 || digit > 9) {
        return -1;
      }
      value = value * 10 + digit;
    }
    return value;
  }

  /** The instant of an RFC 3339 text, or null when its date or offset does not exist. */
  private static Instant instant(String rfc3339) {
    try {
      // The pattern admits lower-case t and z, as RFC 3339 does; java.time wants upper case.
      return OffsetDateTime.parse(
              rfc3339.toUpperCase(Locale.ROOT), DateTimeFormatter.ISO_OFFSET_DATE_TIME)
          .toInstant();
    } catch (DateTimeException noSuchTime) {
      return null;
    }
  }

  private List<JsonNode> array(String field) {
    JsonNode value = value(field);
    if (value == null) {
      return null;
    }
    if (!value.isArray()) {
      return violate(field, "must be an array (got " + jsonType(value) + ")");
    }
    if (value.size() > MAX_ARRAY_ELEMENTS) {
      return violate(
          field,
          "must have at most " + MAX_ARRAY_ELEMENTS + " elements (got " + value.size() + ")");
    }
    List<JsonNode> elements = new ArrayList<>(value.size());
    value.forEach(elements::add);
    return elements;
  }

  private Object attribute(String name, JsonNode value) {
    if (value.isTextual()) {
      int length = length(value.textValue());
      if (length > MAX_ATTRIBUTE_TEXT_LENGTH) {
        return violate(
            name,
            "must be at most "
                + MAX_ATTRIBUTE_TEXT_LENGTH
                + " characters (got "
                + length
                + " characters)");
      }
      return value.textValue();
    }
    if (value.isBoolean()) {
      return value.booleanValue();
    }
    if (value.isIntegralNumber() && value.canConvertToLong()) {
      return value.longValue();
    }
    if (value.isNumber()) {
      double number = value.doubleValue();
      return Double.isFinite(number)
          ? number
          : violate(name, "must be a finite number (got " + value + ")");
    }
    return violate(
        name,
        "must be a string, number or boolean; attributes are flat (got " + jsonType(value) + ")");
  }

  private static String slugRule() {
    return "must be a slug: 1 to " + MAX_SLUG_LENGTH + " characters of a-z 0-9 . _ -";
  }

  private static <E extends Enum<E> & WireValue> String wireNames(Class<E> type) {
    return Arrays.stream(type.getEnumConstants())
        .map(WireValue::wireName)
        .collect(Collectors.joining(", "));
  }

  /** Characters as a reader counts them: code points, so an emoji is one. */
  private static int length(String text) {
    return text.codePointCount(0, text.length());
  }

  /** Not a control character, nor half of a surrogate pair that a JSON escape can produce. */
  private static boolean isPrintable(int codePoint) {
    return !Character.isISOControl(codePoint)
        && Character.getType(codePoint) != Character.SURROGATE;
  }

  /** A value quoted as JSON and cut short, safe to put in a message whatever the sender sent. */
  private static String shown(String text) {
    String cut =
        length(text) <= SHOWN_VALUE_LENGTH
            ? text
            : text.substring(0, text.offsetByCodePoints(0, SHOWN_VALUE_LENGTH)) + "...";
    return new TextNode(cut).toString();
  }

  /** A field name as given when it is a plain name, quoted and cut short otherwise. */
  private static String shownName(String name) {
    return !name.isEmpty()
            && name.length() <= MAX_ATTRIBUTE_KEY_LENGTH
            && ATTRIBUTE_KEY.matcher(name).matches()
        ? name
        : shown(name);
  }

  /** The known field an unknown name is probably a misspelling of, as advice; or nothing. */
  private String suggestion(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    return known.stream()
        .filter(field -> editDistance(lower, field) <= (field.length() < 6 ? 1 : 2))
        .min(
            Comparator.comparingInt((String field) -> editDistance(lower, field))
                .thenComparing(Comparator.naturalOrder()))
        .map(field -> " (did you mean " + field + "?)")
        .orElse("");
  }

  /** Levenshtein distance: the fewest single-character edits that turn one into the other. */
  private static int editDistance(String a, String field) {
    int[] previous = new int[field.length() + 1];
    int[] current = new int[field.length() + 1];
    for (int j = 0; j <= field.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= field.length(); j++) {
        int substitution = previous[j - 1] + (a.charAt(i - 1) == field.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[field.length()];
  }
}
