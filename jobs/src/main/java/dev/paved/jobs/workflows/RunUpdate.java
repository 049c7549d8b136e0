package dev.paved.jobs.workflows;

import java.util.List;

/**
 * What one input changed of a run: its attempt fact when that changed (else null) and the step
 * facts that changed.
 */
public record RunUpdate(AttemptFact attempt, List<StepFact> steps) {

  static final RunUpdate NONE = new RunUpdate(null, List.of());

  public boolean isEmpty() {
    return attempt == null && steps.isEmpty();
  }
}
