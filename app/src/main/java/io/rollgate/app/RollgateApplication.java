package io.rollgate.app;

import io.camunda.client.annotation.Deployment;
import io.rollgate.app.demo.DemoRelease;
import java.util.Arrays;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * The Rollgate service: the gate API for pipelines, the ServiceNow approval webhook, release
 * records and the decision log, and the release lifecycle's job workers. In the default profile it
 * runs the embedded engine and the sandbox in-process; in the {@code production} profile it talks
 * to a Camunda 8 cluster and the real outside systems.
 */
@SpringBootApplication
@EnableScheduling
@ConfigurationPropertiesScan
@Deployment(
    resources = {
      "classpath:bpmn/release.bpmn",
      "classpath:bpmn/change-approval.bpmn",
      "classpath:bpmn/cutover.bpmn",
      "classpath:bpmn/cutover-rollback.bpmn",
      "classpath:dmn/readiness.dmn",
      "classpath:forms/go-no-go.form",
      "classpath:forms/window-ended.form",
      "classpath:forms/cutover-step.form",
      "classpath:forms/readiness-changed.form",
      "classpath:forms/rollout-decision.form",
      "classpath:forms/rollback-follow-up.form"
    })
public class RollgateApplication {

  /** Runs the service; {@code demo [--regression]} runs one demo release through it instead. */
  public static void main(String[] args) {
    if (args.length > 0 && args[0].equals("demo")) {
      System.exit(DemoRelease.run(Arrays.asList(args).subList(1, args.length)));
    }
    SpringApplication.run(RollgateApplication.class, args);
  }
}
