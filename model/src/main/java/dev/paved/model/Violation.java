package dev.paved.model;

/**
 * Why an event breaks the contract.
 *
 * @param field the field at fault as the sender wrote it: {@code status}, {@code change_ids[2]},
 *     {@code changes[0].time}, {@code attributes.region}; {@code event} when the event as a whole
 *     is at fault
 * @param reason what is wrong, e.g. {@code required for type deploy}
 */
public record Violation(String field, String reason) {

  /** A sentence for the sender, e.g. {@code service: required for type deploy}. */
  public String message() {
    return field + ": " + reason;
  }
}
