package dev.paved.jobs.voice;

import dev.paved.jobs.runtime.LoggedEvent;
import dev.paved.jobs.runtime.Pipeline;
import dev.paved.model.EventType;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.streaming.api.datastream.DataStream;

/**
 * Voice of the developer (metrics.md §5) into {@code survey_answers} and {@code tickets}:
 *
 * <pre>
 * survey events → one row per answer                  → survey_answers
 * ticket events → TicketFunction by ticket_id → rows → tickets
 * </pre>
 */
public final class VoicePipeline implements Pipeline {
  private final Sink<SurveyRow> surveys;
  private final Sink<TicketRow> tickets;

  public VoicePipeline(Sink<SurveyRow> surveys, Sink<TicketRow> tickets) {
    this.surveys = surveys;
    this.tickets = tickets;
  }

  @Override
  public String name() {
    return "voice";
  }

  @Override
  public void attach(DataStream<LoggedEvent> events) {
    events
        .filter(event -> event.type() == EventType.SURVEY)
        .uid("voice-surveys-in")
        .name("survey events")
        .map(SurveyRow::of, TypeInformation.of(SurveyRow.class))
        .uid("voice-survey-rows")
        .name("survey answer rows")
        .sinkTo(surveys)
        .uid("sink-" + SurveyRow.TABLE)
        .name("ClickHouse " + SurveyRow.TABLE);
    events
        .filter(event -> event.type() == EventType.TICKET)
        .uid("voice-tickets-in")
        .name("ticket events")
        .keyBy(event -> TicketLifecycle.key(event.event()), Types.STRING)
        .process(new TicketFunction(), TypeInformation.of(TicketFact.class))
        .uid("voice-tickets")
        .name("ticket lifecycle per ticket")
        .map(TicketRow::of, TypeInformation.of(TicketRow.class))
        .uid("voice-ticket-rows")
        .name("ticket rows")
        .sinkTo(tickets)
        .uid("sink-" + TicketRow.TABLE)
        .name("ClickHouse " + TicketRow.TABLE);
  }
}
