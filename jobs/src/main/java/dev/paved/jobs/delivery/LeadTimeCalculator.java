package dev.paved.jobs.delivery;

import dev.paved.model.Change;
import dev.paved.model.Deploy;
import dev.paved.model.Event;
import dev.paved.model.InlineChange;
import java.io.Serializable;
import java.time.Instant;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Lead time for changes and its breakdown (metrics.md, section 1): for each change that reaches
 * production, the finish time of the first successful production deploy that shipped it minus the
 * change's {@code time}; for pull requests also the coding, pickup, review and deploy stages. Emits
 * {@link ChangeLeadTime} facts.
 *
 * <p><b>Keyed by change</b>, {@link #key(String, String)} of service and change id. A Flink
 * operator turns each deploy event into {@link #shipments} (one per change it names, by {@code
 * change_ids} or inline), routes them through {@link CommitAliases}, keys them and the {@code
 * change} events by change, and calls {@link #onChange} and {@link #onShipment} with the key's
 * {@link LeadTimeState}. Each call returns the fact to write (empty when nothing changed), and
 * {@link #expiry} says when the key's state may be dropped.
 *
 * <p>Rules, each independent of the order events arrive in:
 *
 * <ul>
 *   <li>Only successful deploys to a production environment ship; failed, rolled-back and
 *       non-production deploys make no shipment. A change shipped several times counts once, by its
 *       earliest-finishing shipment (ties: the smaller deploy id); when an earlier deploy arrives
 *       late the fact is emitted again with it. Success is judged per event: a deploy reported
 *       successful keeps its shipments even if a later event of the same {@code deploy_id} reports
 *       it rolled back (its {@link DeployFact} then shows the rollback).
 *   <li>The change's {@code time} and author come from its {@code change} events (the earliest
 *       {@code time}, the latest team and actor); without one, from an inline description (the
 *       earliest inline {@code time}). A shipped change with neither is held until one arrives.
 *   <li>A later {@code change} event with the same id updates the {@code pr_*} times: per field,
 *       the value of the latest event (by event time, then event id) that has one.
 *   <li>Duplicates (an event id already absorbed) change nothing.
 * </ul>
 *
 * <p>State lives {@link DeliverySettings#lateness()} (7 days) after the latest event it absorbed,
 * or {@link DeliverySettings#horizon()} (180 days) while a change waits for its first deploy. So a
 * deploy waits 7 days for its change event; a change event arriving later than that finds no
 * shipment and waits for the next deploy that names it, which then counts as its first (or never,
 * if none does). An earlier deploy arriving more than 7 days after the change's latest event is
 * likewise not seen.
 *
 * <p>{@code commit_ids}: {@link CommitAliases}, in front of this, routes a deploy naming a merge or
 * squash commit to the change (pull request) that lists it. A shipment of a commit that carries
 * {@link Shipment#claimedBy()} still ships the commit's own change, but its fact is marked {@link
 * ChangeLeadTime#supersededBy()} (by the smallest such pull request) and not counted: the pull
 * request counts that work. Claims are part of the state, so the fact is the same in any order.
 */
public final class LeadTimeCalculator implements Serializable {

  private static final long serialVersionUID = 1L;

  private static final Comparator<Shipment> FIRST_DEPLOY =
      Comparator.comparing(Shipment::finishedAt).thenComparing(Shipment::deployId);
  private static final Comparator<Shipment> FIRST_INLINE =
      Comparator.comparing(Shipment::inlineTime).thenComparing(Shipment::deployId);
  private static final Comparator<ChangeReport> LATEST_FIRST =
      Comparator.comparing(ChangeReport::time).thenComparing(ChangeReport::eventId).reversed();

  private final DeliverySettings settings;

  public LeadTimeCalculator(DeliverySettings settings) {
    this.settings = Objects.requireNonNull(settings);
  }

  /** The key of a change: service slugs hold no {@code /}, so the pair reads back unambiguously. */
  public static String key(String service, String changeId) {
    return service + "/" + changeId;
  }

  /** The key of a {@code change} event. */
  public static String key(Event change) {
    return key(change.service(), ((Change) change.body()).changeId());
  }

  /**
   * The changes a deploy event shipped, one per change whether named in {@code change_ids}, inline
   * or both (the inline description wins, for its time and author); none unless the deploy
   * succeeded in production.
   */
  public List<Shipment> shipments(Event deploy) {
    Deploy body = (Deploy) deploy.body();
    if (body.status() != Deploy.Status.SUCCESS || !settings.isProduction(body.environment())) {
      return List.of();
    }
    Map<String, Shipment> byChange = new LinkedHashMap<>();
    for (String changeId : body.changeIds()) {
      byChange.put(changeId, shipment(deploy, body, changeId, null, null));
    }
    for (InlineChange inline : body.changes()) {
      byChange.put(
          inline.changeId(),
          shipment(deploy, body, inline.changeId(), inline.time(), inline.actor()));
    }
    return List.copyOf(byChange.values());
  }

  /** Absorbs a {@code change} event of the key; returns the fact when it changed. */
  public List<ChangeLeadTime> onChange(LeadTimeState state, Event change) {
    Change body = (Change) change.body();
    if (state.changes.stream().anyMatch(report -> report.eventId().equals(change.id()))) {
      return List.of();
    }
    ChangeLeadTime before = derive(state);
    state.service = change.service();
    state.changeId = body.changeId();
    state.changes.add(
        new ChangeReport(
            change.id(),
            change.time(),
            change.team(),
            change.actor(),
            body.prOpenedAt(),
            body.prFirstReviewAt(),
            body.prMergedAt()));
    return absorbed(state, change.time(), before);
  }

  /**
   * Absorbs a shipment of the key's change, and its claim when it carries one; returns the fact
   * when it changed.
   */
  public List<ChangeLeadTime> onShipment(LeadTimeState state, Shipment shipment) {
    boolean known =
        state.shipments.stream().anyMatch(seen -> seen.eventId().equals(shipment.eventId()));
    boolean newClaim =
        shipment.claimedBy() != null && !state.claimedBy.contains(shipment.claimedBy());
    if (known && !newClaim) {
      return List.of();
    }
    ChangeLeadTime before = derive(state);
    state.service = shipment.service();
    state.changeId = shipment.changeId();
    if (!known) {
      state.shipments.add(shipment.unclaimed());
    }
    if (newClaim) {
      state.claimedBy.add(shipment.claimedBy());
    }
    return absorbed(state, shipment.finishedAt(), before);
  }

  /** When the key's state may be dropped: see the class comment. */
  public Instant expiry(LeadTimeState state) {
    return state.clock.plus(state.shipments.isEmpty() ? settings.horizon() : settings.lateness());
  }

  private List<ChangeLeadTime> absorbed(
      LeadTimeState state, Instant eventTime, ChangeLeadTime before) {
    state.clock = state.clock == null || eventTime.isAfter(state.clock) ? eventTime : state.clock;
    ChangeLeadTime after = derive(state);
    long version =
        FactVersion.of(
            state.clock, state.changes.size() + state.shipments.size() + state.claimedBy.size());
    if (after == null || (after.equals(before) && version <= state.version)) {
      return List.of();
    }
    state.version = FactVersion.next(state.version, version);
    return List.of(after.withVersion(state.version));
  }

  /** The fact the state amounts to, with version 0; null while it is not shipped or not dated. */
  private static ChangeLeadTime derive(LeadTimeState state) {
    if (state.shipments.isEmpty()) {
      return null;
    }
    Shipment first = Collections.min(state.shipments, FIRST_DEPLOY);
    Shipment inline =
        state.shipments.stream()
            .filter(shipment -> shipment.inlineTime() != null)
            .min(FIRST_INLINE)
            .orElse(null);
    Instant authoredAt =
        state.changes.isEmpty()
            ? (inline == null ? null : inline.inlineTime())
            : state.changes.stream().map(ChangeReport::time).min(Comparator.naturalOrder()).get();
    if (authoredAt == null) {
      return null;
    }
    List<ChangeReport> latestFirst = state.changes.stream().sorted(LATEST_FIRST).toList();
    String team = latest(latestFirst, ChangeReport::team);
    String actor = latest(latestFirst, ChangeReport::actor);
    Instant opened = latest(latestFirst, ChangeReport::prOpenedAt);
    Instant reviewed = latest(latestFirst, ChangeReport::prFirstReviewAt);
    Instant merged = latest(latestFirst, ChangeReport::prMergedAt);
    Instant deployed = first.finishedAt();
    return new ChangeLeadTime(
        ChangeLeadTime.idOf(state.service, state.changeId),
        state.changeId,
        state.service,
        team != null ? team : first.team(),
        actor != null ? actor : (inline == null ? null : inline.inlineActor()),
        authoredAt,
        first.deployId(),
        deployed,
        Seconds.between(authoredAt, deployed),
        Seconds.betweenOrNull(authoredAt, opened),
        Seconds.betweenOrNull(opened, reviewed),
        Seconds.betweenOrNull(reviewed, merged),
        Seconds.betweenOrNull(merged, deployed),
        state.claimedBy.stream().min(Comparator.naturalOrder()).orElse(null),
        0);
  }

  private static <T> T latest(List<ChangeReport> latestFirst, Function<ChangeReport, T> field) {
    return latestFirst.stream().map(field).filter(Objects::nonNull).findFirst().orElse(null);
  }

  private static Shipment shipment(
      Event deploy, Deploy body, String changeId, Instant inlineTime, String inlineActor) {
    return new Shipment(
        deploy.service(),
        changeId,
        body.deployId(),
        deploy.id(),
        deploy.team(),
        deploy.time(),
        inlineTime,
        inlineActor,
        null);
  }
}
