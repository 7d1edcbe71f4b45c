package io.rollgate.app.outside;

import io.rollgate.workers.HealthMetrics;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import java.time.Duration;
import java.util.Map;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Thresholds and waits of the gates ({@code rollgate.gates.*}).
 *
 * @param maxIncidentPriority incidents at this priority or more urgent block a release and fail a
 *     health check (1 to 5)
 * @param freezeFlag the boolean LaunchDarkly flag that freezes releases of a service
 * @param deployRef the branch or tag deploy workflows are dispatched on
 * @param deployTimeout the longest wait for a deploy run
 * @param deployPollInterval how often a running deploy is looked at
 * @param propagationTimeout the longest wait for a flag change to reach the SDK
 * @param jobTimeout how long a worker holds a job before the engine may hand it out again
 * @param maxJobsActive jobs of one type a worker holds at once
 * @param retryInitial the wait before a job's first retry after a transient failure
 * @param retryMax the longest wait between retries
 * @param healthMetrics by service, the Prometheus endpoint and metric thresholds a rollout wave's
 *     health check reads beside incidents ({@code
 *     rollgate.gates.health-metrics.<service>.endpoint}, {@code .thresholds[i].metric}, {@code
 *     .thresholds[i].max}); none by default
 * @param metricsTimeout the longest wait for a metrics endpoint before a health check is
 *     inconclusive
 * @param flagApprovalTimeout in a LaunchDarkly environment that requires approval, the longest a
 *     flag change waits for its approval before a person is asked
 * @param flagApprovalPollInterval how often a waiting approval request is read
 * @param incidentWatchInterval how often the engine's open incidents are read, so that a release
 *     stopped at one tells its long polls and event streams within this time
 */
@Validated
@ConfigurationProperties("rollgate.gates")
public record GateProperties(
    @DefaultValue("2") @Min(1) @Max(5) int maxIncidentPriority,
    @DefaultValue("release-freeze") @NotBlank String freezeFlag,
    @DefaultValue("main") @NotBlank String deployRef,
    @DefaultValue("10m") Duration deployTimeout,
    @DefaultValue("10s") Duration deployPollInterval,
    @DefaultValue("30s") Duration propagationTimeout,
    @DefaultValue("5m") Duration jobTimeout,
    @DefaultValue("4") @Min(1) int maxJobsActive,
    @DefaultValue("10s") Duration retryInitial,
    @DefaultValue("5m") Duration retryMax,
    @DefaultValue Map<String, HealthMetrics> healthMetrics,
    @DefaultValue("10s") Duration metricsTimeout,
    @DefaultValue("30m") Duration flagApprovalTimeout,
    @DefaultValue("15s") Duration flagApprovalPollInterval,
    @DefaultValue("5s") @DurationMin(millis = 1) Duration incidentWatchInterval) {}
