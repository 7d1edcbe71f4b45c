package io.rollgate.app.task;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * One task with what a person needs to decide it.
 *
 * @param form the form-js schema of the shipped {@code .form} file the task points to; null without
 *     one
 * @param data the variables the task sees, its own scope's and its enclosing scopes' (an inner one
 *     hiding an outer one of the same name), that the form reads: readiness verdict and reasons,
 *     change, CI run, incidents, a rollout's wave and health verdict, ...
 * @param evidence each decision recorded for the release so far, with its evidence hash
 */
record TaskDetail(
    @JsonUnwrapped TaskView task,
    JsonNode form,
    Map<String, Object> data,
    List<Evidence> evidence) {

  /**
   * @param name the gate and what it decided, e.g. {@code readiness GO_WITH_RISK}
   * @param url the release's evidence pack, which holds the snapshot
   * @param sha256 the SHA-256 of the evidence snapshot the decision saw
   */
  record Evidence(String name, String url, String sha256) {}
}
