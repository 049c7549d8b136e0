package dev.paved.jobs.runtime;

import dev.paved.model.EventType;
import java.io.IOException;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.types.StringValue;

/**
 * Writes a {@link LoggedEvent} field by field: id, type (its wire name), time, sender, received-at,
 * then the JSON's length and bytes. A change of this format needs a new snapshot version, or
 * checkpoints taken before it no longer restore.
 */
public final class LoggedEventSerializer extends TypeSerializerSingleton<LoggedEvent> {
  public static final LoggedEventSerializer INSTANCE = new LoggedEventSerializer();

  private static final EventType[] TYPES = EventType.values();

  @Override
  public boolean isImmutableType() {
    return true;
  }

  @Override
  public LoggedEvent createInstance() {
    return new LoggedEvent("", EventType.CHANGE, 0, "", 0, new byte[0]);
  }

  /** Immutable: a copy is the same instance, and keeps its decoded event for chained operators. */
  @Override
  public LoggedEvent copy(LoggedEvent from) {
    return from;
  }

  @Override
  public LoggedEvent copy(LoggedEvent from, LoggedEvent reuse) {
    return from;
  }

  @Override
  public int getLength() {
    return -1;
  }

  @Override
  public void serialize(LoggedEvent event, DataOutputView target) throws IOException {
    StringValue.writeString(event.id(), target);
    StringValue.writeString(event.type().wireName(), target);
    target.writeLong(event.timeMillis());
    StringValue.writeString(event.sender(), target);
    target.writeLong(event.receivedAtMillis());
    byte[] json = event.json();
    target.writeInt(json.length);
    target.write(json);
  }

  @Override
  public LoggedEvent deserialize(DataInputView source) throws IOException {
    String id = StringValue.readString(source);
    EventType type = type(StringValue.readString(source));
    long time = source.readLong();
    String sender = StringValue.readString(source);
    long receivedAt = source.readLong();
    byte[] json = new byte[source.readInt()];
    source.readFully(json);
    return new LoggedEvent(id, type, time, sender, receivedAt, json);
  }

  @Override
  public LoggedEvent deserialize(LoggedEvent reuse, DataInputView source) throws IOException {
    return deserialize(source);
  }

  @Override
  public void copy(DataInputView source, DataOutputView target) throws IOException {
    StringValue.copyString(source, target);
    StringValue.copyString(source, target);
    target.writeLong(source.readLong());
    StringValue.copyString(source, target);
    target.writeLong(source.readLong());
    byte[] json = new byte[source.readInt()];
    source.readFully(json);
    target.writeInt(json.length);
    target.write(json);
  }

  private static EventType type(String wireName) throws IOException {
    for (EventType type : TYPES) {
      if (type.wireName().equals(wireName)) {
        return type;
      }
    }
    throw new IOException("unknown event type in serialized data: " + wireName);
  }

  @Override
  public TypeSerializerSnapshot<LoggedEvent> snapshotConfiguration() {
    return new Snapshot();
  }

  /** Version 1: the format described on the class. */
  public static final class Snapshot extends SimpleTypeSerializerSnapshot<LoggedEvent> {
    public Snapshot() {
      super(() -> INSTANCE);
    }
  }
}
