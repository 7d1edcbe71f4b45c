package io.rollgate.app.release;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.util.List;

/**
 * A release manager's go/no-go ({@code POST /api/v1/releases/{id}/gates/go-no-go/decision}).
 *
 * @param decision {@code GO} or {@code NO_GO}
 * @param justification why, in the release manager's words; it goes into the decision log
 * @param acceptedRisks the readiness risks accepted by name; a GO over GO_WITH_RISK needs them
 * @param risksAcceptedUntil the last day (UTC) the accepted risks hold; a GO over GO_WITH_RISK
 *     needs one not yet passed
 */
record GoNoGoDecision(
    @NotBlank @Pattern(regexp = "GO|NO_GO", message = "must be GO or NO_GO") String decision,
    @NotBlank @Size(min = 10, max = 2000, message = "must say why, in 10 to 2000 characters")
        String justification,
    List<@NotBlank String> acceptedRisks,
    LocalDate risksAcceptedUntil) {}
