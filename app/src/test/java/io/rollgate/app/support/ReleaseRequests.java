package io.rollgate.app.support;

import io.rollgate.sandbox.ci.Behaviour;
import io.rollgate.sandbox.launcher.Sandbox;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Release start requests as a pipeline sends them, and commits whose build passed. */
public final class ReleaseRequests {

  private ReleaseRequests() {}

  /**
   * A commit of acme/shop whose build just passed, of its own: readiness sees only its runs, not
   * the deploy runs other tests' releases dispatch on the branch head.
   */
  public static String greenCommit(Sandbox sandbox) {
    String sha = UUID.randomUUID().toString().replace("-", "") + "01234567";
    sandbox.ci().github().seedRun("acme", "shop", "build.yml", sha, "main", "push");
    try {
      // the simulated run sits 50 ms in the queue before its (instant) build passes
      Thread.sleep(200);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return sha;
  }

  /**
   * Makes repository {@code owner/name} known to GitHub, with a build of {@code sha} that just
   * passed: until then GitHub answers 404 for it, and a release's CI check stops at an incident.
   */
  public static void passedBuild(Sandbox sandbox, String owner, String name, String sha) {
    sandbox
        .ci()
        .github()
        .workflow(owner, name, "build.yml", Behaviour.succeedsAfter(Duration.ZERO));
    sandbox.ci().github().seedRun(owner, name, "build.yml", sha, "main", "push");
    try {
      // the simulated run sits 50 ms in the queue before its (instant) build passes
      Thread.sleep(200);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  public static Map<String, Object> request(String service, String version) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("service", service);
    body.put("version", version);
    body.put("commitSha", "0123456789abcdef0123456789abcdef01234567");
    body.put("environment", "production");
    body.put("changeModel", "normal");
    body.put("repository", "acme/shop");
    body.put("deployWorkflow", "deploy.yml");
    body.put("flagKey", "checkout-v2");
    body.put("waves", List.of(50, 100));
    body.put("bakeTime", "PT1S");
    body.put("runbookUrl", "https://wiki.example/runbooks/checkout");
    body.put("rollbackPlanUrl", "https://wiki.example/rollback/checkout");
    body.put("testReportUrl", "https://ci.example/reports/latest");
    body.put("testPassRatio", 1.0);
    return body;
  }
}
