package io.rollgate.app.release;

import io.rollgate.workers.gate.GoNoGoPolicy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

/**
 * The go/no-go check's policy with each service's emergency quorum from {@code
 * rollgate.service-defaults.<service>.emergency-approvals}; it takes the place of the workers'
 * default policy.
 */
@Configuration(proxyBeanMethods = false)
class GoNoGoPolicyConfiguration {

  @Bean
  @Primary
  GoNoGoPolicy serviceGoNoGoPolicy(ReleaseProperties properties) {
    return new GoNoGoPolicy(GoNoGoPolicy.DEFAULT_QUORUM, properties.emergencyApprovals());
  }
}
