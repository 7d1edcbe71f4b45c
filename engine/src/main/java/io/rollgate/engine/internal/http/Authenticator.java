package io.rollgate.engine.internal.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;

/**
 * Who may call the REST API: nobody needs to prove anything ({@link #none()}), or each request
 * carries {@code Authorization: Basic base64(username:password)} or {@code Authorization: Bearer
 * token} matching the configured credentials, as the Camunda Java client sends them. Secrets are
 * compared in constant time and never printed ({@link #toString()} names only the schemes).
 */
public final class Authenticator {
  private static final Authenticator NONE = new Authenticator(null, null);

  private final byte[] basic;
  private final byte[] bearer;

  private Authenticator(byte[] basic, byte[] bearer) {
    this.basic = basic;
    this.bearer = bearer;
  }

  /** Every request is accepted. */
  public static Authenticator none() {
    return NONE;
  }

  /**
   * Accepts the given basic credentials and/or bearer token; each may be {@code null} (not both).
   *
   * @param username with {@code password}, the basic credentials; {@code null} for none
   * @param password the password of {@code username}
   * @param token the static bearer token; {@code null} for none
   */
  public static Authenticator of(String username, String password, String token) {
    if ((username == null) != (password == null)) {
      throw new IllegalArgumentException("a username needs a password, and a password a username");
    }
    if (username != null && (username.isEmpty() || username.contains(":"))) {
      throw new IllegalArgumentException("the username must be non-empty and contain no ':'");
    }
    if (token != null && token.isBlank()) {
      throw new IllegalArgumentException("the bearer token must not be blank");
    }
    if (username == null && token == null) {
      return NONE;
    }
    byte[] basic =
        username == null
            ? null
            : Base64.getEncoder()
                .encode((username + ":" + password).getBytes(StandardCharsets.UTF_8));
    byte[] bearer = token == null ? null : token.getBytes(StandardCharsets.UTF_8);
    return new Authenticator(basic, bearer);
  }

  /** Whether requests must carry credentials. */
  public boolean enabled() {
    return basic != null || bearer != null;
  }

  /** Whether a request with this {@code Authorization} header value (maybe null) may pass. */
  boolean accepts(String authorization) {
    if (!enabled()) {
      return true;
    }
    if (authorization == null) {
      return false;
    }
    String value = authorization.trim();
    return matches(value, "Basic ", basic) || matches(value, "Bearer ", bearer);
  }

  private static boolean matches(String header, String scheme, byte[] expected) {
    if (expected == null
        || header.length() < scheme.length()
        || !header.regionMatches(true, 0, scheme, 0, scheme.length())) {
      return false;
    }
    byte[] given = header.substring(scheme.length()).trim().getBytes(StandardCharsets.UTF_8);
    return MessageDigest.isEqual(given, expected);
  }

  /** The {@code WWW-Authenticate} challenge of a 401 answer. */
  String challenge() {
    return basic != null ? "Basic realm=\"rollgate\"" : "Bearer realm=\"rollgate\"";
  }

  @Override
  public String toString() {
    if (!enabled()) {
      return "Authenticator[none]";
    }
    return "Authenticator["
        + (basic != null ? "basic" : "")
        + (basic != null && bearer != null ? ", " : "")
        + (bearer != null ? "bearer" : "")
        + "]";
  }
}
