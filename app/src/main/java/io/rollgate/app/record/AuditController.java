package io.rollgate.app.record;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Lets an auditor check that no recorded decision or evidence was changed afterwards. */
@RestController
@RequestMapping("/api/v1/audit")
class AuditController {

  private final DecisionLog decisions;

  AuditController(DecisionLog decisions) {
    this.decisions = decisions;
  }

  /** 200 with {@code intact: false} and the first broken entry when the chain does not hold. */
  @GetMapping("/verify")
  ChainVerification verify() {
    return decisions.verify();
  }
}
