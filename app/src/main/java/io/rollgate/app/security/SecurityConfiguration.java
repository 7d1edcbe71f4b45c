package io.rollgate.app.security;

import io.rollgate.app.problem.ProblemWriter;
import io.rollgate.app.problem.SecurityHeaders;
import jakarta.servlet.DispatcherType;
import java.time.Clock;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationProvider;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Stateless bearer authentication (API tokens, and JWTs when a decoder is configured) and
 * authorization built from {@link EndpointRules}.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

  @Bean
  ApiTokens apiTokens(JdbcTemplate jdbc, ObjectProvider<Clock> clock) {
    return new ApiTokens(jdbc, clock.getIfAvailable(Clock::systemUTC));
  }

  @Bean
  BootstrapAdmin bootstrapAdmin(BootstrapProperties properties, ApiTokens tokens) {
    return new BootstrapAdmin(properties, tokens);
  }

  /** Also the firewall's handler of rejected requests, which Spring Security finds as a bean. */
  @Bean
  SecurityProblems securityProblems(ProblemWriter problemWriter) {
    return new SecurityProblems(problemWriter);
  }

  @Bean
  SecurityFilterChain apiSecurity(
      HttpSecurity http,
      ApiTokens tokens,
      BootstrapAdmin bootstrap,
      ObjectProvider<JwtDecoder> jwtDecoder,
      OidcProperties oidc,
      SecurityProblems problems,
      ApplicationContext context)
      throws Exception {
    JwtAuthenticationProvider jwt = null;
    JwtDecoder decoder = jwtDecoder.getIfAvailable();
    if (decoder != null) {
      jwt = new JwtAuthenticationProvider(decoder);
      jwt.setJwtAuthenticationConverter(new JwtCaller(oidc));
    }
    BearerAuthentication bearer = new BearerAuthentication(tokens, bootstrap, jwt);
    UnlistedEndpoints unlisted = new UnlistedEndpoints(context);
    return http.csrf(AbstractHttpConfigurer::disable)
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .httpBasic(AbstractHttpConfigurer::disable)
        .formLogin(AbstractHttpConfigurer::disable)
        .logout(AbstractHttpConfigurer::disable)
        .requestCache(AbstractHttpConfigurer::disable)
        .headers(h -> h.defaultsDisabled().addHeaderWriter(new SecurityHeaders()))
        .exceptionHandling(e -> e.authenticationEntryPoint(problems).accessDeniedHandler(problems))
        .oauth2ResourceServer(
            o ->
                o.authenticationManagerResolver(request -> bearer)
                    .authenticationEntryPoint(problems)
                    .accessDeniedHandler(problems))
        .authorizeHttpRequests(
            authorize -> {
              // the request itself was authorized; its async completion and error page follow it
              authorize
                  .dispatcherTypeMatchers(DispatcherType.ASYNC, DispatcherType.ERROR)
                  .permitAll();
              EndpointRules.RULES.forEach(rule -> apply(authorize, rule));
              authorize.anyRequest().access(unlisted);
            })
        .build();
  }

  private static void apply(
      AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry
          authorize,
      EndpointRules.Rule rule) {
    RequestMatcher matcher =
        PathPatternRequestMatcher.withDefaults().matcher(rule.method(), rule.pattern());
    AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizedUrl url =
        authorize.requestMatchers(matcher);
    Access access = rule.access();
    if (access instanceof Access.Open) {
      url.permitAll();
    } else if (access instanceof Access.Authenticated) {
      url.authenticated();
    } else if (access instanceof Access.AnyOf anyOf) {
      url.hasAnyRole(anyOf.roles().stream().sorted().map(Role::value).toArray(String[]::new));
    } else {
      throw new IllegalStateException("no authorization for " + access);
    }
  }
}
