package dev.paved.jobs.delivery;

import java.io.IOException;
import java.time.Instant;
import java.util.function.Supplier;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.TimerService;

/**
 * One calculator's keyed state (a POJO such as {@link LeadTimeState}) and the event-time timer that
 * drops it at the calculator's {@code expiry}: the part every delivery and onboarding operator
 * shares. Create it in {@code open}; the operators only move state and timers around the pure
 * calculators.
 *
 * <p>The key has at most one timer: when the expiry moves, the old timer is deleted and a new one
 * registered. A timer that fires is the key's expiry only if it is the one registered ({@link
 * #isExpiry}); the operator then clears the state, or (for a calculator that prunes by watermark)
 * prunes it and {@link #update}s it with its next expiry.
 */
public final class ExpiringState<S> {

  private final ValueState<S> state;
  private final ValueState<Long> expiresAt;
  private final Supplier<S> empty;

  private ExpiringState(ValueState<S> state, ValueState<Long> expiresAt, Supplier<S> empty) {
    this.state = state;
    this.expiresAt = expiresAt;
    this.empty = empty;
  }

  /**
   * The state {@code name} of {@code type} (a Flink POJO), new keys starting from {@code empty}.
   */
  public static <S> ExpiringState<S> of(
      RuntimeContext context, String name, Class<S> type, Supplier<S> empty) {
    return new ExpiringState<>(
        context.getState(new ValueStateDescriptor<>(name, TypeInformation.of(type))),
        context.getState(new ValueStateDescriptor<>(name + "-expires-at", Types.LONG)),
        empty);
  }

  /** The current key's state; a fresh one when it has none. */
  public S get() throws IOException {
    S value = state.value();
    return value == null ? empty.get() : value;
  }

  /**
   * Stores the current key's state and (re)sets its timer to {@code expiry}; a null {@code expiry}
   * means nothing is left to keep, and clears the key.
   */
  public void update(S value, Instant expiry, TimerService timers) throws IOException {
    if (expiry == null) {
      clear(timers);
      return;
    }
    state.update(value);
    long at = expiry.toEpochMilli();
    Long registered = expiresAt.value();
    if (registered == null || registered != at) {
      if (registered != null) {
        timers.deleteEventTimeTimer(registered);
      }
      timers.registerEventTimeTimer(at);
      expiresAt.update(at);
    }
  }

  /** Whether a timer firing at {@code timestamp} is the current key's expiry. */
  public boolean isExpiry(long timestamp) throws IOException {
    Long registered = expiresAt.value();
    return registered != null && registered == timestamp;
  }

  /** Drops the current key's state when {@code timestamp} is its expiry (what most timers do). */
  public void clearIfExpired(long timestamp, TimerService timers) throws IOException {
    if (isExpiry(timestamp)) {
      clear(timers);
    }
  }

  /** Drops the current key's state and its timer. */
  public void clear(TimerService timers) throws IOException {
    Long registered = expiresAt.value();
    if (registered != null) {
      timers.deleteEventTimeTimer(registered);
    }
    state.clear();
    expiresAt.clear();
  }
}
