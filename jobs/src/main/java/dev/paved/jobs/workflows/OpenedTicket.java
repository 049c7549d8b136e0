package dev.paved.jobs.workflows;

import java.time.Instant;

/** A ticket's {@code opened} event as {@link TicketFollowUps} keeps it. */
public record OpenedTicket(String ticketId, Instant openedAt) {}
