package io.github.checkmetrics.runner;

import io.github.checkmetrics.model.internal.Messages;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A probe's failure with a short, bounded reason that becomes the result's failure reason.
 *
 * <pre>{@code
 * Probe probe = timeout -> {
 *   if (queueDepth() > 1000) {
 *     throw new ProbeException("queue_full", "queue depth " + queueDepth());
 *   }
 *   return Outcome.PASSED;
 * };
 * }</pre>
 *
 * <p>The reason is one of a small fixed set, never a raw message, so that anything built from it
 * (a label value, a log field) stays bounded; the message is free text for logs. The built-in
 * probes use the reasons defined as constants here. Instances are immutable.
 */
public final class ProbeException extends Exception {

  private static final long serialVersionUID = 1L;

  /** The probe did not finish within its timeout. */
  public static final String TIMEOUT = "timeout";

  /** Nothing listens at the target's address and port. */
  public static final String CONNECTION_REFUSED = "connection_refused";

  /** An HTTP response's status is outside the expected range. */
  public static final String UNEXPECTED_STATUS = "unexpected_status";

  /** An HTTP response's body does not hold the expected text. */
  public static final String BODY_MISMATCH = "body_mismatch";

  /** The target's host name does not resolve. */
  public static final String DNS = "dns";

  /** An HTTP response's body is longer than the probe reads. */
  public static final String BODY_TOO_LARGE = "body_too_large";

  /** The target answered something that is not well-formed HTTP. */
  public static final String PROTOCOL = "protocol";

  /** An HTTP probe followed more redirects than it may, or went in a circle. */
  public static final String TOO_MANY_REDIRECTS = "too_many_redirects";

  /** The target closed the connection before it answered in full. */
  public static final String CONNECTION_CLOSED = "connection_closed";

  /** The TLS handshake with the target failed. */
  public static final String TLS = "tls";

  private static final Pattern REASON = Pattern.compile("[a-z][a-z0-9_]{0,63}");

  /** The short reason, which becomes the result's failure reason. */
  private final String reason;

  /**
   * Creates a failure with a reason and a message.
   *
   * @param reason a short reason from a fixed set, such as {@link #UNEXPECTED_STATUS}: {@code
   *     [a-z][a-z0-9_]{0,63}}
   * @param message free text for logs, such as {@code "status 503, expected 200..399"}
   * @throws IllegalArgumentException if the reason breaks the rule
   */
  public ProbeException(String reason, String message) {
    super(Objects.requireNonNull(message, "message"));
    Objects.requireNonNull(reason, "reason");
    if (!REASON.matcher(reason).matches()) {
      throw new IllegalArgumentException(
          "failure reason must match " + REASON.pattern() + ": " + Messages.quote(reason));
    }
    this.reason = reason;
  }

  /**
   * Returns the short reason, such as {@code unexpected_status}.
   *
   * @return the short reason, such as {@code unexpected_status}
   */
  public String reason() {
    return reason;
  }
}
