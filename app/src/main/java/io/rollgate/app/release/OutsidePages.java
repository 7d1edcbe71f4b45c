package io.rollgate.app.release;

import io.rollgate.app.outside.OutsideSystems;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import org.springframework.stereotype.Component;

/** Where a person looks at a release's change in ServiceNow and its flag in LaunchDarkly. */
@Component
class OutsidePages {

  private final OutsideSystems systems;

  OutsidePages(OutsideSystems systems) {
    this.systems = systems;
  }

  /** The change request's form in the ServiceNow instance. */
  String change(String number) {
    return base(systems.servicenow().baseUrl().toString())
        + "/change_request.do?sysparm_query=number%3D"
        + encode(number);
  }

  /** The flag's targeting page in the environment rollouts change. */
  String flag(String flagKey) {
    return base(systems.launchDarkly().baseUri().toString())
        + "/"
        + encode(systems.launchDarklyProject())
        + "/"
        + encode(systems.launchDarklyEnvironment())
        + "/features/"
        + encode(flagKey);
  }

  private static String base(String uri) {
    return uri.endsWith("/") ? uri.substring(0, uri.length() - 1) : uri;
  }

  private static String encode(String part) {
    return URLEncoder.encode(part, StandardCharsets.UTF_8);
  }
}
