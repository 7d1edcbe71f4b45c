package io.rollgate.app.embedded;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The embedded engine ({@code rollgate.engine.*}): on in the default profile, off in {@code
 * production}, where {@code camunda.client.*} points at a Camunda 8 cluster instead.
 *
 * @param embedded run the engine in the service's process
 * @param port its REST port on loopback; 0 picks a free one at start
 * @param dataDir where its journal and snapshots live
 */
@Validated
@ConfigurationProperties("rollgate.engine")
public record EngineProperties(
    @DefaultValue("true") boolean embedded,
    @DefaultValue("0") @Min(0) @Max(65535) int port,
    @DefaultValue("./rollgate-data/engine") Path dataDir) {}
