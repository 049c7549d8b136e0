package dev.paved.model;

import java.time.Instant;
import java.util.List;

/**
 * A finished deployment. Its event's {@code time} is when it finished.
 *
 * <p>The changes it shipped are named by {@code changeIds} (sent as {@code change} events, before
 * or after the deploy), described inline in {@code changes}, or both: the deploy shipped all of
 * them.
 *
 * @param environment {@value #DEFAULT_ENVIRONMENT} when not sent
 * @param startedAt null when not sent
 */
public record Deploy(
    String deployId,
    String environment,
    Status status,
    Instant startedAt,
    List<String> changeIds,
    List<InlineChange> changes)
    implements EventBody {

  public static final String DEFAULT_ENVIRONMENT = "production";

  public Deploy {
    environment = environment == null ? DEFAULT_ENVIRONMENT : environment;
    changeIds = changeIds == null ? List.of() : List.copyOf(changeIds);
    changes = changes == null ? List.of() : List.copyOf(changes);
  }

  @Override
  public EventType type() {
    return EventType.DEPLOY;
  }

  /** How the deployment ended. */
  public enum Status implements WireValue {
    SUCCESS,
    FAILURE,
    ROLLED_BACK
  }
}
