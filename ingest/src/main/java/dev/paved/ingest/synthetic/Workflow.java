package dev.paved.ingest.synthetic;

import java.util.List;

/**
 * The platform's workflows, step by step: how long developers stay at each step, where they give
 * up, where it fails and with which recurring errors. Abandonment is concentrated where real
 * platforms lose people: wiring CI into a new service, and waiting for an environment's approval.
 */
enum Workflow {
  SERVICE_TEMPLATE(
      "service-template",
      "backstage",
      0.0025,
      0.4,
      "request",
      List.of(
          Step.plain("choose-template", 2, 0.04),
          Step.plain("name-service", 1.5, 0.03),
          new Step(
              "configure-ci",
              6,
              0.22,
              0.08,
              0,
              List.of(
                  "webhook creation failed: 403 from GitHub",
                  "pipeline template not found for language")),
          Step.plain("configure-deploy", 4, 0.05),
          Step.plain("review", 2, 0.02))),
  ENV_PROVISIONING(
      "env-provisioning",
      "backstage",
      0.02,
      0.5,
      "request",
      List.of(
          Step.plain("choose-environment", 1.5, 0.03),
          Step.plain("size-resources", 3, 0.03),
          // Approvals wait hours, sometimes days: some runs look abandoned, then revive.
          new Step("request-approval", 240, 0.25, 0, 0.12, List.of()),
          new Step(
              "provision",
              12,
              0.02,
              0.07,
              0,
              List.of(
                  "quota exceeded: vCPU limit in eu-west-1",
                  "terraform apply timed out after 30m")))),
  DATABASE_PROVISIONING(
      "database-provisioning",
      "backstage",
      0.004,
      0.45,
      "request",
      List.of(
          Step.plain("choose-engine", 1.5, 0.05),
          Step.plain("size-instance", 3, 0.04),
          new Step("configure-backups", 5, 0.12, 0, 0.05, List.of()),
          new Step(
              "provision",
              15,
              0.02,
              0.1,
              0,
              List.of(
                  "instance class db.r6g.large not available in region",
                  "quota exceeded: max 20 databases per team",
                  "backup bucket policy denied")))),
  SECRETS(
      "secrets",
      "backstage",
      0.008,
      0.35,
      "question",
      List.of(
          Step.plain("choose-vault", 1, 0.03),
          Step.plain("set-value", 1.5, 0.03),
          new Step(
              "grant-access",
              4,
              0.14,
              0.06,
              0.05,
              List.of(
                  "policy validation failed: unknown role", "vault path not permitted for team")))),
  /** One pipeline run per change pushed; it is not started from the portal. */
  CI_PIPELINE(
      "ci-pipeline",
      "platform-ci",
      0,
      0.04,
      "problem",
      List.of(
          new Step(
              "build",
              4,
              0,
              0.03,
              0,
              List.of(
                  "dependency resolution failed: 503 from artifact mirror",
                  "out of memory during compilation")),
          new Step(
              "test",
              8,
              0,
              0.07,
              0,
              List.of(
                  "flaky test: timed out waiting for testcontainers",
                  "test suite failed",
                  "docker rate limit exceeded pulling test images")),
          new Step("publish", 1.5, 0, 0.01, 0, List.of("registry push denied: token expired"))));

  /**
   * One step: the median minutes spent at it, the chance of giving up at it, of failing at it (with
   * its errors, most common first), and of stalling for more than a day before the next.
   */
  record Step(
      String name,
      double medianMinutes,
      double abandon,
      double failure,
      double stall,
      List<String> errors) {
    static Step plain(String name, double medianMinutes, double abandon) {
      return new Step(name, medianMinutes, abandon, 0, 0, List.of());
    }
  }

  private final String feature;
  private final String source;
  private final double dailyRate;
  private final double ticketAfterAbandon;
  private final String ticketKind;
  private final List<Step> steps;

  Workflow(
      String feature,
      String source,
      double dailyRate,
      double ticketAfterAbandon,
      String ticketKind,
      List<Step> steps) {
    this.feature = feature;
    this.source = source;
    this.dailyRate = dailyRate;
    this.ticketAfterAbandon = ticketAfterAbandon;
    this.ticketKind = ticketKind;
    this.steps = steps;
  }

  String feature() {
    return feature;
  }

  String source() {
    return source;
  }

  /** Chance that a developer starts it on a workday. */
  double dailyRate() {
    return dailyRate;
  }

  /** Chance that a developer who gave up asks the platform team for help. */
  double ticketAfterAbandon() {
    return ticketAfterAbandon;
  }

  /** What that ticket is: "please do it for me", or a question. */
  String ticketKind() {
    return ticketKind;
  }

  List<Step> steps() {
    return steps;
  }
}
