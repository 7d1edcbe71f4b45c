package io.rollgate.app.sandbox;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The in-process simulators of ServiceNow, LaunchDarkly and CI ({@code rollgate.sandbox.*}): on in
 * the default profile, so one command gives a working Rollgate; never in {@code production}.
 *
 * @param enabled run the simulators and talk to them instead of the real systems
 * @param servicenowPort the ServiceNow simulator's port; 0 picks a free one
 * @param launchdarklyPort the LaunchDarkly simulator's port; 0 picks a free one
 * @param ciPort GitHub's port (GitLab and Jenkins on the next two); 0 picks free ones
 * @param autoApproveAfter the simulated CAB approves a change this long after it is asked; empty
 *     leaves approvals to the simulator's admin API
 */
@ConfigurationProperties("rollgate.sandbox")
public record SandboxProperties(
    @DefaultValue("false") boolean enabled,
    @DefaultValue("0") int servicenowPort,
    @DefaultValue("0") int launchdarklyPort,
    @DefaultValue("0") int ciPort,
    Duration autoApproveAfter) {}
