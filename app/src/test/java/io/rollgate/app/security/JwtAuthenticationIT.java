package io.rollgate.app.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.rollgate.app.support.RunningService;
import java.security.KeyPairGenerator;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** JWTs from an OIDC issuer, here one on loopback with a key the test made, beside API tokens. */
class JwtAuthenticationIT extends RunningService {

  private static final String DECISION =
      "{\"decision\":\"GO\",\"justification\":\"the known P2 is unrelated to this change\"}";

  @Test
  void releaseManagerJwtMayTakeTheGoNoGoButNotManageTokens() {
    // given
    String rita = jwt("rita", List.of("release-manager"), Instant.now().plusSeconds(300));

    // when
    Answer decision =
        call(
            "POST",
            "/api/v1/releases/rel-unknown/gates/go-no-go/decision",
            rita,
            "application/json",
            DECISION);
    Answer tokens = call("GET", "/api/v1/tokens", rita, null, null);

    // then
    assertThat(decision.refusedBySecurity()).as(decision.body()).isFalse();
    assertThat(decision.status()).isIn(404, 409);
    assertThat(tokens.status()).isEqualTo(403);
    assertThat(tokens.json().path("detail").asText()).contains("admin");
  }

  @Test
  void namesAJwtCallerByItsUsernameInWhatItDoes() {
    // given
    String ada =
        jwt("ada", List.of("admin", "not-a-rollgate-role"), Instant.now().plusSeconds(300));

    // when
    Answer created =
        call(
            "POST",
            "/api/v1/tokens",
            ada,
            "application/json",
            "{\"name\":\"jwt-made-token\",\"roles\":[\"viewer\"]}");

    // then
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    String id = created.json().path("id").asText();
    Answer list = call("GET", "/api/v1/tokens", ada, null, null);
    assertThat(list.json().findValues("id").stream().map(n -> n.asText())).contains(id);
    list.json()
        .forEach(
            t -> {
              if (t.path("id").asText().equals(id)) {
                assertThat(t.path("createdBy").asText()).isEqualTo("ada");
              }
            });
  }

  @Test
  void refusesAnExpiredJwtAndOneSignedByAnotherKey() throws Exception {
    // given
    String expired = jwt("rita", List.of("release-manager"), Instant.now().minusSeconds(600));
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    String forged =
        signedJwt(
            generator.generateKeyPair(),
            "mallory",
            List.of("admin"),
            Instant.now().plusSeconds(300));

    // when
    Answer withExpired = call("GET", "/api/v1/releases", expired, null, null);
    Answer withForged = call("GET", "/api/v1/tokens", forged, null, null);

    // then
    assertThat(withExpired.status()).isEqualTo(401);
    assertThat(withExpired.header("WWW-Authenticate")).contains("invalid_token");
    assertThat(withForged.status()).isEqualTo(401);
  }

  @Test
  void aJwtWithoutAnyRollgateRoleIsForbidden() {
    // given
    String nobody = jwt("nobody", List.of("offline_access"), Instant.now().plusSeconds(300));

    // when
    Answer answer = call("GET", "/api/v1/releases", nobody, null, null);

    // then
    assertThat(answer.status()).isEqualTo(403);
  }
}
