package io.rollgate.app.problem;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Limits of the HTTP API ({@code rollgate.http.*}).
 *
 * @param maxBodySize a request body larger than this is refused with 413, before or while it is
 *     read; at least 1KB. The ServiceNow webhook has its own smaller limit.
 */
@Validated
@ConfigurationProperties("rollgate.http")
public record HttpProperties(@DefaultValue("1MB") DataSize maxBodySize) {}
