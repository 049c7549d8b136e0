package dev.paved.jobs.onboarding;

import dev.paved.jobs.delivery.ChangeLeadTime;
import dev.paved.jobs.delivery.DeliverySettings;
import dev.paved.jobs.delivery.FactVersion;
import dev.paved.jobs.delivery.LeadTimeCalculator;
import dev.paved.metrics.KaplanMeier;
import dev.paved.model.Developer;
import dev.paved.model.Event;
import java.io.Serializable;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * Developer onboarding time (metrics.md, section 2): from a developer's {@code joined} event to
 * their first authored change, their first successful production deploy shipping a change they
 * authored, and their tenth authored change. Emits a {@link MilestoneFact} per developer and
 * milestone; the API estimates medians per cohort with {@link KaplanMeier}.
 *
 * <p><b>Keyed by developer</b> ({@code actor}). Inputs: {@code developer} events ({@link
 * #onDeveloper}), {@code change} events by their author ({@link #onChange}), and the {@link
 * ChangeLeadTime} facts of {@link LeadTimeCalculator} by their author ({@link #onShipped}), which
 * bring both the deploys and the changes described only inline in a deploy. A change ({@code
 * service + change_id}) counts once however many events name it.
 *
 * <p>Decisions:
 *
 * <ul>
 *   <li><b>Join:</b> the earliest {@code joined} event; a second one (a return) does not restart
 *       onboarding. Developers without one (already there when Paved started) have no rows.
 *   <li><b>Changes before the join</b> (by event time, whatever the arrival order) do not count:
 *       work done before joining is not onboarding. Neither does a deploy before the join.
 *   <li><b>Moved:</b> ignored; onboarding is to the organisation, and rows stay with the team and
 *       cohort of the join.
 *   <li><b>Left:</b> the earliest {@code left} at or after the join ends onboarding: milestones
 *       reached after it do not count, and rows not reached are censored at it rather than at the
 *       clock ({@link MilestoneFact#observation}).
 *   <li>A {@code joined} event may arrive up to {@link DeliverySettings#lateness()} of watermark
 *       after the developer's latest change: until it does, their earliest 1,000 changes are kept.
 * </ul>
 *
 * <p>State lives {@link DeliverySettings#lateness()} after the latest event it absorbed, and while
 * a milestone is still ahead of a developer who has not left, at least {@link
 * DeliverySettings#horizon()} after the join; rows not reached by then stay censored.
 */
public final class DeveloperOnboarding implements Serializable {

  private static final long serialVersionUID = 1L;

  private static final int TENTH = 10;
  private static final int MAX_WAITING_FOR_JOIN = 1_000;

  private static final Comparator<AuthoredChange> FIRST_AUTHORED =
      Comparator.comparing(AuthoredChange::authoredAt).thenComparing(AuthoredChange::changeKey);
  private static final Comparator<AuthoredChange> FIRST_DEPLOYED =
      Comparator.comparing(AuthoredChange::deployedAt).thenComparing(AuthoredChange::changeKey);
  private static final Comparator<MembershipReport> EARLIEST_FIRST =
      Comparator.comparing(MembershipReport::time).thenComparing(MembershipReport::eventId);

  private final DeliverySettings settings;

  public DeveloperOnboarding(DeliverySettings settings) {
    this.settings = Objects.requireNonNull(settings);
  }

  /** Absorbs a {@code developer} event of the key's developer; returns the rows that changed. */
  public List<MilestoneFact> onDeveloper(OnboardingState state, Event developer) {
    Developer.Action action = ((Developer) developer.body()).action();
    if (action == Developer.Action.MOVED
        || state.memberships.stream().anyMatch(known -> known.eventId().equals(developer.id()))) {
      return List.of();
    }
    List<MilestoneFact> before = derived(state);
    state.actor = developer.actor();
    state.memberships.add(
        new MembershipReport(developer.id(), action, developer.time(), developer.team()));
    return absorbed(state, developer.time(), before);
  }

  /** Absorbs a {@code change} event the key's developer authored. */
  public List<MilestoneFact> onChange(OnboardingState state, Event change) {
    return authored(
        state,
        change.actor(),
        new AuthoredChange(LeadTimeCalculator.key(change), change.time(), null),
        change.time());
  }

  /** Absorbs a lead-time fact of a change the key's developer authored. */
  public List<MilestoneFact> onShipped(OnboardingState state, ChangeLeadTime shipped) {
    return authored(
        state,
        shipped.actor(),
        new AuthoredChange(
            LeadTimeCalculator.key(shipped.service(), shipped.changeId()),
            shipped.authoredAt(),
            shipped.deployedAt()),
        shipped.deployedAt());
  }

  /** When the key's state may be dropped: see the class comment. */
  public Instant expiry(OnboardingState state) {
    Instant afterLatest = state.clock.plus(settings.lateness());
    MembershipReport join = join(state);
    boolean waiting =
        derived(state).stream().anyMatch(fact -> fact.reachedAt() == null && fact.leftAt() == null);
    if (join == null || !waiting) {
      return afterLatest;
    }
    Instant horizon = join.time().plus(settings.horizon());
    return horizon.isAfter(afterLatest) ? horizon : afterLatest;
  }

  private List<MilestoneFact> authored(
      OnboardingState state, String actor, AuthoredChange change, Instant eventTime) {
    List<MilestoneFact> before = derived(state);
    state.actor = actor;
    AuthoredChange merged = change;
    for (AuthoredChange known : state.changes) {
      if (known.changeKey().equals(change.changeKey())) {
        merged =
            new AuthoredChange(
                change.changeKey(),
                earlier(known.authoredAt(), change.authoredAt()),
                earlier(known.deployedAt(), change.deployedAt()));
      }
    }
    state.changes.removeIf(known -> known.changeKey().equals(change.changeKey()));
    state.changes.add(merged);
    return absorbed(state, eventTime, before);
  }

  private List<MilestoneFact> absorbed(
      OnboardingState state, Instant eventTime, List<MilestoneFact> before) {
    state.clock = state.clock == null || eventTime.isAfter(state.clock) ? eventTime : state.clock;
    prune(state);
    List<MilestoneFact> after = derive(state);
    state.derived = after;
    long version =
        FactVersion.of(decisiveClock(state), state.memberships.size() + state.changes.size());
    if (after.isEmpty() || (before.equals(after) && version <= state.version)) {
      return List.of();
    }
    // every row carries the developer's one version, so all are emitted again when it moves
    state.version = FactVersion.next(state.version, version);
    return after.stream().map(fact -> fact.withVersion(state.version)).toList();
  }

  /**
   * The latest time among the inputs the state keeps, for the version: a change pruned as soon as
   * it arrives (a developer's hundredth, once the milestones are reached) leaves the rows and their
   * version as they were, instead of emitting them again.
   */
  private static Instant decisiveClock(OnboardingState state) {
    Instant latest = Instant.EPOCH;
    for (MembershipReport membership : state.memberships) {
      latest = membership.time().isAfter(latest) ? membership.time() : latest;
    }
    for (AuthoredChange change : state.changes) {
      latest = change.authoredAt().isAfter(latest) ? change.authoredAt() : latest;
      if (change.deployedAt() != null && change.deployedAt().isAfter(latest)) {
        latest = change.deployedAt();
      }
    }
    return latest;
  }

  /** Keeps only the changes that can still decide a milestone (see {@link OnboardingState}). */
  private void prune(OnboardingState state) {
    MembershipReport join = join(state);
    if (join == null) {
      // Not pruned by the key's own clock: a backfill reads Kafka partitions at different speeds,
      // so that clock can run days ahead of the join's partition. The expiry timer (watermark) ends
      // the wait; the cap bounds a developer whose join never comes.
      if (state.changes.size() > MAX_WAITING_FOR_JOIN) {
        List<AuthoredChange> earliest =
            new ArrayList<>(
                state.changes.stream().sorted(FIRST_AUTHORED).limit(MAX_WAITING_FOR_JOIN).toList());
        state.changes = earliest;
      }
      return;
    }
    List<AuthoredChange> afterJoin =
        state.changes.stream()
            .filter(change -> !change.authoredAt().isBefore(join.time()))
            .toList();
    List<AuthoredChange> kept =
        new ArrayList<>(afterJoin.stream().sorted(FIRST_AUTHORED).limit(TENTH).toList());
    deployedAfter(afterJoin, join.time())
        .sorted(FIRST_DEPLOYED)
        .findFirst()
        .filter(first -> !kept.contains(first))
        .ifPresent(kept::add);
    state.changes = kept;
  }

  /**
   * {@link #derive}, or what the last {@link #absorbed} derived: nothing else changes the state, so
   * the rows it left are the rows of the state (derive was a tenth of a backfill's CPU).
   */
  private static List<MilestoneFact> derived(OnboardingState state) {
    if (state.derived == null) {
      state.derived = derive(state);
    }
    return state.derived;
  }

  /** The developer's rows, with version 0; none until the join is known. */
  private static List<MilestoneFact> derive(OnboardingState state) {
    MembershipReport join = join(state);
    if (join == null) {
      return List.of();
    }
    Instant joinedAt = join.time();
    Instant leftAt =
        state.memberships.stream()
            .filter(report -> report.action() == Developer.Action.LEFT)
            .map(MembershipReport::time)
            .filter(time -> !time.isBefore(joinedAt))
            .min(Comparator.naturalOrder())
            .orElse(null);
    List<AuthoredChange> authored =
        state.changes.stream()
            .filter(change -> !change.authoredAt().isBefore(joinedAt))
            .filter(change -> leftAt == null || !change.authoredAt().isAfter(leftAt))
            .sorted(FIRST_AUTHORED)
            .toList();
    Instant firstDeploy =
        deployedAfter(
                state.changes.stream()
                    .filter(change -> !change.authoredAt().isBefore(joinedAt))
                    .toList(),
                joinedAt)
            .map(AuthoredChange::deployedAt)
            .filter(deployedAt -> leftAt == null || !deployedAt.isAfter(leftAt))
            .min(Comparator.naturalOrder())
            .orElse(null);
    LocalDate cohortMonth = LocalDate.ofInstant(joinedAt, ZoneOffset.UTC).withDayOfMonth(1);
    return List.of(
        fact(state, join, cohortMonth, Milestone.FIRST_CHANGE, authoredAt(authored, 1), leftAt),
        fact(state, join, cohortMonth, Milestone.FIRST_DEPLOY, firstDeploy, leftAt),
        fact(
            state, join, cohortMonth, Milestone.TENTH_CHANGE, authoredAt(authored, TENTH), leftAt));
  }

  private static MilestoneFact fact(
      OnboardingState state,
      MembershipReport join,
      LocalDate cohortMonth,
      Milestone milestone,
      Instant reachedAt,
      Instant leftAt) {
    return new MilestoneFact(
        MilestoneFact.idOf(state.actor, milestone),
        state.actor,
        milestone,
        join.team(),
        join.time(),
        cohortMonth,
        reachedAt,
        leftAt,
        0);
  }

  private static Instant authoredAt(List<AuthoredChange> inOrder, int nth) {
    return inOrder.size() < nth ? null : inOrder.get(nth - 1).authoredAt();
  }

  private static Stream<AuthoredChange> deployedAfter(
      List<AuthoredChange> changes, Instant joinedAt) {
    return changes.stream()
        .filter(change -> change.deployedAt() != null && !change.deployedAt().isBefore(joinedAt));
  }

  private static MembershipReport join(OnboardingState state) {
    return state.memberships.stream()
        .filter(report -> report.action() == Developer.Action.JOINED)
        .min(EARLIEST_FIRST)
        .orElse(null);
  }

  /** The earlier of two instants, either of which may be null (unknown). */
  private static Instant earlier(Instant a, Instant b) {
    if (a == null) {
      return b;
    }
    return b == null || a.isBefore(b) ? a : b;
  }
}
