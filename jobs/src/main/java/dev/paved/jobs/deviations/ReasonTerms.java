package dev.paved.jobs.deviations;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The terms of a free-text reason: lower-cased words of letters and digits, English and
 * deviation-report stop words dropped ("need", "support", "missing" say nothing about the way a
 * team left the path), and a light stemmer so that "runners" and "runner", "needed" and "need"
 * meet.
 */
public final class ReasonTerms {

  private static final Set<String> STOP_WORDS =
      Set.of(
          "a", "an", "the", "and", "or", "but", "of", "for", "to", "in", "on", "at", "by", "with",
          "from", "as", "is", "are", "be", "was", "were", "it", "its", "this", "that", "there",
          "these", "those", "we", "our", "us", "they", "their", "them", "i", "my", "you", "your",
          "no", "not", "any", "all", "some", "more", "better", "than", "so", "too", "very", "can",
          "cannot", "do", "does", "doe", "has", "have", "had", "will", "would", "should", "must",
          "need", "want", "support", "missing", "require", "use", "still", "until", "next", "fit");

  private ReasonTerms() {}

  /** A term: its stem (what is compared) and the word it was written as (what is shown). */
  public record Term(String stem, String word) {}

  /** The stems of {@code reason} in order, repeats kept; empty for null or blank. */
  public static List<String> of(String reason) {
    return terms(reason).stream().map(Term::stem).toList();
  }

  /** The terms of {@code reason} in order, repeats kept; empty for null or blank. */
  public static List<Term> terms(String reason) {
    List<Term> terms = new ArrayList<>();
    if (reason == null) {
      return terms;
    }
    for (String word : reason.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
      if (word.isEmpty() || STOP_WORDS.contains(word)) {
        continue;
      }
      String stem = stem(word);
      if (!STOP_WORDS.contains(stem)) {
        terms.add(new Term(stem, word));
      }
    }
    return terms;
  }

  /** Plural and -ed/-ing endings off, keeping at least three letters of the stem. */
  static String stem(String word) {
    if (word.length() > 4 && word.endsWith("ies")) {
      return word.substring(0, word.length() - 3) + "y";
    }
    if (word.length() > 5 && word.endsWith("ing")) {
      return word.substring(0, word.length() - 3);
    }
    if (word.length() > 4 && word.endsWith("ed")) {
      return word.substring(0, word.length() - 2);
    }
    if (word.length() > 3 && word.endsWith("s") && !word.endsWith("ss") && !word.endsWith("is")) {
      return word.substring(0, word.length() - 1);
    }
    return word;
  }
}
