package io.rollgate.app.security;

import org.springframework.http.HttpMethod;
import org.springframework.security.core.Authentication;

/**
 * Whether a caller may call an endpoint, by the same rules that authorize requests: for a page that
 * shows something only to those who could fetch it themselves.
 */
public final class EndpointAccess {

  private EndpointAccess() {}

  /**
   * True when {@code caller} (null for none) passes the rule for this method and path; false when
   * no rule covers them.
   */
  public static boolean allows(Authentication caller, HttpMethod method, String path) {
    return EndpointRules.ruleFor(method, path).map(r -> r.access().grants(caller)).orElse(false);
  }
}
