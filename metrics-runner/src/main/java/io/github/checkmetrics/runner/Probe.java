package io.github.checkmetrics.runner;

import io.github.checkmetrics.model.Outcome;
import java.time.Duration;

/**
 * One run of a check: looks at a target and tells how it went.
 *
 * <pre>{@code
 * Probe probe = timeout -> queue.isEmpty() ? Outcome.PASSED : Outcome.DEGRADED;
 * }</pre>
 *
 * <p>A probe returns {@link Outcome#PASSED} or {@link Outcome#DEGRADED}, or {@link
 * Outcome#FAILED} for a failure without a specific reason; it throws to report a failure with a
 * reason: a {@link ProbeException} carries its reason, any other exception is classified by
 * {@link CheckRunner} (a timeout exception becomes {@code timeout}, a {@link
 * java.net.ConnectException} {@code connection_refused}, an {@link java.net.UnknownHostException}
 * {@code dns}, an {@link javax.net.ssl.SSLException} {@code tls}, anything else the exception's
 * simple class name). The runner cuts a probe that runs longer than its timeout by interrupting
 * its thread, so a probe should respond to interruption and should itself bound what it waits
 * for by {@code timeout}. An implementation is called by one runner thread at a time per check,
 * but should be thread-safe if it is shared by several checks.
 */
@FunctionalInterface
public interface Probe {

  /**
   * Runs the probe once.
   *
   * @param timeout how long this run may take at most, positive; the runner records {@code
   *     timeout} and interrupts the probe when it runs longer
   * @return the outcome of this run; {@code null} counts as {@link Outcome#FAILED}
   * @throws Exception to report a failure; see the class description for how it is named
   */
  Outcome run(Duration timeout) throws Exception;
}
