package io.rollgate.app.release;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * {@code POST /api/v1/releases/{id}/retry}: a release manager runs the step a release stopped at
 * again, once the outside system that failed is back.
 *
 * @param justification why the step may run again now; recorded in the decision log
 */
record RetryStep(@NotBlank @Size(max = 2000) String justification) {}
