package dev.paved.jobs.delivery;

import static dev.paved.jobs.delivery.Events.at;
import static dev.paved.jobs.delivery.Events.change;
import static dev.paved.jobs.delivery.Events.deploy;
import static dev.paved.jobs.delivery.Events.inline;
import static dev.paved.jobs.delivery.Events.inlineDeploy;
import static dev.paved.jobs.delivery.Events.listing;
import static dev.paved.jobs.delivery.Events.pullRequest;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.paved.model.Event;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The routing by commit sha, without Flink: either order, duplicates, several listers, expiry. */
class CommitAliasesTest {

  private static final String PR = "acme/pay#7";

  /** The pull request's merged event: its branch commit b71 and its squash commit s7. */
  private static final Event MERGED =
      listing(
          pullRequest(
              "pr-7-merged",
              "2026-03-05T08:00:00Z",
              "payments",
              PR,
              "dev-41",
              "2026-03-05T09:00:00Z",
              "2026-03-05T10:30:00Z",
              "2026-03-05T12:00:00Z"),
          "b71",
          "s7");

  /** A deploy naming only the squash commit. */
  private static final Event DEPLOY =
      deploy("d-8", "2026-03-05T14:00:00Z", "payments", "7796", "s7");

  private final CommitAliases aliases = new CommitAliases(DeliverySettings.DEFAULTS);
  private final LeadTimeCalculator calculator = new LeadTimeCalculator(DeliverySettings.DEFAULTS);
  private final CommitAliasState state = new CommitAliasState();

  @Test
  void aChangeListsItsCommitsButNotItself() {
    assertEquals(
        List.of(
            new CommitAlias("payments", "b71", PR, at("2026-03-05T08:00:00Z")),
            new CommitAlias("payments", "s7", PR, at("2026-03-05T08:00:00Z"))),
        CommitAliases.aliases(MERGED));
    Event commit =
        listing(change("c-s7", "2026-03-05T12:00:00Z", "payments", "s7", "dev-41"), "s7", "s7");
    assertEquals(List.of(), CommitAliases.aliases(commit));
    assertEquals("payments/s7", CommitAliases.aliases(MERGED).get(1).key());
  }

  @Test
  void aReferenceBeforeItsAliasShipsTheShaThenThePullRequest() {
    Shipment reference = reference(DEPLOY);

    assertEquals(List.of(reference), aliases.onReference(state, reference), "as itself, for now");
    assertEquals(
        List.of(pullRequestShipment(), reference.claimedBy(PR)),
        aliases.onAlias(state, alias("s7")));
  }

  @Test
  void anAliasBeforeItsReferenceShipsThePullRequestAtOnce() {
    assertEquals(List.of(), aliases.onAlias(state, alias("s7")));

    Shipment reference = reference(DEPLOY);
    assertEquals(
        List.of(pullRequestShipment(), reference.claimedBy(PR)),
        aliases.onReference(state, reference));
  }

  @Test
  void aShaListedByTwoChangesShipsBoth() {
    aliases.onAlias(state, alias("s7"));
    aliases.onAlias(
        state, new CommitAlias("payments", "s7", "acme/pay#6", at("2026-03-04T08:00:00Z")));

    Shipment reference = reference(DEPLOY);
    List<Shipment> routed = aliases.onReference(state, reference);
    assertEquals(
        List.of(
            pullRequestShipment(),
            reference.claimedBy(PR),
            reference.shipping("acme/pay#6"),
            reference.claimedBy("acme/pay#6")),
        routed);
  }

  @Test
  void duplicatesChangeNothing() {
    aliases.onAlias(state, alias("s7"));
    aliases.onReference(state, reference(DEPLOY));

    assertEquals(List.of(), aliases.onAlias(state, alias("s7")));
    assertEquals(List.of(), aliases.onReference(state, reference(DEPLOY)));
    assertEquals(1, state.aliases.size());
    assertEquals(1, state.references.size());
  }

  @Test
  void anInlineDescriptionOfTheCommitIsNotThePullRequests() {
    Shipment reference =
        calculator
            .shipments(
                inlineDeploy(
                    "d-8",
                    "2026-03-05T14:00:00Z",
                    "payments",
                    "7796",
                    inline("s7", "2026-03-05T12:00:00Z", "dev-9")))
            .get(0);
    aliases.onAlias(state, alias("s7"));

    List<Shipment> routed = aliases.onReference(state, reference);
    Shipment toPullRequest = routed.get(0);
    assertEquals("payments/" + PR, toPullRequest.key());
    assertEquals(null, toPullRequest.inlineTime());
    assertEquals(null, toPullRequest.inlineActor());
    // the commit keeps its own description
    assertEquals(at("2026-03-05T12:00:00Z"), routed.get(1).inlineTime());
  }

  @Test
  void anAliasWaitsTheHorizonForAReferenceAndAReferenceSevenDaysForAnAlias() {
    aliases.onAlias(state, alias("s7"));
    // 2026-03-05 08:00 + 180 days: 26 days left in March, then 30+31+30+31+31 = 179: 09-01
    assertEquals(at("2026-09-01T08:00:00Z"), aliases.expiry(state));

    aliases.onReference(state, reference(DEPLOY));
    // referenced: 7 days after the latest event, the deploy at 14:00
    assertEquals(at("2026-03-12T14:00:00Z"), aliases.expiry(state));

    CommitAliasState waiting = new CommitAliasState();
    aliases.onReference(waiting, reference(DEPLOY));
    assertEquals(at("2026-03-12T14:00:00Z"), aliases.expiry(waiting));
  }

  private static CommitAlias alias(String sha) {
    return CommitAliases.aliases(MERGED).stream()
        .filter(alias -> alias.sha().equals(sha))
        .findFirst()
        .orElseThrow();
  }

  private Shipment reference(Event deploy) {
    return calculator.shipments(deploy).get(0);
  }

  /** The deploy shipping the pull request, written out field by field. */
  private static Shipment pullRequestShipment() {
    return new Shipment(
        "payments", PR, "7796", "d-8", "checkout", at("2026-03-05T14:00:00Z"), null, null, null);
  }
}
