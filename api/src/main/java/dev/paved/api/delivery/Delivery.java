package dev.paved.api.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.paved.api.http.Problem;
import dev.paved.api.query.MetricSql;
import dev.paved.api.query.Params;
import dev.paved.api.route.Request;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What the delivery endpoints share: the environments a request counts (the production set of
 * {@code metrics.production-environments} unless {@code environment} names others), and the group
 * column shown as null for facts without a team or service.
 */
final class Delivery {
  private Delivery() {}

  /** The OpenAPI schema of the {@code environments} every deploy-based answer names. */
  static final Map<String, Object> ENVIRONMENTS_SCHEMA =
      Map.of(
          "type",
          "array",
          "items",
          Map.of("type", "string"),
          "description",
          "the deploy environments counted: `environment` as given, else the production set"
              + " (setting metrics.production-environments)");

  /** The environments a deploy-based metric counts: as given, else the production set. */
  static List<String> environments(Request request, List<String> production) {
    List<String> given = request.get(Params.ENVIRONMENT);
    return given.isEmpty() ? production : given;
  }

  /** {@code environment IN (...)} for the environments the request counts. */
  static String environmentCondition(Request request, List<String> production) {
    return MetricSql.in("environment", environments(request, production));
  }

  /**
   * Lead time is measured to production deploys only: an {@code environment} outside the production
   * set is a 400; the null result means "no filter" (the whole production set).
   */
  static List<String> productionSubset(Request request, List<String> production) {
    List<String> given = request.get(Params.ENVIRONMENT);
    for (String environment : given) {
      if (!production.contains(environment)) {
        throw Problem.invalidParam(
            "environment",
            "lead time is measured to production deploys only; \""
                + environment
                + "\" is not in the production set ("
                + String.join(", ", production)
                + ")");
      }
    }
    return given;
  }

  /**
   * The aggregate alias for the row field {@code failed}: an alias that is also a column of the
   * table would replace the column inside the other expressions (ClickHouse resolves aliases
   * first), so the query names it this way and {@link #rows} renames it.
   */
  static final String FAILED_ALIAS = "failed_deploys";

  /**
   * The rows as objects, the group column null where the fact has none ({@code ''}), {@link
   * #FAILED_ALIAS} renamed {@code failed}.
   */
  static List<ObjectNode> rows(List<JsonNode> found, Request request) {
    List<ObjectNode> rows = new ArrayList<>();
    for (JsonNode row : found) {
      ObjectNode object = (ObjectNode) row;
      JsonNode failed = object.remove(FAILED_ALIAS);
      if (failed != null) {
        object.set("failed", failed);
      }
      request
          .groupBy()
          .filter(group -> object.path(group).asText().isEmpty())
          .ifPresent(object::putNull);
      rows.add(object);
    }
    return rows;
  }
}
