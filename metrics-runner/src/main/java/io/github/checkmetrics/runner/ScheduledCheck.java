package io.github.checkmetrics.runner;

import io.github.checkmetrics.model.Check;
import io.github.checkmetrics.model.internal.SetOnce;
import java.time.Duration;
import java.util.Objects;

/**
 * A check with what runs it and when: its {@link Probe}, interval and timeout.
 *
 * <pre>{@code
 * ScheduledCheck scheduled = ScheduledCheck.builder(
 *         Check.builder("orders-api").type("http").build(),
 *         HttpProbe.builder("http://127.0.0.1:8080/health").build())
 *     .interval(Duration.ofSeconds(30))
 *     .timeout(Duration.ofSeconds(5))
 *     .build();
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe (as thread-safe as their probe).
 */
public final class ScheduledCheck {

  /** The interval used when none is set. */
  public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(30);

  /**
   * The timeout used when none is set, or half the interval if that is shorter: the first runs
   * of checks spread over interval − timeout, so a default timeout never puts them in lock-step.
   */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

  private final Check check;
  private final Probe probe;
  private final Duration interval;
  private final Duration timeout;

  private ScheduledCheck(Builder builder) {
    this.check = builder.check;
    this.probe = builder.probe;
    this.interval = builder.interval == null ? DEFAULT_INTERVAL : builder.interval;
    if (builder.timeout == null) {
      // Half the interval, but never zero (an interval of 1 ns keeps a 1 ns timeout).
      Duration half = interval.dividedBy(2).isZero() ? interval : interval.dividedBy(2);
      this.timeout = DEFAULT_TIMEOUT.compareTo(half) > 0 ? half : DEFAULT_TIMEOUT;
    } else {
      this.timeout = builder.timeout;
    }
    if (timeout.compareTo(interval) > 0) {
      throw new IllegalArgumentException(
          "timeout must not be longer than the interval: timeout "
              + timeout
              + ", interval "
              + interval);
    }
  }

  /**
   * Starts a scheduled check.
   *
   * @param check what is checked
   * @param probe how it is checked
   * @return a builder; interval {@link #DEFAULT_INTERVAL}, timeout {@link #DEFAULT_TIMEOUT} or half
   *     the interval if that is shorter
   */
  public static Builder builder(Check check, Probe probe) {
    return new Builder(check, probe);
  }

  /**
   * Returns the check.
   *
   * @return what is checked
   */
  public Check check() {
    return check;
  }

  /**
   * Returns the probe that runs the check.
   *
   * @return how it is checked
   */
  public Probe probe() {
    return probe;
  }

  /**
   * Returns the interval between the starts of two runs.
   *
   * @return the time between the starts of two runs, positive
   */
  public Duration interval() {
    return interval;
  }

  /**
   * Returns the timeout of a run.
   *
   * @return how long a run may take at most, positive and not longer than the interval
   */
  public Duration timeout() {
    return timeout;
  }

  @Override
  public String toString() {
    return "ScheduledCheck{check="
        + check.id()
        + ", interval="
        + interval
        + ", timeout="
        + timeout
        + '}';
  }

  /** Builds a {@link ScheduledCheck}; not thread-safe. */
  public static final class Builder {
    private final Check check;
    private final Probe probe;
    private Duration interval;
    private Duration timeout;

    private Builder(Check check, Probe probe) {
      this.check = Objects.requireNonNull(check, "check");
      this.probe = Objects.requireNonNull(probe, "probe");
    }

    /**
     * Sets the interval between the starts of two runs.
     *
     * @param interval the time between the starts of two runs, positive
     * @return this builder
     * @throws IllegalArgumentException if zero or negative
     * @throws IllegalStateException if the interval is already set
     */
    public Builder interval(Duration interval) {
      Durations.positive("interval", interval);
      this.interval = SetOnce.set("interval", this.interval, interval);
      return this;
    }

    /**
     * Sets the timeout of a run.
     *
     * @param timeout how long a run may take at most: positive, not longer than the interval
     * @return this builder
     * @throws IllegalArgumentException if zero or negative
     * @throws IllegalStateException if the timeout is already set
     */
    public Builder timeout(Duration timeout) {
      Durations.positive("timeout", timeout);
      this.timeout = SetOnce.set("timeout", this.timeout, timeout);
      return this;
    }

    /**
     * Builds the scheduled check.
     *
     * @return the immutable scheduled check
     * @throws IllegalArgumentException if the timeout is longer than the interval
     */
    public ScheduledCheck build() {
      return new ScheduledCheck(this);
    }
  }
}
