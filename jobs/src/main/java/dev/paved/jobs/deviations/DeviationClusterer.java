package dev.paved.jobs.deviations;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.commons.math3.ml.clustering.Cluster;
import org.apache.commons.math3.ml.clustering.Clusterable;
import org.apache.commons.math3.ml.clustering.DBSCANClusterer;

/**
 * Groups active deviations into clusters of teams that left the golden path the same way
 * (metrics.md §4), with Commons Math's {@link DBSCANClusterer} on cosine distance.
 *
 * <p>Component and golden path separate hard: clustering runs within each (component, golden path).
 * There a deviation is two unit vectors, scaled and joined so that the cosine similarity of two
 * deviations is {@code w · cos(reasons) + (1 - w) · cos(replacements)} ({@code w} = {@link
 * DeviationSettings#reasonWeight}):
 *
 * <ul>
 *   <li>reasons: TF-IDF over {@link ReasonTerms}, tf = 1 + ln(count), idf = 1 + ln((1 + N) / (1 +
 *       df)) over every active deviation, so that a word many deviations use counts less than a
 *       rare telling one; a deviation without a reason has the single term "no reason";
 *   <li>replacement: the words of {@code actual} plus, when it has several, the value itself
 *       ({@code jenkins-custom}: {@code jenkins}, {@code custom}, {@code =jenkins-custom}), so that
 *       {@code jenkins} and {@code jenkins-custom} share part (cosine 1/√3).
 * </ul>
 *
 * Ids stay stable across refreshes: each new cluster takes the id of the previous cluster (same
 * component and golden path) whose membership overlaps it most, by Jaccard index, if that is at
 * least {@link DeviationSettings#minOverlap}; each old id goes to one new cluster at most, best
 * overlap first. A cluster without a match gets a new id derived from its first member.
 */
public final class DeviationClusterer implements Serializable {
  private static final long serialVersionUID = 1L;

  private static final String NO_REASON = "\u0000no-reason";

  private final DeviationSettings settings;

  public DeviationClusterer(DeviationSettings settings) {
    this.settings = settings;
  }

  /** The clusters of a refresh and what the next refresh matches against. */
  public record Clustering(List<DeviationCluster> clusters, List<KnownCluster> known) {}

  /**
   * Clusters {@code active} at {@code clock}, keeping the ids of {@code previous} (the last
   * refresh's {@link Clustering#known}). Clusters are ranked by teams, then size, then id.
   */
  public Clustering cluster(
      List<ActiveDeviation> active, List<KnownCluster> previous, Instant clock) {
    List<ActiveDeviation> sorted =
        active.stream().sorted(Comparator.comparing(ActiveDeviation::identity)).toList();
    Map<String, Double> idf = inverseDocumentFrequency(sorted);
    Map<List<String>, List<ActiveDeviation>> paths =
        new TreeMap<>(Comparator.comparing(Object::toString));
    for (ActiveDeviation deviation : sorted) {
      paths
          .computeIfAbsent(
              List.of(deviation.component(), deviation.goldenPath()), key -> new ArrayList<>())
          .add(deviation);
    }
    Set<String> taken = new HashSet<>();
    List<Found> found = new ArrayList<>();
    for (Map.Entry<List<String>, List<ActiveDeviation>> path : paths.entrySet()) {
      String component = path.getKey().get(0);
      String goldenPath = path.getKey().get(1);
      List<List<ActiveDeviation>> groups = dbscan(path.getValue(), idf);
      List<KnownCluster> candidates =
          previous.stream()
              .filter(k -> k.component.equals(component) && k.goldenPath.equals(goldenPath))
              .toList();
      found.addAll(match(groups, candidates, taken));
    }
    for (Found f : found) {
      if (f.id == null) {
        f.id = newId(f.members, taken);
      }
    }
    List<DeviationCluster> clusters = new ArrayList<>();
    List<KnownCluster> known = new ArrayList<>();
    for (Found f : found) {
      DeviationCluster cluster = report(f, idf, clock);
      clusters.add(cluster);
      known.add(
          new KnownCluster(
              cluster.id(),
              cluster.component(),
              cluster.goldenPath(),
              cluster.members().stream().map(ActiveDeviation::identity).toList()));
    }
    clusters.sort(
        Comparator.comparingInt(DeviationCluster::teams)
            .reversed()
            .thenComparing(c -> -c.members().size())
            .thenComparing(DeviationCluster::id));
    return new Clustering(List.copyOf(clusters), known);
  }

