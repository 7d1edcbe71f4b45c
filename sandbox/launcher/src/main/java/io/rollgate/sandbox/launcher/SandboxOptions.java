package io.rollgate.sandbox.launcher;

import java.net.URI;
import java.time.Duration;

/**
 * How the sandbox is started: a port per simulator (0 picks a free one), and how ServiceNow decides
 * approvals.
 *
 * @param servicenowPort the ServiceNow simulator's port
 * @param launchdarklyPort the LaunchDarkly simulator's port (REST and SDK endpoints)
 * @param ciPort GitHub on this port, GitLab on the next, Jenkins on the one after
 * @param approvalWebhook where ServiceNow POSTs approval decisions, or null for none
 * @param webhookSecret the secret ServiceNow signs its webhook calls with (HMAC-SHA256), or null to
 *     send them unsigned
 * @param autoApproveAfter ServiceNow approves a change this long after it asks for approval, or
 *     null to leave approvals to the admin endpoint
 */
public record SandboxOptions(
    int servicenowPort,
    int launchdarklyPort,
    int ciPort,
    URI approvalWebhook,
    Duration autoApproveAfter,
    String webhookSecret) {

  static final String USAGE =
      "usage: rollgate-sandbox [--servicenow-port N] [--launchdarkly-port N] [--ci-port N]"
          + " [--approval-webhook URL] [--webhook-secret S] [--auto-approve-ms N]";

  public SandboxOptions {
    for (int port : new int[] {servicenowPort, launchdarklyPort, ciPort}) {
      if (port < 0 || port > 65533) {
        throw new IllegalArgumentException("port " + port + " is not a usable port (0-65533)");
      }
    }
    if (autoApproveAfter != null && autoApproveAfter.isNegative()) {
      throw new IllegalArgumentException("--auto-approve-ms must not be negative");
    }
  }

  /** Fixed ports for a standalone sandbox: ServiceNow 8081, LaunchDarkly 8765, CI 8480-8482. */
  public static SandboxOptions standalone() {
    return new SandboxOptions(8081, 8765, 8480, null, null, null);
  }

  /** Free ports, approvals by the admin endpoint: for tests. */
  public static SandboxOptions freePorts() {
    return new SandboxOptions(0, 0, 0, null, null, null);
  }

  /**
   * Reads command-line options over {@link #standalone()}.
   *
   * @throws IllegalArgumentException with a one-line message naming the bad option
   */
  public static SandboxOptions parse(String... args) {
    SandboxOptions defaults = standalone();
    int servicenow = defaults.servicenowPort();
    int launchdarkly = defaults.launchdarklyPort();
    int ci = defaults.ciPort();
    URI webhook = null;
    Duration autoApprove = null;
    String secret = null;
    for (int i = 0; i < args.length; i += 2) {
      String option = args[i];
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException(option + " needs a value");
      }
      String value = args[i + 1];
      switch (option) {
        case "--servicenow-port":
          servicenow = port(option, value);
          break;
        case "--launchdarkly-port":
          launchdarkly = port(option, value);
          break;
        case "--ci-port":
          ci = port(option, value);
          break;
        case "--approval-webhook":
          webhook = webhook(value);
          break;
        case "--webhook-secret":
          secret = value;
          break;
        case "--auto-approve-ms":
          autoApprove = Duration.ofMillis(number(option, value));
          break;
        default:
          throw new IllegalArgumentException("unknown option " + option);
      }
    }
    return new SandboxOptions(servicenow, launchdarkly, ci, webhook, autoApprove, secret);
  }

  private static int port(String option, String value) {
    long port = number(option, value);
    if (port > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(option + " " + value + " is not a port");
    }
    return (int) port;
  }

  private static long number(String option, String value) {
    try {
      return Long.parseLong(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(option + " needs a number, not '" + value + "'");
    }
  }

  private static URI webhook(String value) {
    try {
      URI uri = URI.create(value);
      if (uri.getScheme() == null || !uri.getScheme().startsWith("http") || uri.getHost() == null) {
        throw new IllegalArgumentException("not http");
      }
      return uri;
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "--approval-webhook needs an http(s) URL, not '" + value + "'");
    }
  }
}
