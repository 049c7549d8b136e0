package dev.paved.ingest.synthetic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.paved.model.Decoded;
import dev.paved.model.EventCodec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SyntheticOrganisationTest {

  @Test
  void sameSeedGivesTheSameBytesInTheSameOrder() {
    List<byte[]> first = all(new SyntheticOrganisation(OrganisationShape.tiny(), 7));
    List<byte[]> second = all(new SyntheticOrganisation(OrganisationShape.tiny(), 7));
    assertEquals(first.size(), second.size());
    for (int i = 0; i < first.size(); i++) {
      assertArrayEquals(first.get(i), second.get(i), "line " + i);
    }
  }

  @Test
  void sameSeedGivesTheSameSmallOrganisation() {
    Iterator<byte[]> first = new SyntheticOrganisation(OrganisationShape.small(), 3).iterator();
    Iterator<byte[]> second = new SyntheticOrganisation(OrganisationShape.small(), 3).iterator();
    for (int i = 0; i < 5_000; i++) {
      assertArrayEquals(first.next(), second.next(), "line " + i);
    }
  }

  @Test
  void anotherSeedGivesAnotherOrganisation() {
    List<byte[]> one = all(new SyntheticOrganisation(OrganisationShape.tiny(), 7));
    List<byte[]> other = all(new SyntheticOrganisation(OrganisationShape.tiny(), 8));
    int same = 0;
    for (int i = 0; i < Math.min(one.size(), other.size()); i++) {
      if (Arrays.equals(one.get(i), other.get(i))) {
        same++;
      }
    }
    assertEquals(0, same, "lines identical at the same position");
  }

  @Test
  void everyEventIsValidByTheContract() throws IOException {
    // Well after the period, so that no timestamp is in the receiving clock's future.
    Instant receivedAt = Instant.parse("2030-01-01T00:00:00Z");
    List<String> invalid = new ArrayList<>();
    long events = 0;
    for (byte[] line : new SyntheticOrganisation(OrganisationShape.small(), 42)) {
      events++;
      assertTrue(line.length <= EventCodec.MAX_EVENT_BYTES, "event of " + line.length + " bytes");
      JsonNode json = EventCodec.mapper().readTree(line);
      if (EventCodec.decode(json, receivedAt) instanceof Decoded.Invalid rejected
          && invalid.size() < 10) {
        invalid.add(rejected.violations() + " in " + json);
      }
    }
    assertTrue(events > 20_000, events + " events");
    assertEquals(List.of(), invalid);
  }

  @Test
  void linesAreTheEventsAsStrings() {
    SyntheticOrganisation organisation = new SyntheticOrganisation(OrganisationShape.tiny(), 5);
    List<String> lines = organisation.lines().toList();
    List<byte[]> events = all(organisation);
    assertEquals(events.size(), lines.size());
    assertEquals(new String(events.get(0), StandardCharsets.UTF_8), lines.get(0));
    assertFalse(lines.get(0).contains("\n"));
  }

  @Test
  void writesNdjson(@TempDir Path directory) throws IOException {
    Path file = directory.resolve("tiny.ndjson");
    long events = new SyntheticOrganisation(OrganisationShape.tiny(), 5).writeNdjson(file);
    List<String> lines = Files.readAllLines(file);
    assertEquals(events, lines.size());
    assertEquals(new SyntheticOrganisation(OrganisationShape.tiny(), 5).lines().toList(), lines);
  }

  private static List<byte[]> all(SyntheticOrganisation organisation) {
    List<byte[]> lines = new ArrayList<>();
    organisation.forEach(lines::add);
    return lines;
  }
}
