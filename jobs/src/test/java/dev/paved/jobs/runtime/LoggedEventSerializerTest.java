package dev.paved.jobs.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.paved.jobs.runtime.testing.TestEvents;
import dev.paved.model.Event;
import dev.paved.model.Usage;
import java.io.IOException;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

class LoggedEventSerializerTest {
  private static final LoggedEventSerializer SERIALIZER = LoggedEventSerializer.INSTANCE;

  private final Event event =
      TestEvents.usage(
          "u-1\u00e9\u4e2d", "2026-03-02T10:02:00.250Z", "search", Usage.Action.STEP, "ci");
  private final LoggedEvent logged = TestEvents.logged(event);

  @Test
  void flinkFindsItsOwnTypeInformation() {
    assertSame(LoggedEventTypeInfo.INSTANCE, TypeInformation.of(LoggedEvent.class));
  }

  @Test
  void roundTripKeepsEveryField() throws IOException {
    LoggedEvent back = roundTrip(logged);
    assertEquals(logged, back);
    assertEquals("u-1\u00e9\u4e2d", back.id());
    assertEquals(event.time().toEpochMilli(), back.timeMillis());
    assertEquals(TestEvents.SENDER, back.sender());
    assertEquals(event.time().plusSeconds(1).toEpochMilli(), back.receivedAtMillis());
    // The decoded event is not carried: it is decoded again from the JSON, equal to the original.
    assertEquals(event, back.event());
  }

  @Test
  void copyingBytesGivesTheSameBytes() throws IOException {
    DataOutputSerializer first = new DataOutputSerializer(64);
    SERIALIZER.serialize(logged, first);
    DataOutputSerializer second = new DataOutputSerializer(64);
    SERIALIZER.copy(new DataInputDeserializer(first.getCopyOfBuffer()), second);
    assertEquals(
        logged, SERIALIZER.deserialize(new DataInputDeserializer(second.getCopyOfBuffer())));
  }

  @Test
  void copyIsTheSameImmutableInstance() {
    assertTrue(SERIALIZER.isImmutableType());
    assertSame(logged, SERIALIZER.copy(logged));
  }

  @Test
  void snapshotRestoresACompatibleSerializer() throws IOException {
    DataOutputSerializer out = new DataOutputSerializer(64);
    TypeSerializerSnapshot.writeVersionedSnapshot(out, SERIALIZER.snapshotConfiguration());
    TypeSerializerSnapshot<LoggedEvent> restored =
        TypeSerializerSnapshot.readVersionedSnapshot(
            new DataInputDeserializer(out.getCopyOfBuffer()), getClass().getClassLoader());
    TypeSerializer<LoggedEvent> serializer = restored.restoreSerializer();
    assertSame(SERIALIZER, serializer);
    assertTrue(
        SERIALIZER.snapshotConfiguration().resolveSchemaCompatibility(restored).isCompatibleAsIs());
  }

  private static LoggedEvent roundTrip(LoggedEvent event) throws IOException {
    DataOutputSerializer out = new DataOutputSerializer(64);
    SERIALIZER.serialize(event, out);
    return SERIALIZER.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
  }
}
