package dev.paved.ingest.synthetic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class OrganisationShapeTest {
  private static final Instant START = OrganisationShape.DEFAULT_START;

  @Test
  void referenceIsTheTargetsDataSet() {
    OrganisationShape reference = OrganisationShape.reference();
    assertEquals(200, reference.teams());
    assertEquals(2_000, reference.developers());
    assertEquals(1_500, reference.services());
    assertEquals(365, reference.days());
    assertEquals(Instant.parse("2025-01-01T00:00:00Z"), reference.start());
  }

  @Test
  void refusesShapesItCannotSimulate() {
    Duration days = Duration.ofDays(10);
    assertThrows(IllegalArgumentException.class, () -> new OrganisationShape(0, 5, 5, START, days));
    assertThrows(IllegalArgumentException.class, () -> new OrganisationShape(4, 3, 5, START, days));
    assertThrows(IllegalArgumentException.class, () -> new OrganisationShape(4, 5, 3, START, days));
    assertThrows(
        IllegalArgumentException.class,
        () -> new OrganisationShape(1, 1, 1, START.plusSeconds(3600), days));
    assertThrows(
        IllegalArgumentException.class,
        () -> new OrganisationShape(1, 1, 1, START, Duration.ofHours(36)));
    assertThrows(
        IllegalArgumentException.class, () -> new OrganisationShape(1, 1, 1, START, Duration.ZERO));
  }
}
