package io.rollgate.app.problem;

import io.rollgate.app.config.ConfigurationProblem;
import org.springframework.boot.autoconfigure.security.SecurityProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The request body limit, applied before authentication so a large body costs nothing. */
@Configuration(proxyBeanMethods = false)
class RequestBodyLimitConfiguration {

  static final long MIN_BYTES = 1024;

  @Bean
  FilterRegistrationBean<RequestBodyLimit> requestBodyLimit(
      HttpProperties properties, ProblemWriter problems) {
    long limit = properties.maxBodySize().toBytes();
    if (limit < MIN_BYTES) {
      throw new ConfigurationProblem("rollgate.http.max-body-size", "must be at least 1KB");
    }
    FilterRegistrationBean<RequestBodyLimit> registration =
        new FilterRegistrationBean<>(new RequestBodyLimit(limit, problems));
    registration.setOrder(SecurityProperties.DEFAULT_FILTER_ORDER - 10);
    return registration;
  }
}
