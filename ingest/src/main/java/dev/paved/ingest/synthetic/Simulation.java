package dev.paved.ingest.synthetic;

import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * One pass over the organisation's period: simulates a day, then delivers the events due that day
 * (its own and the late ones from earlier days), then the next. After the last day it delivers the
 * tail of late events. Each concern draws from its own seeded dice, so they do not disturb each
 * other's sequences.
 */
final class Simulation implements Iterator<byte[]> {
  private final OrganisationShape shape;
  private final Outbox outbox;
  private final Roster roster;
  private final Workforce workforce;
  private final CodeFlow code;
  private final PlatformUsage usage;
  private final Releases releases;
  private final Surveys surveys;
  private int nextDay;
  private List<byte[]> due = List.of();
  private int position;

  Simulation(OrganisationShape shape, long seed) {
    this.shape = shape;
    Ids ids = new Ids(seed);
    outbox = new Outbox(shape, dice(seed, 1));
    roster = Roster.build(shape, dice(seed, 2));
    SupportDesk desk = new SupportDesk(outbox, ids, dice(seed, 3));
    WorkflowRuns runs = new WorkflowRuns(outbox, ids, dice(seed, 4), desk);
    code = new CodeFlow(outbox, ids, dice(seed, 5), runs);
    usage = new PlatformUsage(outbox, ids, dice(seed, 6), runs, desk, code, roster);
    releases = new Releases(outbox, ids, dice(seed, 7), roster);
    workforce = new Workforce(outbox, ids, dice(seed, 8), roster, desk);
    surveys = new Surveys(outbox, ids, dice(seed, 9), roster);
    Deviations.plant(shape, roster, outbox, ids, dice(seed, 10));
  }

  private static Dice dice(long seed, int concern) {
    return new Dice(Ids.mix(seed * 31 + concern));
  }

  @Override
  public boolean hasNext() {
    while (position == due.size()) {
      if (nextDay == outbox.dayCount()) {
        return false;
      }
      if (nextDay < shape.days()) {
        simulate(Day.of(shape, nextDay));
      }
      due = outbox.deliver(nextDay++);
      position = 0;
    }
    return true;
  }

  @Override
  public byte[] next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    return due.get(position++);
  }

  private void simulate(Day day) {
    workforce.onDay(day);
    for (Developer developer : roster.developers()) {
      if (developer.activeOn(day)) {
        code.onDay(developer, day);
        usage.onDay(developer, day);
      }
    }
    releases.onDay(day);
    surveys.onDay(day);
  }
}
