package dev.paved.jobs.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import dev.paved.model.Decoded;
import dev.paved.model.Event;
import dev.paved.model.EventCodec;
import dev.paved.model.EventType;
import java.io.IOException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import org.apache.flink.api.common.typeinfo.TypeInfo;

/**
 * One event as the jobs carry it between operators: the few fields every operator needs (id, type,
 * event time, the sender and when ingest received it) and the canonical JSON, from which the full
 * {@link Event} is decoded only where it is needed ({@link #event()}), once per operator chain.
 *
 * <p>Immutable. Flink moves it with {@link LoggedEventSerializer} (about 40 bytes plus the JSON),
 * never with Kryo: {@link Event}'s maps and sealed bodies are not sent between operators.
 *
 * <p>Decode and map it to a compact row or fact type of your own before your first {@code keyBy}:
 * after a shuffle, {@link #event()} decodes the JSON again.
 */
@TypeInfo(LoggedEventTypeInfo.Factory.class)
public final class LoggedEvent {
  private final String id;
  private final EventType type;
  private final long timeMillis;
  private final String sender;
  private final long receivedAtMillis;
  private final byte[] json;

  /** Decoded on first use; not serialized. Immutable, so a racy first use is harmless. */
  private transient Event decoded;

  /**
   * @param sender the source of the ingest token that sent it ({@code source} header), "" if none
   * @param json the canonical event JSON (UTF-8), as ingest wrote it; not copied
   */
  public LoggedEvent(
      String id,
      EventType type,
      long timeMillis,
      String sender,
      long receivedAtMillis,
      byte[] json) {
    this.id = Objects.requireNonNull(id, "id");
    this.type = Objects.requireNonNull(type, "type");
    this.timeMillis = timeMillis;
    this.sender = Objects.requireNonNull(sender, "sender");
    this.receivedAtMillis = receivedAtMillis;
    this.json = Objects.requireNonNull(json, "json");
  }

  /**
   * An event decoded already, e.g. in tests: its canonical JSON is encoded here.
   *
   * @param receivedAt when ingest received it
   */
  public static LoggedEvent of(Event event, String sender, Instant receivedAt) {
    LoggedEvent logged =
        new LoggedEvent(
            event.id(),
            event.type(),
            event.time().toEpochMilli(),
            sender,
            receivedAt.toEpochMilli(),
            EventCodec.encode(event));
    logged.decoded = event;
    return logged;
  }

  /** The sender's event id, the deduplication key. */
  public String id() {
    return id;
  }

  public EventType type() {
    return type;
  }

  /** The event time, in epoch milliseconds: Flink's timestamp of this record. */
  public long timeMillis() {
    return timeMillis;
  }

  /** The source of the ingest token that sent it (the record's {@code source} header). */
  public String sender() {
    return sender;
  }

  /** When ingest received it, in epoch milliseconds. */
  public long receivedAtMillis() {
    return receivedAtMillis;
  }

  /** The canonical JSON, UTF-8. Do not modify the array. */
  public byte[] json() {
    return json;
  }

  /**
   * The whole event, decoded from the JSON on first use. The source lets through only JSON that has
   * an id, a type and a time, and {@link EventDecodeCheck} drops what still does not decode, so
   * operators after it can call this freely.
   *
   * @throws InvalidEventException if the JSON is not a valid event
   */
  public Event event() {
    Event event = decoded;
    if (event == null) {
      event = decode();
      decoded = event;
    }
    return event;
  }

  private Event decode() {
    JsonNode tree;
    try {
      tree = EventCodec.mapper().readTree(json);
    } catch (IOException e) {
      throw new InvalidEventException(id, "its JSON does not parse: " + e.getMessage());
    }
    // Ingest checked the event against its own clock when it received it: the same check passes.
    Decoded result = EventCodec.decode(tree, Instant.ofEpochMilli(receivedAtMillis));
    if (result instanceof Decoded.Valid valid) {
      return valid.event();
    }
    throw new InvalidEventException(id, "it breaks the contract: " + result);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof LoggedEvent that
        && timeMillis == that.timeMillis
        && receivedAtMillis == that.receivedAtMillis
        && id.equals(that.id)
        && type == that.type
        && sender.equals(that.sender)
        && Arrays.equals(json, that.json);
  }

  @Override
  public int hashCode() {
    return id.hashCode();
  }

  @Override
  public String toString() {
    return "LoggedEvent[id="
        + id
        + ", type="
        + type.wireName()
        + ", time="
        + Instant.ofEpochMilli(timeMillis)
        + ", sender="
        + sender
        + ", receivedAt="
        + Instant.ofEpochMilli(receivedAtMillis)
        + ", json="
        + json.length
        + " bytes]";
  }

  /** The JSON of a logged event does not decode into a valid event. */
  public static final class InvalidEventException extends RuntimeException {
    public InvalidEventException(String id, String reason) {
      super("event " + id + " in the log is not valid: " + reason);
    }
  }
}
