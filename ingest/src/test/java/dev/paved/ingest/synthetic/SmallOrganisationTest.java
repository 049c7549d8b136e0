package dev.paved.ingest.synthetic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The small shape has data for every metric of metrics.md, oddities included. */
class SmallOrganisationTest {
  private static final long DAY = 86_400;
  private static final long HOUR = 3_600;
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Every line in delivery order, duplicates included. */
  private static final List<JsonNode> delivered = new ArrayList<>();

  /** The first delivery of each event id. */
  private static final List<JsonNode> events = new ArrayList<>();

  @BeforeAll
  static void generate() throws IOException {
    Set<String> ids = new HashSet<>();
    for (byte[] line : new SyntheticOrganisation(OrganisationShape.small(), 42)) {
      JsonNode event = JSON.readTree(line);
      delivered.add(event);
      if (ids.add(event.get("id").asText())) {
        events.add(event);
      }
    }
  }

  @Test
  void hasEveryTypeOfEvent() {
    Set<String> types = new TreeSet<>();
    events.forEach(event -> types.add(text(event, "type")));
    assertEquals(
        Set.of(
            "change", "deploy", "incident", "developer", "usage", "ticket", "survey", "deviation"),
        types);
    assertTrue(delivered.size() > 20_000 && delivered.size() < 60_000, delivered.size() + "");
  }

  @Test
  void aFewEventsAreSentTwiceUnchanged() {
    Map<String, JsonNode> first = new HashMap<>();
    int duplicates = 0;
    for (JsonNode event : delivered) {
      JsonNode earlier = first.putIfAbsent(text(event, "id"), event);
      if (earlier != null) {
        duplicates++;
        assertEquals(earlier, event);
      }
    }
    double share = (double) duplicates / delivered.size();
    assertTrue(share > 0.002 && share < 0.03, "duplicate share " + share);
  }

  @Test
  void someEventsArriveOutOfOrderAndSomeHoursLate() {
    // Change events are resent as their pull request moves on, keeping their authoring time.
    long latest = Long.MIN_VALUE;
    int outOfOrder = 0;
    int hoursLate = 0;
    for (JsonNode event : delivered) {
      if (text(event, "type").equals("change")) {
        continue;
      }
      long time = time(event, "time");
      if (time < latest) {
        outOfOrder++;
      }
      if (time < latest - HOUR) {
        hoursLate++;
      }
      latest = Math.max(latest, time);
    }
    assertTrue(outOfOrder > 100, outOfOrder + " out of order");
    assertTrue(hoursLate > 10, hoursLate + " more than an hour late");
  }

  @Test
  void someDeploysArriveBeforeTheChangesTheyShip() {
    Set<String> known = new HashSet<>();
    int early = 0;
    for (JsonNode event : delivered) {
      if (text(event, "type").equals("change")) {
        known.add(text(event, "change_id"));
        event.path("commit_ids").forEach(sha -> known.add(sha.asText()));
      } else if (text(event, "type").equals("deploy")) {
        for (JsonNode reference : event.path("change_ids")) {
          if (!known.contains(reference.asText())) {
            early++;
          }
        }
      }
    }
    assertTrue(early > 0);
  }

  @Test
  void teamsDeliverAtVeryDifferentPaces() {
    Map<String, Long> changeTimes = new HashMap<>();
    for (JsonNode change : ofType("change")) {
      long time = time(change, "time");
      changeTimes.put(text(change, "change_id"), time);
      change.path("commit_ids").forEach(sha -> changeTimes.put(sha.asText(), time));
    }
    Map<String, Integer> deploys = new TreeMap<>();
    Map<String, List<Long>> leadTimes = new TreeMap<>();
    Set<String> shipped = new HashSet<>();
    List<JsonNode> successes = new ArrayList<>();
    for (JsonNode deploy : ofType("deploy")) {
      String environment = deploy.path("environment").asText("production");
      if (!environment.equals("staging") && text(deploy, "status").equals("success")) {
        successes.add(deploy);
      }
    }
    successes.sort(Comparator.comparingLong(deploy -> time(deploy, "time")));
    for (JsonNode deploy : successes) {
      String team = text(deploy, "team");
      deploys.merge(team, 1, Integer::sum);
      List<Long> leadTimesOfTeam = leadTimes.computeIfAbsent(team, t -> new ArrayList<>());
      for (JsonNode reference : deploy.path("change_ids")) {
        Long changed = changeTimes.get(reference.asText());
        if (changed != null && shipped.add(reference.asText())) {
          leadTimesOfTeam.add(time(deploy, "time") - changed);
        }
      }
      for (JsonNode change : deploy.path("changes")) {
        if (shipped.add(text(change, "change_id"))) {
          leadTimesOfTeam.add(time(deploy, "time") - time(change, "time"));
        }
      }
    }
    int most = Collections.max(deploys.values());
    int fewest = Collections.min(deploys.values());
    assertTrue(most >= 5 * fewest, "deploys per team " + deploys);
    List<Long> medians =
        leadTimes.values().stream().map(SmallOrganisationTest::median).sorted().toList();
    assertTrue(medians.get(0) < 12 * HOUR, "fastest median lead time " + medians.get(0));
    assertTrue(
        medians.get(medians.size() - 1) > 4 * DAY,
        "slowest median lead time " + medians.get(medians.size() - 1));
  }

