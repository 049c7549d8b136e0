package dev.paved.ingest.synthetic;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Who is in the organisation: teams, their services and developers, with their plans. */
final class Roster {
  private static final List<String> TEAM_NAMES =
      List.of(
          "checkout",
          "search",
          "payments",
          "identity",
          "catalog",
          "inventory",
          "shipping",
          "notifications",
          "billing",
          "pricing",
          "recommendations",
          "fraud",
          "ledger",
          "onboarding",
          "mobile-app",
          "web-storefront",
          "data-platform",
          "ml-platform",
          "analytics",
          "growth",
          "messaging",
          "maps",
          "reviews",
          "loyalty",
          "ads",
          "partner-api",
          "auth",
          "media",
          "support-tools",
          "compliance",
          "reporting",
          "risk",
          "tax",
          "orders",
          "returns",
          "subscriptions",
          "warehouse",
          "logistics",
          "marketplace",
          "experimentation");
  private static final List<String> SERVICE_SUFFIXES =
      List.of(
          "api",
          "worker",
          "web",
          "gateway",
          "events",
          "scheduler",
          "indexer",
          "admin",
          "reports",
          "sync",
          "notifier",
          "importer",
          "exporter",
          "cache",
          "adapter",
          "jobs");
  private static final List<String> NEW_SERVICE_WORDS =
      List.of(
          "edge",
          "insights",
          "bff",
          "stream",
          "ingestor",
          "graphql",
          "batch",
          "webhooks",
          "preview",
          "audit");

  /** Where teams sit: mostly Europe, some in the Americas and Asia. */
  private static final int[] UTC_OFFSETS = {0, 1, 1, 1, 2, -5, -5, -8, 5};

  /** Teams whose survey mood drifts down, stays, or improves quarter by quarter. */
  private static final double[] TRENDS = {-0.3, 0, 0, 0.3};

  private static final double JOINER_SHARE = 0.12;
  private static final double MOVER_SHARE = 0.04;
  private static final double LEAVER_SHARE = 0.05;
  private static final double NON_CODER_SHARE = 0.06;

  /**
   * How a service's deploy tool reports, one style in twelve each: most name production in full;
   * one leaves the environment out (it defaults to production); one sends the changes inline,
   * without change events, and calls production "prod".
   */
  private static final int DEPLOY_STYLES = 12;

  private static final int NO_ENVIRONMENT_STYLE = 3;
  private static final int INLINE_CHANGES_STYLE = 6;

  private final List<Team> teams = new ArrayList<>();
  private int serviceCount;
  private final List<Developer> developers = new ArrayList<>();
  private final Set<String> serviceSlugs = new HashSet<>();

  private Roster() {}

  static Roster build(OrganisationShape shape, Dice dice) {
    Roster roster = new Roster();
    roster.addTeams(shape.teams(), dice);
    roster.addServices(shape, dice);
    roster.addDevelopers(shape, dice);
    return roster;
  }

  List<Team> teams() {
    return teams;
  }

  List<Developer> developers() {
    return developers;
  }

  /** A fresh slug for a service a team is about to create from the service template. */
  String reserveServiceName(Team team, Dice dice) {
    String base = team.slug() + "-" + dice.pick(NEW_SERVICE_WORDS);
    String slug = base;
    for (int n = 2; !serviceSlugs.add(slug); n++) {
      slug = base + "-" + n;
    }
    return slug;
  }

  /** A service created from the service template. */
  Service addService(Team team, String slug, long bornAt, Dice dice) {
    return addService(team, slug, bornAt, dice.below(DEPLOY_STYLES), dice);
  }

  private Service addService(Team team, String slug, long bornAt, int deployStyle, Dice dice) {
    serviceSlugs.add(slug);
    boolean inline = deployStyle == INLINE_CHANGES_STYLE;
    String production = inline ? "prod" : deployStyle == NO_ENVIRONMENT_STYLE ? null : "production";
    Service service =
        new Service(
            slug,
            team,
            serviceCount++,
            inline,
            dice.chance(team.tier().stagingShare()),
            production,
            bornAt);
    team.services().add(service);
    return service;
  }

