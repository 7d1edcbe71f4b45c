package io.rollgate.app.release;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * A deploy step's result, reported by a pipeline that deploys itself ({@code POST
 * /api/v1/releases/{id}/deployments}).
 *
 * @param step the step's name, for example {@code deploy-eu}
 * @param result {@code success} or {@code failure}
 * @param url the deploy run
 * @param artifactDigest what was deployed, for example {@code sha256:...}
 */
record DeploymentReport(
    @NotBlank @Size(max = 100) String step,
    @NotBlank @Pattern(regexp = "success|failure", message = "must be success or failure")
        String result,
    @Pattern(regexp = "https?://\\S+", message = "must be an http(s) URL") String url,
    @Pattern(
            regexp = "[a-z0-9]+:[a-f0-9]{32,128}",
            message = "must be algorithm:hex, e.g. sha256:…")
        String artifactDigest) {}
