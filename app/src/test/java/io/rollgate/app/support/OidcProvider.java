package io.rollgate.app.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * An OpenID Connect provider on loopback, as a browser-based public client meets one: a discovery
 * document, its signing key (JWKS), an authorization endpoint that signs in whoever the test named
 * (no login form) and sends the browser back with a code, and a token endpoint that gives the
 * access token only for that code with the PKCE verifier whose S256 challenge came with it (RFC
 * 7636). Discovery, keys and token answer cross-origin requests, as real providers do for
 * single-page apps.
 */
public final class OidcProvider {

  /** The console's client id at this provider. */
  public static final String CONSOLE_CLIENT = "rollgate-console";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String KEY_ID = "rollgate-test-key";

  /** Who signs in at the next authorization request. */
  public record Person(String username, List<String> roles) {}

  private record Grant(String clientId, String redirectUri, String challenge, Person person) {}

  private final String issuer;
  private final KeyPair keys;
  private final AtomicReference<Person> next = new AtomicReference<>();
  private final Map<String, Grant> codes = new ConcurrentHashMap<>();
  private final AtomicInteger tokensIssued = new AtomicInteger();

  private OidcProvider(HttpServer server, KeyPair keys) {
    this.keys = keys;
    this.issuer = "http://127.0.0.1:" + server.getAddress().getPort() + "/realms/rollgate";
  }

  /** Starts the provider on a free loopback port; it signs with {@code keys}. */
  public static OidcProvider start(KeyPair keys) {
    try {
      HttpServer server =
          HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      OidcProvider provider = new OidcProvider(server, keys);
      server.createContext("/realms/rollgate/", provider::handle);
      server.setExecutor(
          Executors.newCachedThreadPool(
              r -> {
                Thread thread = new Thread(r, "oidc-provider");
                thread.setDaemon(true);
                return thread;
              }));
      server.start();
      return provider;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** An access token from this provider, as its token endpoint hands out. */
  public String accessToken(String username, List<String> roles, Instant expiresAt) {
    return sign(keys, username, roles, expiresAt);
  }

  /** A token naming this provider as its issuer, signed with {@code signingKeys}. */
  public String sign(KeyPair signingKeys, String username, List<String> roles, Instant expiresAt) {
    try {
      JWTClaimsSet claims =
          new JWTClaimsSet.Builder()
              .issuer(issuer)
              .subject("subject-of-" + username)
              .claim("preferred_username", username)
              .claim("roles", roles)
              .issueTime(Date.from(expiresAt.minusSeconds(600)))
              .expirationTime(Date.from(expiresAt))
              .build();
      SignedJWT jwt =
          new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(KEY_ID).build(), claims);
      jwt.sign(new RSASSASigner((RSAPrivateKey) signingKeys.getPrivate()));
      return jwt.serialize();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  public String issuer() {
    return issuer;
  }

  /** The person the next authorization request signs in. */
  public void signInNextAs(String username, String... roles) {
    next.set(new Person(username, List.of(roles)));
  }

  /** Access tokens handed out for a code with its right verifier. */
  public int tokensIssued() {
    return tokensIssued.get();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try {
      exchange.getResponseHeaders().add("Access-Control-Allow-Origin", "*");
      String path = exchange.getRequestURI().getPath().substring("/realms/rollgate".length());
      String method = exchange.getRequestMethod();
      if ("GET".equals(method) && path.equals("/.well-known/openid-configuration")) {
        json(exchange, 200, discovery());
      } else if ("GET".equals(method) && path.equals("/protocol/openid-connect/certs")) {
        send(
            exchange,
            200,
            "application/json",
            new JWKSet(new RSAKey.Builder((RSAPublicKey) keys.getPublic()).keyID(KEY_ID).build())
                .toString());
      } else if ("GET".equals(method) && path.equals("/protocol/openid-connect/auth")) {
        authorize(exchange, query(exchange.getRequestURI().getRawQuery()));
      } else if ("POST".equals(method) && path.equals("/protocol/openid-connect/token")) {
        token(
            exchange,
            query(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
      } else {
        send(exchange, 404, "text/plain", "no such endpoint");
      }
    } finally {
      exchange.close();
    }
  }

  private Map<String, Object> discovery() {
    Map<String, Object> document = new LinkedHashMap<>();
    document.put("issuer", issuer);
    document.put("authorization_endpoint", issuer + "/protocol/openid-connect/auth");
    document.put("token_endpoint", issuer + "/protocol/openid-connect/token");
    document.put("jwks_uri", issuer + "/protocol/openid-connect/certs");
    document.put("response_types_supported", List.of("code"));
    document.put("subject_types_supported", List.of("public"));
    document.put("id_token_signing_alg_values_supported", List.of("RS256"));
    document.put("code_challenge_methods_supported", List.of("S256"));
    document.put("grant_types_supported", List.of("authorization_code"));
    return document;
  }

  private void authorize(HttpExchange exchange, Map<String, String> request) throws IOException {
    Person person = next.get();
    String redirect = request.get("redirect_uri");
    if (!"code".equals(request.get("response_type"))
        || !CONSOLE_CLIENT.equals(request.get("client_id"))
        || redirect == null
        || !"S256".equals(request.get("code_challenge_method"))
        || request.get("code_challenge") == null
        || request.get("state") == null
        || person == null) {
      send(exchange, 400, "text/plain", "not an authorization request this provider takes");
      return;
    }
    String code = UUID.randomUUID().toString();
    codes.put(code, new Grant(CONSOLE_CLIENT, redirect, request.get("code_challenge"), person));
    exchange
        .getResponseHeaders()
        .add(
            "Location",
            redirect
                + "?code="
                + code
                + "&state="
                + URLEncoder.encode(request.get("state"), StandardCharsets.UTF_8));
    exchange.sendResponseHeaders(302, -1);
  }

  private void token(HttpExchange exchange, Map<String, String> request) throws IOException {
    Grant grant = codes.remove(String.valueOf(request.get("code")));
    String verifier = request.get("code_verifier");
    if (!"authorization_code".equals(request.get("grant_type"))
        || grant == null
        || !grant.clientId().equals(request.get("client_id"))
        || !grant.redirectUri().equals(request.get("redirect_uri"))
        || verifier == null
        || !challengeOf(verifier).equals(grant.challenge())) {
      json(
          exchange,
          400,
          Map.of("error", "invalid_grant", "error_description", "code or verifier not accepted"));
      return;
    }
    tokensIssued.incrementAndGet();
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put(
        "access_token",
        accessToken(
            grant.person().username(), grant.person().roles(), Instant.now().plusSeconds(300)));
    answer.put("token_type", "Bearer");
    answer.put("expires_in", 300);
    answer.put("scope", "openid profile");
    json(exchange, 200, answer);
  }

  private static String challengeOf(String verifier) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> values = new LinkedHashMap<>();
    if (raw == null || raw.isEmpty()) {
      return values;
    }
    for (String pair : raw.split("&")) {
      int equals = pair.indexOf('=');
      String name = equals < 0 ? pair : pair.substring(0, equals);
      String value = equals < 0 ? "" : pair.substring(equals + 1);
      values.put(
          URLDecoder.decode(name, StandardCharsets.UTF_8),
          URLDecoder.decode(value, StandardCharsets.UTF_8));
    }
    return values;
  }

  private static void json(HttpExchange exchange, int status, Object body) throws IOException {
    send(exchange, status, "application/json", JSON.writeValueAsString(body));
  }

  private static void send(HttpExchange exchange, int status, String type, String body)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", type);
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
  }
}
