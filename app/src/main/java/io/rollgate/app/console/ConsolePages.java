package io.rollgate.app.console;

import io.rollgate.app.security.OidcProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The console: static pages, scripts and styles under {@code /console/}, served to anyone; every
 * piece of data they show comes from the authenticated API with the token the person signs in with.
 */
@Configuration(proxyBeanMethods = false)
class ConsolePages implements WebMvcConfigurer {

  @Override
  public void addViewControllers(ViewControllerRegistry registry) {
    registry.addRedirectViewController("/console", "/console/");
    registry.addViewController("/console/").setViewName("forward:/console/index.html");
  }

  @Bean
  FilterRegistrationBean<ConsoleContentSecurityPolicy> consoleContentSecurityPolicy(
      OidcProperties oidc) {
    FilterRegistrationBean<ConsoleContentSecurityPolicy> registration =
        new FilterRegistrationBean<>(new ConsoleContentSecurityPolicy(oidc));
    registration.addUrlPatterns("/console", "/console/*");
    return registration;
  }
}