  /** A cluster being built: its members and its id once known. */
  private static final class Found {
    final List<ActiveDeviation> members;
    String id;

    Found(List<ActiveDeviation> members) {
      this.members = members;
    }
  }

  private List<List<ActiveDeviation>> dbscan(
      List<ActiveDeviation> deviations, Map<String, Double> idf) {
    if (deviations.size() < 2) {
      return List.of();
    }
    List<Map<String, Double>> reasons = new ArrayList<>();
    List<Map<String, Double>> replacements = new ArrayList<>();
    Map<String, Integer> reasonIndex = new LinkedHashMap<>();
    Map<String, Integer> replacementIndex = new LinkedHashMap<>();
    for (ActiveDeviation deviation : deviations) {
      Map<String, Double> reason = reasonVector(deviation, idf);
      Map<String, Double> replacement = replacementVector(deviation.actual());
      reason.keySet().forEach(t -> reasonIndex.putIfAbsent(t, reasonIndex.size()));
      replacement.keySet().forEach(t -> replacementIndex.putIfAbsent(t, replacementIndex.size()));
      reasons.add(reason);
      replacements.add(replacement);
    }
    double reasonScale = Math.sqrt(settings.reasonWeight());
    double replacementScale = Math.sqrt(1 - settings.reasonWeight());
    List<Point> points = new ArrayList<>();
    for (int i = 0; i < deviations.size(); i++) {
      double[] vector = new double[reasonIndex.size() + replacementIndex.size()];
      place(vector, 0, reasons.get(i), reasonIndex, reasonScale);
      place(vector, reasonIndex.size(), replacements.get(i), replacementIndex, replacementScale);
      points.add(new Point(deviations.get(i), vector));
    }
    List<Cluster<Point>> clusters =
        new DBSCANClusterer<Point>(settings.eps(), settings.minNeighbours(), new CosineDistance())
            .cluster(points);
    List<List<ActiveDeviation>> groups = new ArrayList<>();
    for (Cluster<Point> cluster : clusters) {
      groups.add(
          cluster.getPoints().stream()
              .map(Point::deviation)
              .sorted(Comparator.comparing(ActiveDeviation::identity))
              .toList());
    }
    return groups;
  }

  /** Writes the unit vector of {@code weights}, times {@code scale}, at {@code offset}. */
  private static void place(
      double[] vector,
      int offset,
      Map<String, Double> weights,
      Map<String, Integer> index,
      double scale) {
    double norm = Math.sqrt(weights.values().stream().mapToDouble(w -> w * w).sum());
    if (norm == 0) {
      return;
    }
    weights.forEach((term, weight) -> vector[offset + index.get(term)] = scale * weight / norm);
  }

  private record Point(ActiveDeviation deviation, double[] vector) implements Clusterable {
    @Override
    public double[] getPoint() {
      return vector;
    }
  }

  /** TF-IDF weights of a deviation's reason terms (not normalised). */
  static Map<String, Double> reasonVector(ActiveDeviation deviation, Map<String, Double> idf) {
    Map<String, Integer> counts = new TreeMap<>();
    List<String> terms = ReasonTerms.of(deviation.reason());
    if (terms.isEmpty()) {
      counts.put(NO_REASON, 1);
    }
    terms.forEach(term -> counts.merge(term, 1, Integer::sum));
    Map<String, Double> weights = new TreeMap<>();
    counts.forEach(
        (term, count) -> weights.put(term, (1 + Math.log(count)) * idf.getOrDefault(term, 1.0)));
    return weights;
  }

  private static Map<String, Double> replacementVector(String actual) {
    Map<String, Double> weights = new TreeMap<>();
    for (String word : actual.split("[^\\p{L}\\p{N}]+")) {
      if (!word.isEmpty()) {
        weights.put(word, 1.0);
      }
    }
    if (weights.size() != 1) {
      weights.put("=" + actual, 1.0);
    }
    return weights;
  }

  private static Map<String, Double> inverseDocumentFrequency(List<ActiveDeviation> deviations) {
    Map<String, Integer> df = new HashMap<>();
    for (ActiveDeviation deviation : deviations) {
      Set<String> terms = new HashSet<>(ReasonTerms.of(deviation.reason()));
      if (terms.isEmpty()) {
        terms.add(NO_REASON);
      }
      terms.forEach(term -> df.merge(term, 1, Integer::sum));
    }
    int n = deviations.size();
    Map<String, Double> idf = new HashMap<>();
    df.forEach((term, count) -> idf.put(term, 1 + Math.log((1.0 + n) / (1.0 + count))));
    return idf;
  }

