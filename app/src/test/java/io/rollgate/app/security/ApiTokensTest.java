package io.rollgate.app.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rollgate.app.config.ConfigurationProblem;
import io.rollgate.connector.Secret;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

@ExtendWith(OutputCaptureExtension.class)
class ApiTokensTest {

  private static final Instant START = Instant.parse("2026-03-02T09:00:00Z");

  @ParameterizedTest
  @EnumSource(TokenDatabase.Kind.class)
  void storesOnlyTheSha256OfAToken(TokenDatabase.Kind kind) throws Exception {
    try (TokenDatabase db = TokenDatabase.create(kind)) {
      // given
      ApiTokens tokens = new ApiTokens(db.jdbc, new TokenDatabase.MovableClock(START));

      // when
      ApiTokens.Issued issued =
          tokens.create("shop-pipeline", EnumSet.of(Role.PIPELINE), null, "ada");

      // then
      assertThat(issued.secret()).matches("rg_[A-Za-z0-9_-]{43}");
      List<String> stored = db.jdbc.queryForList("SELECT token_hash FROM api_tokens", String.class);
      assertThat(stored).containsExactly(ApiTokenFormat.hash(issued.secret()));
      String everything = db.jdbc.queryForList("SELECT * FROM api_tokens").toString();
      assertThat(everything).doesNotContain(issued.secret().substring(3));
      assertThat(issued.toString()).doesNotContain(issued.secret());
    }
  }

  @ParameterizedTest
  @EnumSource(TokenDatabase.Kind.class)
  void authenticatesATokenAsItsNameAndRoles(TokenDatabase.Kind kind) throws Exception {
    try (TokenDatabase db = TokenDatabase.create(kind)) {
      // given
      ApiTokens tokens = new ApiTokens(db.jdbc, new TokenDatabase.MovableClock(START));
      ApiTokens.Issued issued =
          tokens.create(
              "rita", EnumSet.of(Role.RELEASE_MANAGER, Role.VIEWER), START.plusSeconds(60), "ada");

      // when
      ApiToken caller = tokens.authenticate(issued.secret()).orElseThrow();

      // then
      assertThat(caller.name()).isEqualTo("rita");
      assertThat(caller.roles()).containsExactlyInAnyOrder(Role.RELEASE_MANAGER, Role.VIEWER);
      assertThat(caller.createdAt()).isEqualTo(START);
      assertThat(caller.expiresAt()).isEqualTo(START.plusSeconds(60));
      assertThat(caller.createdBy()).isEqualTo("ada");
      assertThat(tokens.authenticate(issued.secret() + "x")).isEmpty();
      assertThat(tokens.authenticate("rg_" + "a".repeat(43))).isEmpty();
      assertThat(tokens.authenticate("not-a-token")).isEmpty();
    }
  }

  @ParameterizedTest
  @EnumSource(TokenDatabase.Kind.class)
  void refusesATokenFromTheMomentItExpires(TokenDatabase.Kind kind) throws Exception {
    try (TokenDatabase db = TokenDatabase.create(kind)) {
      // given
      TokenDatabase.MovableClock clock = new TokenDatabase.MovableClock(START);
      ApiTokens tokens = new ApiTokens(db.jdbc, clock);
      Instant expiry = START.plus(Duration.ofHours(1));
      String secret = tokens.create("nightly", EnumSet.of(Role.VIEWER), expiry, "ada").secret();

      // when / then
      clock.set(expiry.minusMillis(1));
      assertThat(tokens.authenticate(secret)).isPresent();
      clock.set(expiry);
      assertThat(tokens.authenticate(secret)).isEmpty();
    }
  }

