package io.rollgate.app.security;

import io.rollgate.app.problem.ApiProblem;
import io.rollgate.app.problem.FieldProblem;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Future;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import java.net.URI;
import java.security.Principal;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * API tokens, for admins: create one (its value is in this answer only), list them without their
 * values, revoke one.
 */
@RestController
@RequestMapping("/api/v1/tokens")
class TokenController {

  private static final Logger LOG = LoggerFactory.getLogger(TokenController.class);

  /**
   * {@code POST /api/v1/tokens}.
   *
   * @param name who will use it, for example {@code shop-pipeline}: the actor in the decision log
   * @param roles one or more of {@code viewer}, {@code pipeline}, {@code release-manager}, {@code
   *     cab}, {@code admin}
   * @param expiresAt when it stops working (ISO-8601 instant); never when absent
   */
  record NewToken(
      @NotBlank
          @Pattern(
              regexp = "[A-Za-z0-9][A-Za-z0-9._@-]{0,99}",
              message = "must be 1 to 100 letters, digits, '.', '_', '@' or '-'")
          String name,
      @NotEmpty List<String> roles,
      @Future Instant expiresAt) {}

  /** A token as listed: never its value. */
  record TokenView(
      String id,
      String name,
      List<String> roles,
      Instant createdAt,
      Instant expiresAt,
      Instant revokedAt,
      String createdBy) {

    static TokenView of(ApiToken token) {
      return new TokenView(
          token.id(),
          token.name(),
          sorted(token.roles()),
          token.createdAt(),
          token.expiresAt(),
          token.revokedAt(),
          token.createdBy());
    }
  }

  /** The answer to a creation: the only time {@code token} is shown. */
  record CreatedToken(
      String id,
      String name,
      List<String> roles,
      Instant createdAt,
      Instant expiresAt,
      String token) {}

  private final ApiTokens tokens;

  TokenController(ApiTokens tokens) {
    this.tokens = tokens;
  }

  @PostMapping
  ResponseEntity<CreatedToken> create(@Valid @RequestBody NewToken request, Principal admin) {
    ApiTokens.Issued issued =
        tokens.create(request.name(), roles(request.roles()), request.expiresAt(), admin.getName());
    ApiToken token = issued.token();
    LOG.info(
        "api token created id={} name={} roles={} expires_at={} by={}",
        token.id(),
        token.name(),
        sorted(token.roles()),
        token.expiresAt(),
        admin.getName());
    return ResponseEntity.created(URI.create("/api/v1/tokens/" + token.id()))
        .body(
            new CreatedToken(
                token.id(),
                token.name(),
                sorted(token.roles()),
                token.createdAt(),
                token.expiresAt(),
                issued.secret()));
  }

  @GetMapping
  List<TokenView> list() {
    return tokens.list().stream().map(TokenView::of).toList();
  }

  @DeleteMapping("/{id}")
  ResponseEntity<Void> revoke(@PathVariable String id, Principal admin) {
    Optional<ApiToken> revoked = tokens.revoke(id);
    if (revoked.isEmpty()) {
      throw new UnknownTokenException(id);
    }
    LOG.info("api token revoked id={} name={} by={}", id, revoked.get().name(), admin.getName());
    return ResponseEntity.noContent().build();
  }

  private static Set<Role> roles(List<String> values) {
    Set<Role> roles = EnumSet.noneOf(Role.class);
    for (int i = 0; i < values.size(); i++) {
      String value = values.get(i);
      int index = i;
      roles.add(
          Role.of(value)
              .orElseThrow(
                  () ->
                      new InvalidTokenRequestException(
                          "roles[" + index + "]",
                          "must be one of "
                              + EnumSet.allOf(Role.class).stream()
                                  .map(Role::value)
                                  .collect(Collectors.joining(", ")))));
    }
    return roles;
  }

  private static List<String> sorted(Set<Role> roles) {
    return roles.stream().sorted().map(Role::value).toList();
  }

  /** A token request that is well-formed but cannot be issued: 422 naming the field. */
  static final class InvalidTokenRequestException extends ApiProblem {
    InvalidTokenRequestException(String field, String message) {
      super(
          HttpStatus.UNPROCESSABLE_ENTITY,
          "Invalid request",
          List.of(new FieldProblem(field, message)));
    }
  }

  /** No token with the id: 404. */
  static final class UnknownTokenException extends ApiProblem {
    UnknownTokenException(String id) {
      super(HttpStatus.NOT_FOUND, "Token not found", "there is no API token with id " + id);
    }
  }
}
