package dev.paved.model;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A closed set of values of the event contract. On the wire each value is the lower-case name of
 * its enum constant ({@code ROLLED_BACK} is {@code rolled_back}), so the two cannot drift apart.
 * Implemented by enums only.
 */
public interface WireValue {

  String name();

  /** The lower-case name, computed once per constant: encoding and decoding call it per event. */
  default String wireName() {
    Enum<?> constant = (Enum<?>) this;
    return WireNames.of(constant.getDeclaringClass()).names()[constant.ordinal()];
  }

  /** The value with this exact wire name; names are case-sensitive, as the contract spells them. */
  static <E extends Enum<E> & WireValue> Optional<E> fromWireName(Class<E> type, String wireName) {
    return Optional.ofNullable(type.cast(WireNames.of(type).byName().get(wireName)));
  }

  /** The wire names of one enum, by ordinal and the reverse. */
  record WireNames(String[] names, Map<String, Object> byName) {
    private static final ClassValue<WireNames> BY_TYPE =
        new ClassValue<>() {
          @Override
          protected WireNames computeValue(Class<?> type) {
            Object[] constants = type.getEnumConstants();
            String[] names =
                Stream.of(constants)
                    .map(constant -> ((Enum<?>) constant).name().toLowerCase(Locale.ROOT))
                    .toArray(String[]::new);
            Map<String, Object> byName =
                Stream.of(constants)
                    .collect(
                        Collectors.toUnmodifiableMap(
                            constant -> names[((Enum<?>) constant).ordinal()],
                            Function.identity()));
            return new WireNames(names, byName);
          }
        };

    static WireNames of(Class<?> type) {
      return BY_TYPE.get(type);
    }
  }
}
