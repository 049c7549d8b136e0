package dev.paved.model;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One event of the contract: the envelope every event has, and the body of its type.
 *
 * <p>{@code team}, {@code actor}, {@code service} and {@code source} are null when not sent.
 * Attribute values are normalised to {@link String}, {@link Long}, {@link Double} or {@link
 * Boolean}, the types JSON decoding gives back, so an event survives an encode/decode round trip
 * unchanged.
 *
 * @param id the sender's id, the deduplication key
 * @param time when it happened; the sender's offset is not kept
 */
public record Event(
    String id,
    EventType type,
    Instant time,
    String team,
    String actor,
    String service,
    String source,
    Map<String, Object> attributes,
    EventBody body) {

  public Event {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(time, "time");
    Objects.requireNonNull(body, "body");
    if (body.type() != type) {
      throw new IllegalArgumentException(
          "type " + type.wireName() + " does not match a " + body.type().wireName() + " body");
    }
    attributes = normalised(attributes);
  }

  private static Map<String, Object> normalised(Map<String, Object> attributes) {
    if (attributes == null || attributes.isEmpty()) {
      return Map.of();
    }
    Map<String, Object> copy = new LinkedHashMap<>();
    attributes.forEach((key, value) -> copy.put(Objects.requireNonNull(key), normalised(value)));
    return Collections.unmodifiableMap(copy);
  }

  private static Object normalised(Object value) {
    if (value instanceof String || value instanceof Boolean || value instanceof Long) {
      return value;
    }
    if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
      return ((Number) value).longValue();
    }
    if (value instanceof Double || value instanceof Float) {
      double number = ((Number) value).doubleValue();
      if (Double.isFinite(number)) {
        return number;
      }
    }
    throw new IllegalArgumentException(
        "attribute values must be strings, finite numbers or booleans, not " + value);
  }
}
