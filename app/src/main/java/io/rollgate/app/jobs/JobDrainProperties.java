package io.rollgate.app.jobs;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long a stopping service waits for its running jobs ({@code rollgate.shutdown.*}).
 *
 * @param jobDrainTimeout jobs still running after this are left to the engine, which hands them to
 *     another instance once their job timeout passes
 */
@ConfigurationProperties("rollgate.shutdown")
record JobDrainProperties(@DefaultValue("25s") Duration jobDrainTimeout) {

  Duration timeout() {
    return jobDrainTimeout;
  }
}
