package dev.paved.jobs.voice;

import dev.paved.jobs.delivery.Columns;
import dev.paved.jobs.delivery.FactVersion;
import dev.paved.jobs.runtime.LoggedEvent;
import dev.paved.model.Event;
import dev.paved.model.Survey;

/**
 * One row of {@code survey_answers}: one answer to one question (metrics.md §5), id {@code
 * survey:<event id>}. The API aggregates them at query time (sums and sums of squares for the mean
 * and its confidence interval). {@code actor} is {@code ''} for an anonymous answer, which counts
 * like any other. {@code nps_score} is the score on 0–10 (scores on another scale mapped linearly),
 * which the net promoter score needs.
 */
public record SurveyRow(
    String id,
    String eventId,
    String surveyId,
    String question,
    String team,
    String actor,
    String answeredAt,
    int answeredMs,
    double score,
    double scaleMin,
    double scaleMax,
    double npsScore,
    String comment,
    long version) {

  public static final String TABLE = "survey_answers";

  public static SurveyRow of(LoggedEvent logged) {
    Event event = logged.event();
    Survey survey = (Survey) event.body();
    return new SurveyRow(
        "survey:" + event.id(),
        event.id(),
        survey.surveyId(),
        survey.question(),
        Columns.text(event.team()),
        Columns.text(event.actor()),
        Columns.dateTime(event.time()),
        Columns.millis(event.time()),
        survey.score(),
        survey.scaleMin(),
        survey.scaleMax(),
        npsScore(survey),
        Columns.text(survey.comment()),
        FactVersion.next(0, event.time()));
  }

  /** The score on the NPS scale 0–10: as it is on 0–10, else mapped linearly. */
  static double npsScore(Survey survey) {
    if (survey.scaleMin() == 0 && survey.scaleMax() == 10) {
      return survey.score();
    }
    double span = survey.scaleMax() - survey.scaleMin();
    return span <= 0 ? 0 : 10 * (survey.score() - survey.scaleMin()) / span;
  }
}
