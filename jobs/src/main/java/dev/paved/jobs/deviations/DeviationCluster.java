package dev.paved.jobs.deviations;

import java.time.Instant;
import java.util.List;

/**
 * One cluster of deviations that left the golden path the same way (metrics.md §4).
 *
 * @param members the deviations in it, by identity
 * @param replacements the distinct {@code actual} values, sorted
 * @param teams distinct teams
 * @param services distinct services named (deviations without a service add none)
 * @param terms the most telling reason terms, strongest first
 * @param firstSeen the earliest start of its current members' spells off the path (not of past
 *     members: so a backfill, which sees no past refresh, gives what streaming gives)
 * @param growth30d members whose spell off the path began in the growth window before the clock
 * @param widenCandidate at least {@link DeviationSettings#widenTeams} teams
 */
public record DeviationCluster(
    String id,
    String component,
    String goldenPath,
    List<ActiveDeviation> members,
    List<String> replacements,
    int teams,
    int services,
    List<String> terms,
    Instant firstSeen,
    int growth30d,
    boolean widenCandidate) {}