  private List<Found> match(
      List<List<ActiveDeviation>> groups, List<KnownCluster> candidates, Set<String> taken) {
    List<Found> found = groups.stream().map(Found::new).toList();
    record Overlap(Found found, KnownCluster known, double jaccard) {}
    List<Overlap> overlaps = new ArrayList<>();
    for (Found f : found) {
      Set<String> members = new TreeSet<>();
      f.members.forEach(m -> members.add(m.identity()));
      for (KnownCluster k : candidates) {
        double jaccard = jaccard(members, new HashSet<>(k.members));
        if (jaccard >= settings.minOverlap() && jaccard > 0) {
          overlaps.add(new Overlap(f, k, jaccard));
        }
      }
    }
    overlaps.sort(
        Comparator.comparingDouble(Overlap::jaccard)
            .reversed()
            .thenComparing(o -> o.known().id)
            .thenComparing(o -> o.found().members.get(0).identity()));
    for (Overlap overlap : overlaps) {
      if (overlap.found().id == null && !taken.contains(overlap.known().id)) {
        overlap.found().id = overlap.known().id;
        taken.add(overlap.known().id);
      }
    }
    return found;
  }

  /** The word a stem was written as most often (the first alphabetically among ties). */
  private static String mostWritten(Map<String, Integer> words) {
    return words.entrySet().stream()
        .max(
            Map.Entry.<String, Integer>comparingByValue()
                .thenComparing(Map.Entry.comparingByKey(Comparator.reverseOrder())))
        .orElseThrow()
        .getKey();
  }

  static double jaccard(Set<String> a, Set<String> b) {
    Set<String> union = new HashSet<>(a);
    union.addAll(b);
    if (union.isEmpty()) {
      return 0;
    }
    long both = a.stream().filter(b::contains).count();
    return (double) both / union.size();
  }

  /** {@code dc-<component>-<10 hex of SHA-256 of the first member>}, unique among {@code taken}. */
  private static String newId(List<ActiveDeviation> members, Set<String> taken) {
    ActiveDeviation first = members.get(0);
    String base = "dc-" + first.component() + "-" + sha256(first.identity()).substring(0, 10);
    String id = base;
    for (int n = 2; taken.contains(id); n++) {
      id = base + "-" + n;
    }
    taken.add(id);
    return id;
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }

  private DeviationCluster report(Found found, Map<String, Double> idf, Instant clock) {
    List<ActiveDeviation> members = found.members;
    ActiveDeviation first = members.get(0);
    Set<String> replacements = new TreeSet<>();
    Set<String> teams = new HashSet<>();
    Set<String> services = new HashSet<>();
    Map<String, Double> termWeights = new HashMap<>();
    long firstSeen = Long.MAX_VALUE;
    int growth = 0;
    Instant growthStart = clock.minus(settings.growthWindow());
    for (ActiveDeviation member : members) {
      replacements.add(member.actual());
      teams.add(member.team());
      if (!member.service().isEmpty()) {
        services.add(member.service());
      }
      Map<String, Double> weights = reasonVector(member, idf);
      double norm = Math.sqrt(weights.values().stream().mapToDouble(w -> w * w).sum());
      weights.forEach(
          (term, weight) -> {
            if (!term.equals(NO_REASON)) {
              termWeights.merge(term, weight / norm, Double::sum);
            }
          });
      firstSeen = Math.min(firstSeen, member.since().toEpochMilli());
      if (member.since().isAfter(growthStart)) {
        growth++;
      }
    }
    Map<String, Map<String, Integer>> written = new HashMap<>();
    for (ActiveDeviation member : members) {
      for (ReasonTerms.Term term : ReasonTerms.terms(member.reason())) {
        written
            .computeIfAbsent(term.stem(), k -> new TreeMap<>())
            .merge(term.word(), 1, Integer::sum);
      }
    }
    List<String> terms =
        termWeights.entrySet().stream()
            .sorted(
                Map.Entry.<String, Double>comparingByValue()
                    .reversed()
                    .thenComparing(Map.Entry.comparingByKey()))
            .limit(settings.topTerms())
            .map(entry -> mostWritten(written.get(entry.getKey())))
            .toList();
    return new DeviationCluster(
        found.id,
        first.component(),
        first.goldenPath(),
        members,
        List.copyOf(replacements),
        teams.size(),
        services.size(),
        terms,
        Instant.ofEpochMilli(firstSeen),
        growth,
        teams.size() >= settings.widenTeams());
  }
}
