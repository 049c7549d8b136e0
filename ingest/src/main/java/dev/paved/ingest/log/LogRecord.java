package dev.paved.ingest.log;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One message of the event log: the key decides the partition, the value is the payload, the
 * headers describe it without parsing it. See "Event log message format" in {@code
 * ingest/README.md}.
 */
public record LogRecord(String key, byte[] value, Map<String, String> headers) {
  public static final String SOURCE_HEADER = "source";
  public static final String TYPE_HEADER = "type";
  public static final String CONTENT_TYPE_HEADER = "content-type";
  public static final String JSON = "application/json";

  public LogRecord {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(value, "value");
    // Kept in insertion order so the headers read back in the order they were written.
    headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
  }

  /**
   * An event as the log stores it: keyed by its {@code id} so that a resent duplicate lands in the
   * same partition as the original, where consumers can drop it.
   */
  public static LogRecord event(String id, String source, String type, byte[] canonicalJson) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put(SOURCE_HEADER, source);
    headers.put(TYPE_HEADER, type);
    headers.put(CONTENT_TYPE_HEADER, JSON);
    return new LogRecord(id, canonicalJson, headers);
  }

  @Override
  public String toString() {
    return "LogRecord[key=" + key + ", value=" + value.length + " bytes, headers=" + headers + "]";
  }
}
