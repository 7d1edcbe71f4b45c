package io.rollgate.app.security;

import io.rollgate.app.config.ConfigurationProblem;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtDecoders;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.SupplierJwtDecoder;

/** The JWT decoder for {@code rollgate.security.oidc.*}, when an issuer or key set is set. */
@Configuration(proxyBeanMethods = false)
@Conditional(OidcConfiguration.Configured.class)
class OidcConfiguration {

  @Bean
  JwtDecoder oidcJwtDecoder(OidcProperties properties) {
    return decoder(properties);
  }

  /**
   * A decoder checking signature, time, issuer (when set) and audience (when set). With only an
   * issuer, its keys are discovered at the first JWT, so an issuer down at start does not stop the
   * service.
   *
   * @throws ConfigurationProblem when a URI is not an absolute http(s) URI
   */
  static JwtDecoder decoder(OidcProperties properties) {
    String issuer = OidcProperties.hasText(properties.issuerUri()) ? properties.issuerUri() : null;
    OAuth2TokenValidator<Jwt> validator = validator(properties, issuer);
    if (OidcProperties.hasText(properties.jwkSetUri())) {
      String jwkSetUri = checkedUri(properties.jwkSetUri(), "rollgate.security.oidc.jwk-set-uri");
      NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(jwkSetUri).build();
      decoder.setJwtValidator(validator);
      return decoder;
    }
    String location = checkedUri(issuer, "rollgate.security.oidc.issuer-uri");
    return new SupplierJwtDecoder(
        () -> {
          NimbusJwtDecoder decoder = JwtDecoders.fromIssuerLocation(location);
          decoder.setJwtValidator(validator);
          return decoder;
        });
  }

  private static OAuth2TokenValidator<Jwt> validator(OidcProperties properties, String issuer) {
    List<OAuth2TokenValidator<Jwt>> validators = new ArrayList<>();
    validators.add(
        issuer == null
            ? JwtValidators.createDefault()
            : JwtValidators.createDefaultWithIssuer(issuer));
    if (!properties.audiences().isEmpty()) {
      validators.add(
          new JwtClaimValidator<List<String>>(
              JwtClaimNames.AUD,
              aud -> aud != null && aud.stream().anyMatch(properties.audiences()::contains)));
    }
    return new DelegatingOAuth2TokenValidator<>(validators);
  }

  private static String checkedUri(String value, String property) {
    try {
      URI uri = new URI(value.trim());
      if (uri.isAbsolute() && ("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))) {
        return uri.toString();
      }
    } catch (URISyntaxException e) {
      // reported below
    }
    throw new ConfigurationProblem(property, "must be an absolute http(s) URI");
  }

  /** Either {@code issuer-uri} or {@code jwk-set-uri} is set. */
  static final class Configured implements Condition {
    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
      Binder binder = Binder.get(context.getEnvironment());
      return OidcProperties.hasText(
              binder.bind("rollgate.security.oidc.issuer-uri", String.class).orElse(null))
          || OidcProperties.hasText(
              binder.bind("rollgate.security.oidc.jwk-set-uri", String.class).orElse(null));
    }
  }
}