  private void addTeams(int count, Dice dice) {
    // Tiers by quantile, then shuffled, so that even a handful of teams spans the tiers.
    List<Tier> tiers = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      double quantile = (i + 0.5) / count;
      Tier tier = Tier.LOW;
      double cumulative = 0;
      for (Tier candidate : Tier.values()) {
        cumulative += candidate.share();
        if (quantile < cumulative) {
          tier = candidate;
          break;
        }
      }
      tiers.add(tier);
    }
    dice.shuffle(tiers);
    for (int i = 0; i < count; i++) {
      String slug =
          i < TEAM_NAMES.size()
              ? TEAM_NAMES.get(i)
              : String.format(Locale.ROOT, "team-%03d", i + 1);
      teams.add(
          new Team(
              slug,
              tiers.get(i),
              UTC_OFFSETS[dice.below(UTC_OFFSETS.length)],
              dice.logNormal(1, 0.5),
              0.4 * dice.gaussian(),
              TRENDS[dice.below(TRENDS.length)],
              new ArrayList<>()));
    }
  }

  private void addServices(OrganisationShape shape, Dice dice) {
    double[] weights = weights();
    long start = shape.start().getEpochSecond();
    int firstStyle = dice.below(DEPLOY_STYLES);
    for (int i = 0; i < shape.services(); i++) {
      // Every team owns at least one service; the rest follow team size.
      Team team = i < teams.size() ? teams.get(i) : teams.get(dice.weighted(weights));
      int owned = team.services().size();
      String suffix = SERVICE_SUFFIXES.get(owned % SERVICE_SUFFIXES.size());
      int round = owned / SERVICE_SUFFIXES.size();
      String slug = team.slug() + "-" + suffix + (round == 0 ? "" : "-" + (round + 1));
      // Styles in turn, so that even a small organisation has each.
      addService(team, slug, start, (firstStyle + i) % DEPLOY_STYLES, dice);
    }
  }

  private void addDevelopers(OrganisationShape shape, Dice dice) {
    double[] weights = weights();
    int total = shape.developers();
    int joiners = (int) Math.min(total - teams.size(), Math.round(JOINER_SHARE * total));
    int initial = total - joiners;
    long start = shape.start().getEpochSecond();
    int days = shape.days();
    for (int i = 0; i < total; i++) {
      boolean joiner = i >= initial && days > 1;
      Team team = i < teams.size() ? teams.get(i) : teams.get(dice.weighted(weights));
      int joinDay = joiner ? workdayAfterStart(shape, dice) : 0;
      // The initial roster arrives as one import at the start; joiners on their first morning.
      long joinedAt = joiner ? Day.of(shape, joinDay).at(team, 9 + dice.uniform()) : start + 2L * i;
      long firstChangeAt =
          joiner
              ? joinedAt + (long) dice.logNormal(team.tier().onboardingDays() * Day.SECONDS, 0.6)
              : start;
      Developer developer =
          new Developer(
              String.format(Locale.ROOT, "dev-%04d", i + 1),
              team,
              joinDay,
              joinedAt,
              firstChangeAt,
              !dice.chance(NON_CODER_SHARE),
              dice.logNormal(1, 0.35),
              0.6 * dice.gaussian(),
              habits(joinDay, days, dice));
      developer.chooseHome(dice);
      if (!joiner && days > 2) {
        double role = dice.uniform();
        if (role < MOVER_SHARE && teams.size() > 1) {
          developer.planMove(1 + dice.below(days - 1), otherTeam(team, weights, dice));
        } else if (role < MOVER_SHARE + LEAVER_SHARE) {
          developer.planLeave(1 + dice.below(days - 1));
        }
      }
      developers.add(developer);
    }
  }

  private static int workdayAfterStart(OrganisationShape shape, Dice dice) {
    int day = 1 + dice.below(shape.days() - 1);
    for (int attempt = 0; attempt < 10 && !Day.of(shape, day).workday(); attempt++) {
      day = 1 + dice.below(shape.days() - 1);
    }
    return day;
  }

  /** Some never use a feature, some adopt it late, some stop using it (churn). */
  private static List<Developer.Habit> habits(int joinDay, int days, Dice dice) {
    List<Developer.Habit> habits = new ArrayList<>();
    for (int feature = 0; feature < PlatformUsage.SINGLE_USE_FEATURES.size(); feature++) {
      double rate = dice.chance(0.15) ? 0 : dice.logNormal(1, 0.6);
      int from = dice.chance(0.85) ? joinDay : joinDay + dice.below(Math.max(1, days - joinDay));
      int until =
          dice.chance(0.12) ? from + 1 + dice.below(Math.max(1, days - from)) : Developer.NEVER;
      habits.add(new Developer.Habit(rate, from, until));
    }
    return habits;
  }

  private Team otherTeam(Team current, double[] weights, Dice dice) {
    Team team = current;
    while (team == current) {
      team = teams.get(dice.weighted(weights));
    }
    return team;
  }

  private double[] weights() {
    double[] weights = new double[teams.size()];
    for (int i = 0; i < weights.length; i++) {
      weights[i] = teams.get(i).weight();
    }
    return weights;
  }
}
