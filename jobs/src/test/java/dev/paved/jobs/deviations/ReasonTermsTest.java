package dev.paved.jobs.deviations;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class ReasonTermsTest {
  @Test
  void lowerCaseStopWordsAndLightStemming() {
    assertEquals(List.of("gpu", "runner"), ReasonTerms.of("need GPU runners"));
    assertEquals(List.of("gpu", "runner"), ReasonTerms.of("GPU runner support"));
    assertEquals(List.of("ml", "build", "gpu"), ReasonTerms.of("our ML builds need GPUs"));
    assertEquals(List.of("document", "model"), ReasonTerms.of("Document model needed!"));
    assertEquals(
        List.of("schemaless", "process", "policy"),
        ReasonTerms.of("schemaless processing policies"));
    assertEquals(List.of(), ReasonTerms.of(null));
    assertEquals(List.of(), ReasonTerms.of("  we need it  "));
  }
}
