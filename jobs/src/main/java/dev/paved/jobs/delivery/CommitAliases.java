package dev.paved.jobs.delivery;

import dev.paved.model.Change;
import dev.paved.model.Event;
import java.io.Serializable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Resolves deploys that name a commit sha to the changes whose {@code commit_ids} list it
 * (metrics.md, section 1: "a deploy that names a commit sha listed in a change's {@code commit_ids}
 * ships that change"), in front of {@link LeadTimeCalculator}.
 *
 * <p><b>Keyed by sha</b>, {@link LeadTimeCalculator#key(String, String)} of service and sha: the
 * same key a change with that id has. Its inputs are {@link CommitAlias}es ({@link #aliases} of
 * {@code change} events: sha → the change listing it) and the {@link Shipment}s of deploys naming
 * the sha (references); it returns the shipments to route on to the lead-time keys.
 *
 * <p>The rule, independent of the order events arrive in:
 *
 * <ul>
 *   <li>A reference always goes on to the sha's own key, as before: a sha that no change lists, or
 *       that is a change of its own, is shipped as itself.
 *   <li>For every change P listing the sha, the deploy ships P too (a shipment retargeted to P's
 *       key; P's lead time then starts at its own {@code time}, its breakdown uses its {@code pr_*}
 *       times), and the reference to the sha's own key carries {@code claimedBy = P}.
 *   <li>A change of its own that some change P lists (the squash or merge commit, or a branch
 *       commit, sent as a {@code change} by a push) is the same work as P: the lead-time calculator
 *       marks its fact superseded by P (the smallest such P when several list it), and only P
 *       counts. A pull request and its own squash commit are told apart this way, by the pull
 *       request listing the commit; a commit that no change lists counts on its own.
 * </ul>
 *
 * <p>Either side may come first: a reference waits {@link DeliverySettings#lateness()} (7 days)
 * after the key's latest event for an alias, which then retargets it (and claims the commit); an
 * alias waits {@link DeliverySettings#horizon()} (180 days) for its first reference, then 7 days
 * after the latest event, as a change waits for its deploy in {@link LeadTimeCalculator}.
 */
public final class CommitAliases implements Serializable {

  private static final long serialVersionUID = 1L;

  private final DeliverySettings settings;

  public CommitAliases(DeliverySettings settings) {
    this.settings = Objects.requireNonNull(settings);
  }

  /** The shas a {@code change} event lists in {@code commit_ids}, its own id left out. */
  public static List<CommitAlias> aliases(Event change) {
    Change body = (Change) change.body();
    Set<String> shas = new LinkedHashSet<>(body.commitIds());
    shas.remove(body.changeId());
    return shas.stream()
        .map(sha -> new CommitAlias(change.service(), sha, body.changeId(), change.time()))
        .toList();
  }

  /** Absorbs an alias of the key's sha; returns the waiting references it resolves. */
  public List<Shipment> onAlias(CommitAliasState state, CommitAlias alias) {
    advance(state, alias.time());
    if (state.aliases.contains(alias.changeId())) {
      return List.of();
    }
    state.aliases.add(alias.changeId());
    List<Shipment> out = new ArrayList<>();
    for (Shipment reference : state.references) {
      out.add(reference.shipping(alias.changeId()));
      out.add(reference.claimedBy(alias.changeId()));
    }
    return out;
  }

  /** Absorbs a deploy's reference to the key's sha; returns where it ships. */
  public List<Shipment> onReference(CommitAliasState state, Shipment reference) {
    advance(state, reference.finishedAt());
    if (state.references.stream().anyMatch(known -> known.eventId().equals(reference.eventId()))) {
      return List.of();
    }
    state.references.add(reference);
    if (state.aliases.isEmpty()) {
      return List.of(reference);
    }
    List<Shipment> out = new ArrayList<>();
    for (String changeId : state.aliases) {
      out.add(reference.shipping(changeId));
      out.add(reference.claimedBy(changeId));
    }
    return out;
  }

  /** When the key's state may be dropped: see the class comment. */
  public Instant expiry(CommitAliasState state) {
    return state.clock.plus(state.references.isEmpty() ? settings.horizon() : settings.lateness());
  }

  private static void advance(CommitAliasState state, Instant eventTime) {
    state.clock = state.clock == null || eventTime.isAfter(state.clock) ? eventTime : state.clock;
  }
}
