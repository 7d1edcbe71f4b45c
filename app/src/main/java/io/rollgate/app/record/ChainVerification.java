package io.rollgate.app.record;

/**
 * What {@link DecisionLog#verify()} found in the whole log ({@code GET /api/v1/audit/verify}), or
 * {@link DecisionLog#verifyRelease(String)} in one release's entries.
 *
 * @param intact every entry's evidence, hash and link check out, and the chain head agrees
 * @param entriesChecked entries read, up to and including the first broken one
 * @param firstBrokenSequence the first entry that does not check out; null when intact
 * @param firstBrokenReleaseId that entry's release; null when intact or when no entry is at fault
 * @param reason what does not check out; null when intact
 */
public record ChainVerification(
    boolean intact,
    long entriesChecked,
    Long firstBrokenSequence,
    String firstBrokenReleaseId,
    String reason) {

  static ChainVerification intact(long entriesChecked) {
    return new ChainVerification(true, entriesChecked, null, null, null);
  }

  static ChainVerification broken(
      long entriesChecked, long sequence, String releaseId, String reason) {
    return new ChainVerification(false, entriesChecked, sequence, releaseId, reason);
  }
}
