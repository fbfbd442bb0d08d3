package io.github.checkmetrics.model;

import io.github.checkmetrics.model.internal.Messages;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bounded set of failure reasons one {@link CheckMetrics} exposes: the first {@link
 * CheckSchema#MAX_FAILURE_REASONS} distinct reasons as themselves, every later new one as {@link
 * CheckSchema#OTHER_REASON}, with one WARN. This keeps the failure reason family's series from
 * churning without end however many reasons probes invent (each pair has one series at a time).
 * Thread-safe.
 */
final class FailureReasonSet {

  private static final Logger LOG = LoggerFactory.getLogger(CheckMetrics.class);

  private final Set<String> admitted = ConcurrentHashMap.newKeySet();
  private final AtomicBoolean warned = new AtomicBoolean();

  /** The label value of a reason: itself if admitted (or room is left), else {@code other}. */
  String exposed(String reason) {
    if (admitted.contains(reason)) {
      return reason;
    }
    synchronized (admitted) {
      if (admitted.size() < CheckSchema.MAX_FAILURE_REASONS) {
        admitted.add(reason);
        return reason;
      }
    }
    if (warned.compareAndSet(false, true)) {
      LOG.warn(
          "failure reason {} is written {}: the failure reason family holds at most {}"
              + " distinct reasons",
          Messages.quote(reason),
          Messages.quote(CheckSchema.OTHER_REASON),
          CheckSchema.MAX_FAILURE_REASONS);
    }
    return CheckSchema.OTHER_REASON;
  }
}
