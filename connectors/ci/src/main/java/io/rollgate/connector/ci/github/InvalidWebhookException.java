package io.rollgate.connector.ci.github;

/**
 * A webhook delivery that must not be acted on: its {@code X-Hub-Signature-256} is missing or does
 * not match the body under the webhook secret, or its body is not the expected event. The receiving
 * endpoint answers 401 (signature) or 400 (body) and does nothing else.
 */
public final class InvalidWebhookException extends RuntimeException {

  private final boolean signatureProblem;

  InvalidWebhookException(String message, boolean signatureProblem) {
    super(message);
    this.signatureProblem = signatureProblem;
  }

  /** Whether the signature (rather than the body) was the problem. */
  public boolean signatureProblem() {
    return signatureProblem;
  }
}
