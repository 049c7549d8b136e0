package dev.paved.ingest.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * The answer to {@code POST /v1/events}: how many events were accepted, how many were duplicates of
 * events already accepted, and why each rejected event was rejected.
 */
public record BatchOutcome(int accepted, int duplicates, List<Rejection> rejected) {

  /** One rejected event: its position in the batch, its id if it had a valid one, and why. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Rejection(int index, String id, String reason) {}
}
