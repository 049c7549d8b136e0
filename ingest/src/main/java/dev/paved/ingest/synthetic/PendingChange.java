package dev.paved.ingest.synthetic;

/**
 * A change waiting to be deployed. {@code reference} is what a deploy names: the change id, or the
 * squash commit listed in the change's {@code commit_ids}.
 */
record PendingChange(String reference, String changeId, long time, String actor, long readyAt) {}
