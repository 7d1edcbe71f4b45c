package io.rollgate.app.release;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * What the gate API accepts ({@code rollgate.services}).
 *
 * @param services the services releases may be started for, as ServiceNow and LaunchDarkly know
 *     them; empty accepts any well-formed name
 */
@Validated
@ConfigurationProperties("rollgate")
record ReleaseProperties(@DefaultValue List<String> services) {

  ReleaseProperties {
    services = services == null ? List.of() : List.copyOf(services);
  }

  boolean knows(String service) {
    return services.isEmpty() || services.contains(service);
  }
}
