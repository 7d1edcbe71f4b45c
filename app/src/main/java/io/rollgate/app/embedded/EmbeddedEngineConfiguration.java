package io.rollgate.app.embedded;

import io.camunda.client.CamundaClient;
import io.rollgate.engine.RollgateEngine;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The embedded engine in the service's process (default profile). It starts before the Camunda
 * client and stops after it, so no worker ever polls an engine that is not there.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(
    name = "rollgate.engine.embedded",
    havingValue = "true",
    matchIfMissing = true)
class EmbeddedEngineConfiguration {

  static final String ENGINE_BEAN = "rollgateEngine";

  @Bean(name = ENGINE_BEAN, destroyMethod = "close")
  RollgateEngine rollgateEngine(EngineProperties properties, EngineFailureWatch failureWatch) {
    return RollgateEngine.builder()
        .dataDirectory(properties.dataDir())
        .port(properties.port())
        .onFailure(failureWatch::engineStopped)
        .build()
        .start();
  }

  /** Health component {@code embeddedEngine}; turns liveness DOWN when the engine stops. */
  @Bean("embeddedEngineHealthIndicator")
  EngineFailureWatch engineFailureWatch(ApplicationEventPublisher events) {
    return new EngineFailureWatch(events);
  }

  /** Every Camunda client bean depends on the engine: made after it, closed before it. */
  @Bean
  static BeanFactoryPostProcessor camundaClientAfterEngine() {
    return factory -> {
      for (String name : factory.getBeanNamesForType(CamundaClient.class, true, false)) {
        BeanDefinition definition = factory.getBeanDefinition(name);
        List<String> dependsOn = new ArrayList<>();
        if (definition.getDependsOn() != null) {
          dependsOn.addAll(Arrays.asList(definition.getDependsOn()));
        }
        dependsOn.add(ENGINE_BEAN);
        definition.setDependsOn(dependsOn.toArray(String[]::new));
      }
    };
  }
}
