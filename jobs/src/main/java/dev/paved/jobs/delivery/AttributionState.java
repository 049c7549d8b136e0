package dev.paved.jobs.delivery;

import java.util.ArrayList;
import java.util.List;

/**
 * Keyed state of {@link ChangeFailureAttribution}: one service's recent production deploys and
 * incidents. A plain Flink POJO; only the calculator changes it.
 */
public class AttributionState {

  /** Events of the service's production deploys, one per event id. */
  public List<DeployReport> deploys = new ArrayList<>();

  /** The service's incidents, one per incident id. */
  public List<WatchedIncident> incidents = new ArrayList<>();
}