  @Test
  void deploysFailIncidentsFollowSomeGoThroughStaging() {
    Set<String> statuses = new TreeSet<>();
    Set<String> environments = new TreeSet<>();
    int inline = 0;
    for (JsonNode deploy : ofType("deploy")) {
      statuses.add(text(deploy, "status"));
      environments.add(deploy.path("environment").asText("(default)"));
      inline += deploy.has("changes") ? 1 : 0;
    }
    assertEquals(Set.of("success", "failure", "rolled_back"), statuses);
    assertTrue(
        environments.containsAll(Set.of("production", "staging", "(default)")), environments + "");
    assertTrue(inline > 0);
    List<JsonNode> opened =
        ofType("incident").stream().filter(i -> text(i, "action").equals("opened")).toList();
    assertTrue(opened.stream().anyMatch(i -> i.has("caused_by_deploy")));
    assertTrue(opened.stream().anyMatch(i -> !i.has("caused_by_deploy") && i.has("service")));
    assertTrue(ofType("incident").stream().anyMatch(i -> text(i, "action").equals("resolved")));
    assertTrue(
        ofType("change").stream().anyMatch(c -> c.has("pr_merged_at") && c.has("commit_ids")));
  }

  @Test
  void workflowsAreAbandonedWhereThePlatformLosesDevelopers() {
    Map<String, Integer> envSteps = new TreeMap<>();
    for (List<JsonNode> run : abandonedRuns()) {
      JsonNode last = run.get(run.size() - 1);
      if (text(last, "feature").equals("env-provisioning")) {
        envSteps.merge(text(last, "step"), 1, Integer::sum);
      }
    }
    String worst = Collections.max(envSteps.entrySet(), Map.Entry.comparingByValue()).getKey();
    assertEquals("request-approval", worst, "abandoned env-provisioning runs by step " + envSteps);

    Map<String, Long> errors =
        ofType("usage").stream()
            .filter(u -> text(u, "action").equals("failed"))
            .collect(Collectors.groupingBy(u -> text(u, "error"), Collectors.counting()));
    assertTrue(Collections.max(errors.values()) >= 5, "errors " + errors);

    // A run quiet for more than a day, which then goes on: its abandonment must be retracted.
    boolean revived =
        runs().values().stream()
            .anyMatch(
                run -> {
                  for (int i = 1; i < run.size(); i++) {
                    if (time(run.get(i), "time") - time(run.get(i - 1), "time") > DAY) {
                      return true;
                    }
                  }
                  return false;
                });
    assertTrue(revived);
  }

  @Test
  void ticketsFollowAbandonment() {
    List<JsonNode> tickets =
        ofType("ticket").stream().filter(t -> text(t, "action").equals("opened")).toList();
    int followed = 0;
    for (List<JsonNode> run : abandonedRuns()) {
      JsonNode last = run.get(run.size() - 1);
      long gaveUp = time(last, "time");
      boolean asked =
          tickets.stream()
              .anyMatch(
                  t ->
                      text(t, "actor").equals(text(last, "actor"))
                          && text(t, "feature").equals(text(last, "feature"))
                          && time(t, "time") >= gaveUp
                          && time(t, "time") <= gaveUp + 48 * HOUR);
      followed += asked ? 1 : 0;
    }
    assertTrue(followed >= 3, followed + " abandoned runs followed by a ticket");
    Set<String> kinds = new TreeSet<>();
    tickets.forEach(t -> kinds.add(text(t, "kind")));
    assertEquals(Set.of("request", "problem", "question"), kinds);
  }

