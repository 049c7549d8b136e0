package dev.paved.model;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * A closed set of values of the event contract. On the wire each value is the lower-case name of
 * its enum constant ({@code ROLLED_BACK} is {@code rolled_back}), so the two cannot drift apart.
 */
public interface WireValue {

  String name();

  default String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The value with this exact wire name; names are case-sensitive, as the contract spells them. */
  static <E extends Enum<E> & WireValue> Optional<E> fromWireName(Class<E> type, String wireName) {
    return Arrays.stream(type.getEnumConstants())
        .filter(value -> value.wireName().equals(wireName))
        .findFirst();
  }
}
