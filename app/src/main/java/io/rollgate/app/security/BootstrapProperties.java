package io.rollgate.app.security;

import io.rollgate.connector.Secret;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The first admin credential ({@code rollgate.bootstrap.*}).
 *
 * @param token an admin API token ({@code rg_} and at least 32 letters, digits, '-' or '_'), for
 *     example from the environment variable {@code ROLLGATE_BOOTSTRAP_TOKEN}; it is valid while it
 *     is set and is never stored. Unset, Rollgate creates an admin token at the first start (when
 *     the store holds no active one) and prints it once to the log.
 */
@Validated
@ConfigurationProperties("rollgate.bootstrap")
public record BootstrapProperties(Secret token) {}
