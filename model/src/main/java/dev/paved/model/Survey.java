package dev.paved.model;

/**
 * One answer to one survey question. The event's {@code actor} is absent for anonymous surveys.
 *
 * @param question the question's slug, e.g. {@code csat} or {@code nps}
 * @param score between {@code scaleMin} and {@code scaleMax}, both included
 * @param comment free text; null when not sent
 */
public record Survey(
    String surveyId,
    String question,
    double score,
    double scaleMin,
    double scaleMax,
    String comment)
    implements EventBody {

  @Override
  public EventType type() {
    return EventType.SURVEY;
  }
}
