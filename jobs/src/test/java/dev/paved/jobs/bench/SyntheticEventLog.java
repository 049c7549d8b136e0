package dev.paved.jobs.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.paved.config.KafkaConfig;
import dev.paved.ingest.log.EventLog;
import dev.paved.ingest.log.EventTopic;
import dev.paved.ingest.log.LogRecord;
import dev.paved.ingest.synthetic.OrganisationShape;
import dev.paved.ingest.synthetic.SyntheticOrganisation;
import dev.paved.model.Decoded;
import dev.paved.model.Event;
import dev.paved.model.EventCodec;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The synthetic organisation's events as ingest appends them to the log: each generated line
 * validated and re-encoded canonically ({@link EventCodec}), keyed by id, with the four headers.
 * {@code received-at} is a clock that never runs backwards: the newest event time generated so far
 * (so late events arrive late, and no event is in the future), the same on every pass. The
 * generator's duplicates are kept (ingest would drop those within its recent-ids window; the jobs
 * drop them all); lines that are not valid events are left out, as ingest would refuse them.
 */
public final class SyntheticEventLog {
  /** How many appends (of {@link #BATCH} records) may await the broker at once. */
  private static final int IN_FLIGHT = 16;

  static final int BATCH = 1000;

  private SyntheticEventLog() {}

  /** What {@link #append} appended. */
  public record Appended(long events, long skipped, long bytes) {}

  /**
   * Appends the first {@code limit} events of {@code shape} and {@code seed} to {@code topic}
   * (created if missing), waiting until the broker has all of them; each record's value, a line,
   * also goes to {@code ndjson} if not null.
   */
  public static Appended append(
      String bootstrapServers,
      KafkaConfig topic,
      OrganisationShape shape,
      long seed,
      long limit,
      OutputStream ndjson)
      throws Exception {
    try (EventTopic events = new EventTopic(bootstrapServers, topic)) {
      events.createIfMissing(Duration.ofSeconds(30));
    }
    Records records = new Records(new SyntheticOrganisation(shape, seed).iterator(), limit);
    long count = 0;
    long bytes = 0;
    Deque<CompletableFuture<Void>> pending = new ArrayDeque<>();
    try (EventLog log = new EventLog(bootstrapServers, topic.topic(), Duration.ofMinutes(2))) {
      List<LogRecord> batch = new ArrayList<>(BATCH);
      while (records.hasNext()) {
        LogRecord record = records.next();
        batch.add(record);
        count++;
        bytes += record.value().length;
        if (ndjson != null) {
          ndjson.write(record.value());
          ndjson.write('\n');
        }
        if (batch.size() == BATCH || !records.hasNext()) {
          pending.add(log.append(batch));
          batch = new ArrayList<>(BATCH);
          while (pending.size() > IN_FLIGHT) {
            pending.removeFirst().get(2, TimeUnit.MINUTES);
          }
        }
      }
      for (CompletableFuture<Void> append : pending) {
        append.get(2, TimeUnit.MINUTES);
      }
    }
    return new Appended(count, records.skipped, bytes);
  }

  /** All the records of the first {@code limit} generated lines, in memory: for small shapes. */
  public static List<LogRecord> records(OrganisationShape shape, long seed, long limit) {
    List<LogRecord> all = new ArrayList<>();
    new Records(new SyntheticOrganisation(shape, seed).iterator(), limit)
        .forEachRemaining(all::add);
    return all;
  }

  /** The records of the generated lines, lazily. */
  private static final class Records implements Iterator<LogRecord> {
    private final Iterator<byte[]> lines;
    private final long limit;
    private long read;
    private long skipped;
    private Instant clock = Instant.EPOCH;
    private LogRecord next;

    Records(Iterator<byte[]> lines, long limit) {
      this.lines = lines;
      this.limit = limit;
    }

    @Override
    public boolean hasNext() {
      while (next == null && read < limit && lines.hasNext()) {
        read++;
        next = record(lines.next());
        if (next == null) {
          skipped++;
        }
      }
      return next != null;
    }

    @Override
    public LogRecord next() {
      if (!hasNext()) {
        throw new java.util.NoSuchElementException();
      }
      LogRecord record = next;
      next = null;
      return record;
    }

    private LogRecord record(byte[] line) {
      JsonNode json;
      try {
        json = EventCodec.mapper().readTree(line);
      } catch (IOException e) {
        return null;
      }
      Instant time;
      try {
        time = Instant.parse(json.path("time").asText());
      } catch (RuntimeException e) {
        return null;
      }
      if (time.isAfter(clock)) {
        clock = time;
      }
      Instant receivedAt = clock.plusMillis(250);
      if (!(EventCodec.decode(json, receivedAt) instanceof Decoded.Valid valid)) {
        return null;
      }
      Event event = valid.event();
      Map<String, String> headers = new LinkedHashMap<>();
      headers.put(LogRecord.SOURCE_HEADER, event.source() == null ? "synthetic" : event.source());
      headers.put(LogRecord.TYPE_HEADER, event.type().wireName());
      headers.put("received-at", receivedAt.toString());
      headers.put(LogRecord.CONTENT_TYPE_HEADER, LogRecord.JSON);
      return new LogRecord(event.id(), EventCodec.encode(event), headers);
    }
  }
}
