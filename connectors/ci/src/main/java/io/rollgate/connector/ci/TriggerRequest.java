package io.rollgate.connector.ci;

import java.util.Map;
import java.util.Objects;

/**
 * What to start.
 *
 * @param pipeline GitHub: the workflow file name or id ({@code deploy.yml}); GitLab: not used, may
 *     be {@code null} (the project's pipeline runs); Jenkins: the job name ({@code folder/job} for
 *     a job in a folder)
 * @param ref the branch or tag to run on; required by GitHub and GitLab, not used by Jenkins (pass
 *     it as a parameter if the job takes one)
 * @param parameters GitHub workflow inputs (at most 25), GitLab pipeline variables, Jenkins build
 *     parameters
 */
public record TriggerRequest(String pipeline, String ref, Map<String, String> parameters) {

  public TriggerRequest {
    parameters = parameters == null ? Map.of() : Map.copyOf(parameters);
  }

  public static TriggerRequest of(String pipeline, String ref, Map<String, String> parameters) {
    return new TriggerRequest(pipeline, ref, parameters);
  }

  /** This request with one more parameter. */
  TriggerRequest withParameter(String name, String value) {
    Map<String, String> more = new java.util.LinkedHashMap<>(parameters);
    more.put(name, value);
    return new TriggerRequest(pipeline, ref, more);
  }

  String requirePipeline(String what) {
    return Objects.requireNonNull(pipeline, what + " is required");
  }

  String requireRef() {
    return Objects.requireNonNull(ref, "ref is required");
  }
}