  @Test
  void deviationsFormAClusterOfTeamsLeavingTheSameWay() {
    Map<String, Set<String>> teamsByRoute = new TreeMap<>();
    Map<String, Set<String>> reasonsByRoute = new TreeMap<>();
    for (JsonNode deviation : ofType("deviation")) {
      if (deviation.path("action").asText("started").equals("started")) {
        String route = text(deviation, "component") + " -> " + text(deviation, "actual");
        teamsByRoute.computeIfAbsent(route, r -> new TreeSet<>()).add(text(deviation, "team"));
        reasonsByRoute
            .computeIfAbsent(route, r -> new TreeSet<>())
            .add(text(deviation, "reason").toLowerCase(Locale.ROOT));
      }
    }
    String gpu = "ci -> github-actions";
    assertTrue(teamsByRoute.get(gpu).size() >= 3, "teams " + teamsByRoute);
    assertTrue(
        reasonsByRoute.get(gpu).stream().allMatch(r -> r.contains("gpu")), "" + reasonsByRoute);
    assertTrue(reasonsByRoute.get(gpu).size() >= 3, "the same reason in different words");
    assertTrue(teamsByRoute.values().stream().anyMatch(teams -> teams.size() == 1), "no stray");
    assertTrue(
        ofType("deviation").stream().anyMatch(d -> d.path("action").asText().equals("ended")));
  }

  @Test
  void developersJoinOverTimeAndSomeNeverChangeCode() {
    Instant start = OrganisationShape.small().start();
    List<JsonNode> people = ofType("developer");
    assertTrue(
        people.stream()
            .anyMatch(
                d ->
                    text(d, "action").equals("joined")
                        && time(d, "time") > start.getEpochSecond() + DAY));
    assertTrue(people.stream().anyMatch(d -> !text(d, "action").equals("joined")));
    Set<String> authors = new HashSet<>();
    ofType("change").forEach(c -> authors.add(text(c, "actor")));
    assertTrue(people.stream().anyMatch(d -> !authors.contains(text(d, "actor"))));
  }

  @Test
  void surveysAskEveryQuestionAndSomeAnswersAreAnonymous() {
    Set<String> questions = new TreeSet<>();
    ofType("survey").forEach(s -> questions.add(text(s, "question")));
    assertEquals(Set.of("csat", "nps", "ease_of_delivery"), questions);
    assertTrue(ofType("survey").stream().anyMatch(s -> !s.has("actor")));
  }

  @Test
  void serviceTemplateRunsNameTheServiceTheyCreate() {
    List<JsonNode> template =
        ofType("usage").stream()
            .filter(u -> text(u, "feature").equals("service-template"))
            .toList();
    assertFalse(template.isEmpty());
    assertTrue(template.stream().allMatch(u -> u.path("attributes").has("service")));
  }

  private static List<JsonNode> ofType(String type) {
    return events.stream().filter(event -> text(event, "type").equals(type)).toList();
  }

  /** Workflow attempts by run id, each in event-time order. */
  private static Map<String, List<JsonNode>> runs() {
    Map<String, List<JsonNode>> runs = new TreeMap<>();
    for (JsonNode usage : ofType("usage")) {
      if (usage.has("run_id")) {
        runs.computeIfAbsent(text(usage, "run_id"), r -> new ArrayList<>()).add(usage);
      }
    }
    runs.values().forEach(run -> run.sort(Comparator.comparingLong(u -> time(u, "time"))));
    return runs;
  }

  /** Runs never completed and silent for 24 hours before the data ends, as metrics.md defines. */
  private static List<List<JsonNode>> abandonedRuns() {
    long end = events.stream().mapToLong(event -> time(event, "time")).max().orElseThrow();
    return runs().values().stream()
        .filter(run -> run.stream().noneMatch(u -> text(u, "action").equals("completed")))
        .filter(run -> time(run.get(run.size() - 1), "time") + DAY <= end)
        .toList();
  }

  private static long median(List<Long> values) {
    List<Long> sorted = values.stream().sorted().toList();
    return sorted.get(sorted.size() / 2);
  }

  private static String text(JsonNode event, String field) {
    return event.path(field).asText();
  }

  private static long time(JsonNode event, String field) {
    return Instant.parse(text(event, field)).getEpochSecond();
  }
}
