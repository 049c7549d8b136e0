package dev.paved.jobs;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.core.execution.JobClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The streaming job started by {@link PavedJobs#start}; closing it cancels the job. */
public final class RunningJob implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RunningJob.class);

  private final JobClient client;
  private final Duration cancelTimeout;
  private final Optional<Path> resumedFrom;
  private boolean closed;

  RunningJob(JobClient client, Duration cancelTimeout, Optional<Path> resumedFrom) {
    this.client = client;
    this.cancelTimeout = cancelTimeout;
    this.resumedFrom = resumedFrom;
  }

  /** The checkpoint the job resumed from; empty when it started without one. */
  public Optional<Path> resumedFrom() {
    return resumedFrom;
  }

  public JobClient client() {
    return client;
  }

  /** The job's status now, e.g. {@code RUNNING}. */
  public JobStatus status() throws ExecutionException, InterruptedException, TimeoutException {
    return client.getJobStatus().get(cancelTimeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /**
   * Cancels the job and waits until it has ended (a local MiniCluster then stops too). The last
   * checkpoint stays on disk for the next start; rows after it are written again then.
   */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      client.cancel().get(cancelTimeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      // Already finished or failed: nothing to cancel.
      LOG.debug("Cancelling Flink job {}: {}", client.getJobID(), e.getCause().toString());
    } catch (TimeoutException e) {
      LOG.warn("Flink job {} did not cancel within {}", client.getJobID(), cancelTimeout);
      return;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    }
    try {
      client.getJobExecutionResult().get(cancelTimeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      // A cancelled job's result is a cancellation exception: expected.
    } catch (TimeoutException e) {
      LOG.warn(
          "Flink job {} did not end within {} of its cancellation",
          client.getJobID(),
          cancelTimeout);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    LOG.info("Paved jobs stopped (Flink job {})", client.getJobID());
  }

  @Override
  public String toString() {
    return "Paved jobs (Flink job " + client.getJobID() + ")";
  }
}
