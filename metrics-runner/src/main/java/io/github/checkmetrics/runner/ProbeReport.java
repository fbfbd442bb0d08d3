package io.github.checkmetrics.runner;

import io.github.checkmetrics.model.Outcome;

/**
 * What one run of a built-in probe found besides its outcome, for the runner's metrics.
 *
 * @param outcome the outcome of the run
 * @param headersNanos HTTP: from sending the request (connection set-up included when the
 *     connection is new) to the response headers; -1 when not measured
 * @param bodyNanos HTTP: from the response headers to the end of the body; -1 when not measured
 * @param certNotAfterEpochSeconds HTTPS: the earliest expiry ({@code notAfter}) of the peer's
 *     certificate chain, in Unix seconds; {@code NaN} when there is none
 */
record ProbeReport(
    Outcome outcome, long headersNanos, long bodyNanos, double certNotAfterEpochSeconds) {

  static ProbeReport of(Outcome outcome) {
    return new ProbeReport(outcome, -1, -1, Double.NaN);
  }
}
