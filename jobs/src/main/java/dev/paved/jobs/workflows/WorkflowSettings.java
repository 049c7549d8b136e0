package dev.paved.jobs.workflows;

import java.io.Serializable;
import java.time.Duration;
import java.util.Objects;

/**
 * The windows of the workflow metrics (metrics.md, section 3).
 *
 * @param inactivity an attempt that has not completed is abandoned when no event of its run arrives
 *     for this long in event time after its last event (setting {@code
 *     jobs.workflow-inactivity-hours}, default 24 hours)
 * @param ticketWindow a ticket counts as following an abandonment when it is opened on the same
 *     feature by the same developer at most this long after the attempt's last event (48 hours)
 * @param retention how long, in event time, an ended attempt (and a ticket or abandonment waiting
 *     to be paired) stays in state for late events and revivals (default 30 days); a run revived
 *     after that starts a fresh attempt row in its place
 */
public record WorkflowSettings(Duration inactivity, Duration ticketWindow, Duration retention)
    implements Serializable {

  public static final WorkflowSettings DEFAULTS =
      new WorkflowSettings(Duration.ofHours(24), Duration.ofHours(48), Duration.ofDays(30));

  public WorkflowSettings {
    requirePositive(inactivity, "inactivity");
    requirePositive(ticketWindow, "ticketWindow");
    requirePositive(retention, "retention");
    if (retention.compareTo(inactivity) <= 0 || retention.compareTo(ticketWindow) <= 0) {
      throw new IllegalArgumentException(
          "retention (" + retention + ") must exceed the inactivity and ticket windows");
    }
  }

  /** The same windows with another inactivity rule. */
  public WorkflowSettings withInactivity(Duration newInactivity) {
    return new WorkflowSettings(newInactivity, ticketWindow, retention);
  }

  private static void requirePositive(Duration duration, String name) {
    Objects.requireNonNull(duration, name);
    if (duration.isNegative() || duration.isZero()) {
      throw new IllegalArgumentException(name + " must be positive, not " + duration);
    }
  }
}
