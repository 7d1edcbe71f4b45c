package io.rollgate.connector.launchdarkly;

import static org.assertj.core.api.Assertions.assertThat;

import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.report.ValidationReport;
import org.junit.jupiter.api.Test;

/** The spec validation the client tests rely on really rejects bad semantic patches. */
class SpecValidationTest {

  private static Request patch(String body) {
    return SimpleRequest.Builder.patch("/api/v2/flags/rollgate/checkout-v2")
        .withHeader("Authorization", "api-test-token")
        .withContentType(LaunchDarklyApi.SEMANTIC_PATCH)
        .withBody(body)
        .build();
  }

  @Test
  void acceptsAValidPercentageRollout() {
    // when
    ValidationReport report =
        SpecValidator.validate(
            patch(
                "{\"environmentKey\":\"production\",\"instructions\":[{\"kind\":"
                    + "\"updateFallthroughVariationOrRollout\",\"rolloutWeights\":"
                    + "{\"a\":10000,\"b\":90000}}]}"));
    // then
    assertThat(report.getMessages()).isEmpty();
  }

  @Test
  void rejectsARolloutWeightAboveOneHundredThousand() {
    // when
    ValidationReport report =
        SpecValidator.validate(
            patch(
                "{\"environmentKey\":\"production\",\"instructions\":[{\"kind\":"
                    + "\"updateFallthroughVariationOrRollout\",\"rolloutWeights\":"
                    + "{\"a\":100001,\"b\":0}}]}"));
    // then
    assertThat(report.hasErrors()).isTrue();
  }

  @Test
  void rejectsAnUnknownInstructionKind() {
    // when
    ValidationReport report =
        SpecValidator.validate(
            patch("{\"environmentKey\":\"production\",\"instructions\":[{\"kind\":\"flipIt\"}]}"));
    // then
    assertThat(report.hasErrors()).isTrue();
  }

  @Test
  void rejectsAFieldTheSemanticPatchBodyDoesNotHave() {
    // when
    ValidationReport report =
        SpecValidator.validate(
            patch(
                "{\"environmentKey\":\"production\",\"version\":3,"
                    + "\"instructions\":[{\"kind\":\"turnFlagOn\"}]}"));
    // then
    assertThat(report.hasErrors()).isTrue();
  }

  @Test
  void rejectsAnApprovalRequestWithoutDescription() {
    // when
    ValidationReport report =
        SpecValidator.validate(
            SimpleRequest.Builder.post(
                    "/api/v2/projects/rollgate/flags/checkout-v2/environments/production"
                        + "/approval-requests")
                .withHeader("Authorization", "api-test-token")
                .withContentType("application/json")
                .withBody("{\"instructions\":[{\"kind\":\"turnFlagOn\"}]}")
                .build());
    // then
    assertThat(report.hasErrors()).isTrue();
  }

  @Test
  void rejectsAFlagAnswerMissingWhatTheSpecRequires() {
    // when
    ValidationReport report =
        SpecValidator.validate(
            SimpleRequest.Builder.get("/api/v2/flags/rollgate/checkout-v2")
                .withHeader("Authorization", "api-test-token")
                .build(),
            com.atlassian.oai.validator.model.SimpleResponse.Builder.ok()
                .withContentType("application/json")
                .withBody("{\"key\":\"checkout-v2\",\"variations\":[]}")
                .build());
    // then
    assertThat(report.hasErrors()).isTrue();
  }
}
