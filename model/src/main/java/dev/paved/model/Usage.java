package dev.paved.model;

/**
 * A step of a platform workflow, or a single use of a platform feature.
 *
 * @param feature the platform feature, e.g. {@code service-template}
 * @param runId one attempt of the workflow, shared by all its steps; null for {@link Action#USED}
 * @param step the workflow step, e.g. {@code configure-ci}; set for {@link Action#STEP} and {@link
 *     Action#FAILED}
 * @param error what went wrong, for {@link Action#FAILED}; null when not sent
 */
public record Usage(String feature, Action action, String runId, String step, String error)
    implements EventBody {

  @Override
  public EventType type() {
    return EventType.USAGE;
  }

  /** Where in the workflow the developer is; {@code used} is a feature use with no workflow. */
  public enum Action implements WireValue {
    STARTED,
    STEP,
    COMPLETED,
    FAILED,
    USED;

    /** Whether this action is part of a workflow run, so the event needs a {@code run_id}. */
    public boolean needsRun() {
      return this != USED;
    }

    /** Whether this action happens at a named step, so the event needs a {@code step}. */
    public boolean needsStep() {
      return this == STEP || this == FAILED;
    }
  }
}
