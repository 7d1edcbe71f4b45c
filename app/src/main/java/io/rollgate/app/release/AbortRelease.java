package io.rollgate.app.release;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * {@code POST /api/v1/releases/{id}/abort}.
 *
 * @param reason why the release stops; recorded in the decision log
 */
record AbortRelease(@NotBlank @Size(max = 2000) String reason) {}
