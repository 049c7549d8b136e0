package dev.paved.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.paved.api.activity.ActivityEndpoint;
import dev.paved.api.delivery.ChangeFailureRateEndpoint;
import dev.paved.api.delivery.DeploymentsEndpoint;
import dev.paved.api.delivery.LeadTimeBreakdownEndpoint;
import dev.paved.api.delivery.LeadTimeEndpoint;
import dev.paved.api.delivery.PerformanceLevelsEndpoint;
import dev.paved.api.delivery.RecoveryTimeEndpoint;
import dev.paved.api.deviations.DeviationClustersEndpoint;
import dev.paved.api.events.EventsEndpoint;
import dev.paved.api.features.AdoptionEndpoint;
import dev.paved.api.onboarding.DeveloperOnboardingEndpoint;
import dev.paved.api.onboarding.ServiceBootstrapEndpoint;
import dev.paved.api.route.Endpoint;
import dev.paved.api.scorecard.ScorecardEndpoint;
import dev.paved.api.voice.SurveysEndpoint;
import dev.paved.api.voice.TicketsEndpoint;
import dev.paved.api.workflows.AbandonmentEndpoint;
import dev.paved.api.workflows.StuckPointsEndpoint;
import dev.paved.clickhouse.ClickHouse;
import dev.paved.config.ApiConfig;
import java.util.List;

/**
 * The read API's table of contents: every endpoint the server serves under {@code /api/v1} and
 * documents in {@code /api/v1/openapi.json}. A new metric is one {@link Endpoint} class and one
 * line here.
 */
public final class Endpoints {
  private Endpoints() {}

  public static List<Endpoint> all(ClickHouse clickhouse, ObjectMapper json, ApiConfig config) {
    List<String> production = config.productionEnvironments();
    return List.of(
        new ActivityEndpoint(clickhouse),
        new EventsEndpoint(clickhouse, json),
        new LeadTimeEndpoint(clickhouse, production),
        new LeadTimeBreakdownEndpoint(clickhouse, production),
        new DeploymentsEndpoint(clickhouse, production),
        new ChangeFailureRateEndpoint(clickhouse, production),
        new RecoveryTimeEndpoint(clickhouse),
        new PerformanceLevelsEndpoint(clickhouse, production),
        new DeveloperOnboardingEndpoint(clickhouse),
        new ServiceBootstrapEndpoint(clickhouse),
        new AbandonmentEndpoint(clickhouse),
        new StuckPointsEndpoint(clickhouse),
        new AdoptionEndpoint(clickhouse),
        new DeviationClustersEndpoint(clickhouse),
        new SurveysEndpoint(clickhouse),
        new TicketsEndpoint(clickhouse),
        new ScorecardEndpoint(clickhouse, production, config.scorecard()));
  }
}
