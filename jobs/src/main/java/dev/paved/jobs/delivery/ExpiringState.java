package dev.paved.jobs.delivery;

import java.io.IOException;
import java.time.Instant;
import java.util.function.Supplier;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.TimerService;

/**
 * One calculator's keyed state (a POJO such as {@link LeadTimeState}) and the event-time timer that
 * drops it at the calculator's {@code expiry}: the part every delivery and onboarding operator
 * shares. Create it in {@code open}; the operators only move state and timers around the pure
 * calculators.
 *
 * <p>The key has at most one timer. When the expiry moves later, the pending timer is kept and,
 * when it fires, re-registered at the expiry: most updates push the expiry a little later, and
 * deleting and registering a timer on each was a fifth of a backfill's timer work. When the expiry
 * moves earlier than the pending timer, that one is deleted and a new one registered. A timer that
 * fires is the key's expiry only if it is at the expiry ({@link #isExpiry}); the operator then
 * clears the state, or (for a calculator that prunes by watermark) prunes it and {@link #update}s
 * it with its next expiry.
 */
public final class ExpiringState<S> {

  private static final int EXPIRY = 0;
  private static final int TIMER = 1;

  private final ValueState<S> state;

  /** The key's expiry and its pending timer (at or before the expiry), as a new array each time. */
  private final ValueState<long[]> expiresAt;

  /**
   * The expiry as checkpoints of earlier versions hold it (its timer at the expiry): read when the
   * key has no {@link #expiresAt}, so keys restored from such a checkpoint still expire.
   */
  private final ValueState<Long> earlierExpiresAt;

  private final Supplier<S> empty;

  private ExpiringState(
      ValueState<S> state,
      ValueState<long[]> expiresAt,
      ValueState<Long> earlierExpiresAt,
      Supplier<S> empty) {
    this.state = state;
    this.expiresAt = expiresAt;
    this.earlierExpiresAt = earlierExpiresAt;
    this.empty = empty;
  }

  /**
   * The state {@code name} of {@code type} (a Flink POJO), new keys starting from {@code empty}.
   */
  public static <S> ExpiringState<S> of(
      RuntimeContext context, String name, Class<S> type, Supplier<S> empty) {
    return new ExpiringState<>(
        context.getState(new ValueStateDescriptor<>(name, TypeInformation.of(type))),
        context.getState(
            new ValueStateDescriptor<>(
                name + "-expiry", PrimitiveArrayTypeInfo.LONG_PRIMITIVE_ARRAY_TYPE_INFO)),
        context.getState(new ValueStateDescriptor<>(name + "-expires-at", Types.LONG)),
        empty);
  }

  /** The current key's state; a fresh one when it has none. */
  public S get() throws IOException {
    S value = state.value();
    return value == null ? empty.get() : value;
  }

  /**
   * Stores the current key's state and moves its expiry to {@code expiry}; a null {@code expiry}
   * means nothing is left to keep, and clears the key.
   */
  public void update(S value, Instant expiry, TimerService timers) throws IOException {
    if (expiry == null) {
      clear(timers);
      return;
    }
    state.update(value);
    long at = expiry.toEpochMilli();
    long[] registered = registered();
    // A timer at or before the watermark has fired (it may be the one being handled now).
    boolean pending = registered != null && registered[TIMER] > timers.currentWatermark();
    if (pending && registered[TIMER] <= at) {
      if (registered[EXPIRY] != at) {
        store(new long[] {at, registered[TIMER]});
      }
      return;
    }
    if (pending) {
      timers.deleteEventTimeTimer(registered[TIMER]);
    }
    timers.registerEventTimeTimer(at);
    store(new long[] {at, at});
  }

  /**
   * Whether a timer firing at {@code timestamp} is the current key's expiry. A timer that fires
   * before the expiry, which moved later meanwhile, is registered again at the expiry.
   */
  public boolean isExpiry(long timestamp, TimerService timers) throws IOException {
    long[] registered = registered();
    if (registered == null) {
      return false;
    }
    if (registered[EXPIRY] == timestamp) {
      return true;
    }
    if (registered[TIMER] == timestamp) {
      timers.registerEventTimeTimer(registered[EXPIRY]);
      store(new long[] {registered[EXPIRY], registered[EXPIRY]});
    }
    return false;
  }

  /** Drops the current key's state when {@code timestamp} is its expiry (what most timers do). */
  public void clearIfExpired(long timestamp, TimerService timers) throws IOException {
    if (isExpiry(timestamp, timers)) {
      clear(timers);
    }
  }

  /** Drops the current key's state and its timer. */
  public void clear(TimerService timers) throws IOException {
    long[] registered = registered();
    if (registered != null) {
      timers.deleteEventTimeTimer(registered[TIMER]);
    }
    state.clear();
    expiresAt.clear();
  }

  /** The key's expiry and pending timer; a key of an earlier checkpoint is moved over first. */
  private long[] registered() throws IOException {
    long[] registered = expiresAt.value();
    if (registered != null || state.value() == null) {
      return registered;
    }
    Long earlier = earlierExpiresAt.value();
    if (earlier == null) {
      return null;
    }
    long[] moved = {earlier, earlier};
    expiresAt.update(moved);
    earlierExpiresAt.clear();
    return moved;
  }

  private void store(long[] registered) throws IOException {
    expiresAt.update(registered);
  }
}
