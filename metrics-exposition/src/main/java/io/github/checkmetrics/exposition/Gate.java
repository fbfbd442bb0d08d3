package io.github.checkmetrics.exposition;

/**
 * The credential check in front of a {@link ScrapeHandler}'s routes: a request is let in as an
 * identity or refused with the answer to send. {@link Authentication} is one (every holder of an
 * accepted credential is the same identity, {@code ""}); a gate that resolves a credential to a
 * tenant is another.
 *
 * <p>Implementations are thread-safe.
 */
interface Gate {

  /** Lets every request in, as the identity {@code ""}. */
  Gate OPEN = request -> Admission.ANYONE;

  /**
   * Checks a request's credentials.
   *
   * @return the identity the request is let in as, or the refusal to answer (401, 431)
   */
  Admission admit(ScrapeRequest request);

  /** What a gate decided: an identity, or a refusal; exactly one of them is set. */
  record Admission(String identity, ScrapeResponse refusal) {

    /** The identity of a request that needs no credential, or of the one single-tenant one. */
    static final Admission ANYONE = new Admission("", null);

    static Admission refused(ScrapeResponse refusal) {
      return new Admission(null, refusal);
    }

    static Admission as(String identity) {
      return identity.isEmpty() ? ANYONE : new Admission(identity, null);
    }

    boolean isRefused() {
      return refusal != null;
    }
  }
}
