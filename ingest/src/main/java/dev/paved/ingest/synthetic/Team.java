package dev.paved.ingest.synthetic;

import java.util.List;

/**
 * A team: its slug, delivery tier, UTC offset in hours, relative size, survey mood and the
 * per-quarter trend of that mood, and the services it owns (growing when it creates new ones).
 */
record Team(
    String slug,
    Tier tier,
    int utcOffset,
    double weight,
    double mood,
    double trend,
    List<Service> services) {}
