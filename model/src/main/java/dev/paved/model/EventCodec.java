package dev.paved.model;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Objects;

/**
 * The event contract's JSON: decoding with validation, and encoding in the wire format.
 *
 * <p>Decoding applies every rule of the event contract, version 1, and reports every violation of
 * an event, each naming its field. Where the contract leaves room, these are the rules:
 *
 * <ul>
 *   <li><b>Slugs</b>, 1 to 100 characters of {@code a-z 0-9 . _ -}: {@code team}, {@code service},
 *       {@code source}, {@code feature}, {@code step}, {@code environment}, {@code component},
 *       {@code golden_path}, {@code actual} and {@code question}. All are names that metrics group
 *       by, and every example the contract gives for them is a slug.
 *   <li><b>Ids</b>, 1 to 128 printable characters: {@code id}, {@code actor}, every {@code *_id},
 *       {@code caused_by_deploy} and the elements of {@code change_ids} and {@code commit_ids}.
 *       Printable means no control character (U+0000–U+001F, U+007F–U+009F) and no unpaired
 *       surrogate; length counts code points.
 *   <li><b>Labels</b> in the sender's own scale, 1 to 100 printable characters: {@code severity},
 *       {@code priority}.
 *   <li><b>Free text</b>, which may hold line breaks and tabs but no other control character:
 *       {@code reason} and {@code comment} up to 4,000 characters, {@code error} up to 1,000.
 *   <li><b>Timestamps</b>: {@code time} and every other timestamp ({@code pr_*_at}, {@code
 *       started_at}, an inline change's {@code time}) are RFC 3339 strings with an offset and
 *       seconds, not before 1970 and not more than an hour ahead of the receiving clock. The offset
 *       is not kept: an {@link Instant} is.
 *   <li>A JSON {@code null} is the same as an absent field.
 *   <li><b>Unknown fields</b> are rejected, fields of another type included, so that a misspelt
 *       field is an error instead of silently lost data; extra data goes in {@code attributes}.
 *       When the type itself is missing or unknown, other fields are not judged.
 *   <li>A deploy may send both {@code change_ids} and {@code changes}; it shipped all of them.
 *   <li>{@code usage} needs {@code run_id} for every action but {@code used}, and {@code step} for
 *       {@code step} and {@code failed}; {@code step} and {@code error} are accepted with any
 *       action.
 *   <li>Survey scales need {@code scale_min < scale_max} and the score within them, ends included.
 * </ul>
 *
 * <p>The size of a whole event ({@link #MAX_EVENT_BYTES}) is checked where the bytes are, by
 * ingest.
 */
public final class EventCodec {

  /** The largest event, in bytes of JSON, that ingest accepts. */
  public static final int MAX_EVENT_BYTES = 64 * 1024;

  /**
   * An event is at most four levels deep (batch array, event, {@code changes}, inline change);
   * deeper JSON is refused by the parser before it can cost stack or memory.
   */
  private static final int MAX_NESTING_DEPTH = 32;

  private static final ObjectMapper MAPPER = mapperBuilder().build();

  private EventCodec() {}

  /**
   * The JSON configuration every module uses to read and write events: no duplicate keys (a second
   * value must not silently replace the first), no trailing content after a value, bounded nesting.
   * Modules that need more build on it.
   */
  public static JsonMapper.Builder mapperBuilder() {
    JsonFactory factory =
        JsonFactory.builder()
            .streamReadConstraints(
                StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING_DEPTH).build())
            .build();
    return JsonMapper.builder(factory)
        .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
  }

  /** A shared mapper built by {@link #mapperBuilder()}; safe to share, so never reconfigure it. */
  public static ObjectMapper mapper() {
    return MAPPER;
  }

  /**
   * Validates one JSON event and makes it an {@link Event}.
   *
   * @param receivedAt the receiving clock, which bounds how far in the future timestamps may be
   * @return the event, or every violation it has
   */
  public static Decoded decode(JsonNode json, Instant receivedAt) {
    Objects.requireNonNull(json, "json");
    Objects.requireNonNull(receivedAt, "receivedAt");
    return EventDecoder.decode(json, receivedAt);
  }

  /**
   * The event in the wire format, canonical: the contract's field names in its order, times in UTC
   * ({@code 2026-03-01T14:03:22.120Z}), defaults written out. {@code decode(toJson(e))} equals
   * {@code e} for every valid event.
   */
  public static ObjectNode toJson(Event event) {
    return EventEncoder.toJson(event);
  }

  /** {@link #toJson} as UTF-8 bytes. */
  public static byte[] encode(Event event) {
    try {
      return MAPPER.writeValueAsBytes(toJson(event));
    } catch (JsonProcessingException impossible) {
      // Writing a tree of plain values to memory cannot fail.
      throw new UncheckedIOException(impossible);
    }
  }

  /** {@link #toJson} as a string. */
  public static String encodeToString(Event event) {
    try {
      return MAPPER.writeValueAsString(toJson(event));
    } catch (JsonProcessingException impossible) {
      throw new UncheckedIOException(impossible);
    }
  }
}
