package dev.paved.jobs.raw;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.paved.jobs.runtime.LoggedEvent;
import dev.paved.jobs.runtime.RowFormat;
import dev.paved.jobs.runtime.testing.TestEvents;
import dev.paved.model.Event;
import dev.paved.model.EventCodec;
import dev.paved.model.EventType;
import dev.paved.model.Incident;
import dev.paved.model.Ticket;
import dev.paved.model.Usage;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.junit.jupiter.api.Test;

/** Events to rows of the raw table, without Flink. */
class EventRowTest {

  @Test
  void aUsageEventFillsTheEnvelopeTheWorkflowColumnsAndTheAttributes() {
    Map<String, Object> attributes = new LinkedHashMap<>();
    attributes.put("region", "eu-west-1");
    attributes.put("retries", 3L);
    attributes.put("ratio", 0.25);
    attributes.put("dry_run", true);
    Event event =
        new Event(
            "u-55-3",
            EventType.USAGE,
            Instant.parse("2026-03-02T10:02:00.250Z"),
            "search",
            "dev-77",
            "indexer",
            "backstage",
            attributes,
            new Usage("service-template", Usage.Action.STEP, "r-55", "configure-ci", null));
    LoggedEvent logged =
        LoggedEvent.of(event, "platform-portal", Instant.parse("2026-03-02T10:02:01.007Z"));

    EventRow row = EventRow.of(logged);

    assertEquals("u-55-3", row.id());
    assertEquals("usage", row.type());
    assertEquals("2026-03-02 10:02:00", row.time());
    assertEquals(250, row.timeMs());
    assertEquals("search", row.team());
    assertEquals("dev-77", row.actor());
    assertEquals("indexer", row.service());
    assertEquals("backstage", row.source());
    assertEquals("platform-portal", row.sender());
    assertEquals("step", row.action());
    assertEquals("service-template", row.feature());
    assertEquals("configure-ci", row.step());
    assertEquals("r-55", row.runId());
    assertArrayEquals(new String[] {"region", "retries", "ratio", "dry_run"}, row.attrKeys());
    assertArrayEquals(new String[] {"eu-west-1", "3", "0.25", "true"}, row.attrValues());
    assertEquals(EventCodec.encodeToString(event), row.payload());
    assertEquals("2026-03-02 10:02:01", row.receivedAt());
    assertEquals(7, row.receivedMs());
  }

  @Test
  void absentFieldsAreEmptyAndOnlyTypesWithAnActionHaveOne() {
    EventRow deploy =
        EventRow.of(TestEvents.logged(TestEvents.deploy("d", "2026-03-02T11:40:12Z", "checkout")));
    assertEquals("", deploy.actor());
    assertEquals("", deploy.source());
    assertEquals("", deploy.action(), "a deploy's outcome is its status, in the payload");
    assertEquals("", deploy.feature());
    assertEquals("", deploy.runId());
    assertEquals(0, deploy.attrKeys().length);

    Event incident =
        new Event(
            "i-1",
            EventType.INCIDENT,
            Instant.parse("2026-03-02T12:00:00Z"),
            null,
            null,
            null,
            null,
            Map.of(),
            new Incident("inc-1", Incident.Action.RESOLVED, null, null));
    assertEquals("resolved", EventRow.of(TestEvents.logged(incident)).action());
    assertEquals("", EventRow.of(TestEvents.logged(incident)).team());

    Event ticket =
        new Event(
            "t-1",
            EventType.TICKET,
            Instant.parse("2026-03-02T12:00:00Z"),
            "search",
            "dev-9",
            null,
            null,
            Map.of(),
            new Ticket("tk-1", Ticket.Action.OPENED, "ci-runners", null, Ticket.Kind.REQUEST));
    EventRow ticketRow = EventRow.of(TestEvents.logged(ticket));
    assertEquals("opened", ticketRow.action());
    assertEquals("ci-runners", ticketRow.feature());
  }

  @Test
  void theRowIsWrittenWithTheTableColumnNamesAndNoVersion() throws Exception {
    EventRow row =
        EventRow.of(TestEvents.logged(TestEvents.change("c", "2026-03-02T09:14:00Z", "checkout")));
    StringWriter json = new StringWriter();
    try (JsonGenerator generator = EventCodec.mapper().getFactory().createGenerator(json)) {
      RowFormat.fields(EventRow.class).write(row, generator);
    }
    Map<?, ?> columns = EventCodec.mapper().readValue(json.toString(), Map.class);
    assertEquals(
        java.util.List.of(
            "id",
            "type",
            "time",
            "time_ms",
            "team",
            "actor",
            "service",
            "source",
            "sender",
            "action",
            "feature",
            "step",
            "run_id",
            "attr_keys",
            "attr_values",
            "payload",
            "received_at",
            "received_ms"),
        java.util.List.copyOf(columns.keySet()));
    assertEquals(
        EventCodec.encodeToString(TestEvents.change("c", "2026-03-02T09:14:00Z", "checkout")),
        columns.get("payload"));
    assertEquals(
        new String(
            TestEvents.logged(TestEvents.change("c", "2026-03-02T09:14:00Z", "checkout")).json(),
            StandardCharsets.UTF_8),
        columns.get("payload"));
  }

  @Test
  void flinkSerializesTheRowAsAPojoNotWithKryo() {
    assertInstanceOf(PojoTypeInfo.class, TypeInformation.of(EventRow.class));
  }
}
