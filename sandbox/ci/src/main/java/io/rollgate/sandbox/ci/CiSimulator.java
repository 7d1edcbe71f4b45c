package io.rollgate.sandbox.ci;

import java.time.Clock;
import java.time.Duration;

/**
 * A stateful simulator of GitHub Actions, GitLab CI and Jenkins on loopback: three servers, each
 * speaking its system's HTTP API at its own base URL (with {@link Builder#port(int) port} N: GitHub
 * on N, GitLab on N+1, Jenkins on N+2).
 *
 * <ul>
 *   <li>{@link #github()} — point a GitHub client at {@code github().baseUri()} (as {@code
 *       https://api.github.com});
 *   <li>{@link #gitlab()} — GitLab instance URL, API under {@code /api/v4};
 *   <li>{@link #jenkins()} — Jenkins root URL.
 * </ul>
 *
 * Runs, pipelines and builds move queued → running → finished by the clock: queued for the queue
 * time (Jenkins: quiet period), then running for the configured {@link Behaviour#duration()}. Each
 * system server has the sandbox fault knobs under {@code /_sandbox/faults} and its request log
 * under {@code /_sandbox/requests}, and its own admin API under {@code /_sandbox/github}, {@code
 * /_sandbox/gitlab} or {@code /_sandbox/jenkins} (see {@link GitHubSim}, {@link GitLabSim}, {@link
 * JenkinsSim}), which the fault knobs never get in the way of.
 */
public final class CiSimulator implements AutoCloseable {

  private final GitHubSim github;
  private final GitLabSim gitlab;
  private final JenkinsSim jenkins;

  private CiSimulator(Builder b) {
    int port = b.port;
    this.github = new GitHubSim(next(port, 0), b.clock, b.queueTime);
    this.gitlab = new GitLabSim(next(port, 1), b.clock, b.queueTime);
    this.jenkins =
        new JenkinsSim(
            next(port, 2),
            b.clock,
            b.queueTime,
            b.jenkinsUser,
            b.jenkinsApiToken,
            b.jenkinsPassword);
    this.github.dispatchDelay(b.dispatchDelay);
  }

  private static int next(int port, int offset) {
    return port == 0 ? 0 : port + offset;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Starts on free ports with the defaults. */
  public static CiSimulator start() {
    return builder().start();
  }

  public GitHubSim github() {
    return github;
  }

  public GitLabSim gitlab() {
    return gitlab;
  }

  public JenkinsSim jenkins() {
    return jenkins;
  }

  /**
   * Forgets every run, pipeline, build and recorded request; clears the fault knobs. Each system
   * alone: {@code POST /_sandbox/github/reset} (likewise {@code gitlab}, {@code jenkins}).
   */
  public void reset() {
    github.reset();
    gitlab.reset();
    jenkins.reset();
  }

  @Override
  public void close() {
    github.server().close();
    gitlab.server().close();
    jenkins.server().close();
  }

  /**
   * Seeds the demo: repository {@code acme/shop} with workflows {@code build.yml} and {@code
   * deploy.yml}, GitLab project {@code acme/shop} (id 42) and Jenkins job {@code deploy-shop}.
   *
   * @return the commit at the head of {@code main}, whose build succeeded
   */
  public String seedDemo() {
    String sha = GitHubSim.fakeSha("demo");
    // The head commit's build has already passed, as on a branch ready to release.
    github.workflow("acme", "shop", "build.yml", Behaviour.succeedsAfter(Duration.ZERO));
    github.workflow("acme", "shop", "deploy.yml", Behaviour.succeedsAfter(Duration.ofSeconds(10)));
    github.branchHead("acme", "shop", "main", sha);
    github.seedRun("acme", "shop", "build.yml", sha, "main", "push");
    github.seedStatus("acme", "shop", sha, "ci/build", "success");
    gitlab.project("acme/shop", 42, Behaviour.succeedsAfter(Duration.ofSeconds(10)));
    gitlab.branchHead("acme/shop", "main", sha);
    jenkins.job("deploy-shop", sha, Behaviour.succeedsAfter(Duration.ofSeconds(10)));
    return sha;
  }

  /** Ports, clock and timings of a simulator. */
  public static final class Builder {
    private int port;
    private Clock clock = Clock.systemUTC();
    private Duration queueTime = Duration.ofMillis(50);
    private Duration dispatchDelay = Duration.ofMillis(200);
    private String jenkinsUser = "rollgate";
    private String jenkinsApiToken = "11d2f0c1e6b3a4f5d6e7f8a9b0c1d2e3f4";
    private String jenkinsPassword = "sim-password";

    private Builder() {}

    /** GitHub on {@code port}, GitLab on +1, Jenkins on +2; 0 picks free ports. */
    public Builder port(int port) {
      this.port = port;
      return this;
    }

    public Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    /** How long a new run, pipeline or queue item waits before it starts running. */
    public Builder queueTime(Duration queueTime) {
      this.queueTime = queueTime;
      return this;
    }

    /** How long after a workflow_dispatch the GitHub run becomes visible. */
    public Builder dispatchDelay(Duration dispatchDelay) {
      this.dispatchDelay = dispatchDelay;
      return this;
    }

    /** The Jenkins user with its API token and password. */
    public Builder jenkinsUser(String user, String apiToken, String password) {
      this.jenkinsUser = user;
      this.jenkinsApiToken = apiToken;
      this.jenkinsPassword = password;
      return this;
    }

    public CiSimulator start() {
      return new CiSimulator(this);
    }
  }
}