  @ParameterizedTest
  @EnumSource(TokenDatabase.Kind.class)
  void refusesARevokedTokenAndListsItAsRevoked(TokenDatabase.Kind kind) throws Exception {
    try (TokenDatabase db = TokenDatabase.create(kind)) {
      // given
      TokenDatabase.MovableClock clock = new TokenDatabase.MovableClock(START);
      ApiTokens tokens = new ApiTokens(db.jdbc, clock);
      ApiTokens.Issued kept = tokens.create("kept", EnumSet.of(Role.CAB), null, "ada");
      clock.set(START.plusSeconds(1));
      ApiTokens.Issued leaked = tokens.create("leaked", EnumSet.of(Role.ADMIN), null, "ada");
      clock.set(START.plusSeconds(5));

      // when
      ApiToken revoked = tokens.revoke(leaked.token().id()).orElseThrow();
      clock.set(START.plusSeconds(10));
      tokens.revoke(leaked.token().id());

      // then
      assertThat(revoked.revokedAt()).isEqualTo(START.plusSeconds(5));
      assertThat(tokens.authenticate(leaked.secret())).isEmpty();
      assertThat(tokens.authenticate(kept.secret())).isPresent();
      assertThat(tokens.list())
          .extracting(ApiToken::name, ApiToken::revokedAt)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple("kept", null),
              org.assertj.core.groups.Tuple.tuple("leaked", START.plusSeconds(5)));
      assertThat(tokens.revoke("no-such-id")).isEmpty();
      assertThat(tokens.anyActiveAdmin()).isFalse();
    }
  }

  @Test
  void createsAnAdminTokenAtTheFirstStartAndPrintsItOnce(CapturedOutput output) throws Exception {
    try (TokenDatabase db = TokenDatabase.create(TokenDatabase.Kind.H2)) {
      // given
      ApiTokens tokens = new ApiTokens(db.jdbc, new TokenDatabase.MovableClock(START));
      BootstrapProperties unset = new BootstrapProperties(null);

      // when
      new BootstrapAdmin(unset, tokens).afterSingletonsInstantiated();
      new BootstrapAdmin(unset, tokens).afterSingletonsInstantiated();

      // then
      List<String> printed =
          output.getAll().lines().filter(l -> l.contains("No admin API token existed")).toList();
      assertThat(printed).hasSize(1);
      String secret = printed.get(0).replaceAll(".*(rg_[A-Za-z0-9_-]{43}).*", "$1");
      ApiToken admin = tokens.authenticate(secret).orElseThrow();
      assertThat(admin.roles()).containsExactly(Role.ADMIN);
      assertThat(admin.name()).isEqualTo(BootstrapAdmin.NAME);
      assertThat(tokens.list()).hasSize(1);
    }
  }

  @Test
  void acceptsTheConfiguredBootstrapTokenAsAdminWithoutStoringIt(CapturedOutput output)
      throws Exception {
    try (TokenDatabase db = TokenDatabase.create(TokenDatabase.Kind.H2)) {
      // given
      ApiTokens tokens = new ApiTokens(db.jdbc, new TokenDatabase.MovableClock(START));
      String configured = "rg_" + "Bootstrap-Token_0123456789abcdefghij";

      // when
      BootstrapAdmin bootstrap =
          new BootstrapAdmin(new BootstrapProperties(Secret.of(configured)), tokens);
      bootstrap.afterSingletonsInstantiated();

      // then
      assertThat(bootstrap.match(configured).orElseThrow().roles()).containsExactly(Role.ADMIN);
      assertThat(bootstrap.match(configured + "x")).isEmpty();
      assertThat(tokens.list()).isEmpty();
      assertThat(output.getAll()).doesNotContain(configured);
    }
  }

  @Test
  void refusesAMalformedBootstrapTokenNamingThePropertyNotTheValue() throws Exception {
    try (TokenDatabase db = TokenDatabase.create(TokenDatabase.Kind.H2)) {
      ApiTokens tokens = new ApiTokens(db.jdbc, new TokenDatabase.MovableClock(START));
      for (String malformed :
          List.of("rg_short", "xx_0123456789abcdefghij0123456789ab", "rg_" + "a b".repeat(20))) {
        assertThatThrownBy(
                () -> new BootstrapAdmin(new BootstrapProperties(Secret.of(malformed)), tokens))
            .isInstanceOf(ConfigurationProblem.class)
            .hasMessageContaining("rollgate.bootstrap.token")
            .hasMessageContaining("ROLLGATE_BOOTSTRAP_TOKEN")
            .hasMessageNotContaining(malformed);
      }
    }
  }
}
