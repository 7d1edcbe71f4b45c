package io.rollgate.workers.gate;

import io.camunda.client.CamundaClient;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The gates' task listeners: the decision check of the tasks beside go/no-go ({@code
 * rollgate-decision-check}) and the go/no-go check ({@code rollgate-go-no-go-check}), with {@link
 * GoNoGoPolicy#defaults()} unless the application provides a {@link GoNoGoPolicy} bean (a quorum
 * per service). Imported by {@code ReleaseWorkersConfiguration}.
 */
@Configuration(proxyBeanMethods = false)
public class GateWorkersConfiguration {

  @Bean
  @ConditionalOnMissingBean
  GoNoGoPolicy goNoGoPolicy() {
    return GoNoGoPolicy.defaults();
  }

  @Bean
  GoNoGoCheckWorker goNoGoCheckWorker(GoNoGoPolicy policy, CamundaClient camunda) {
    return new GoNoGoCheckWorker(policy, camunda);
  }

  @Bean
  DecisionCheckWorker decisionCheckWorker() {
    return new DecisionCheckWorker(new DecisionPolicy());
  }
}
