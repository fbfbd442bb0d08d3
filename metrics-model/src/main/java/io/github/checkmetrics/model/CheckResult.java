package io.github.checkmetrics.model;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The result of one run of a check in one region.
 *
 * <pre>{@code
 * CheckResult result = CheckResult.builder("db", "eu-west-1")
 *     .outcome(Outcome.FAILED)
 *     .duration(Duration.ofMillis(250))
 *     .finishedAt(Instant.now())
 *     .failureReason("timeout")
 *     .build();
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class CheckResult {

  private static final Pattern REASON = Pattern.compile("[a-zA-Z0-9_.:$-]{1,128}");
  private static final int MAX_REGION_LENGTH = 128;

  private final String tenant;
  private final String checkId;
  private final String region;
  private final Outcome outcome;
  private final Duration duration;
  private final double durationSeconds;
  private final Instant finishedAt;
  private final String failureReason;

  private CheckResult(Builder builder) {
    this.tenant = builder.tenant;
    this.checkId = builder.checkId;
    this.region = builder.region;
    this.outcome = Objects.requireNonNull(builder.outcome, "outcome");
    this.duration = Objects.requireNonNull(builder.duration, "duration");
    this.durationSeconds = duration.getSeconds() + duration.getNano() / 1e9;
    this.finishedAt = builder.finishedAt == null ? Instant.now() : builder.finishedAt;
    this.failureReason = builder.failureReason;
  }

  /**
   * Starts a result of the given check in the given region.
   *
   * @param checkId the id of a {@link Check}, {@code [a-zA-Z0-9_.:-]{1,128}}
   * @param region where the check ran, such as {@code eu-west-1}: 1 to 128 characters
   * @return a builder; {@code outcome} and {@code duration} are required, {@code finishedAt}
   *     defaults to the instant {@link Builder#build()} is called
   * @throws IllegalArgumentException if the id or region breaks its rule
   */
  public static Builder builder(String checkId, String region) {
    return new Builder(checkId, region);
  }

  /**
   * The tenant of the check that ran.
   *
   * @return the tenant id, {@code ""} for a check of no tenant
   */
  public String tenant() {
    return tenant;
  }

  /**
   * The id of the check that ran.
   *
   * @return the id of the check that ran
   */
  public String checkId() {
    return checkId;
  }

  /**
   * The region the check ran in.
   *
   * @return where the check ran
   */
  public String region() {
    return region;
  }

  /**
   * The outcome of the run.
   *
   * @return the outcome of the run
   */
  public Outcome outcome() {
    return outcome;
  }

  /**
   * The duration of the run.
   *
   * @return how long the run took, never negative
   */
  public Duration duration() {
    return duration;
  }

  /**
   * The duration of the run in seconds.
   *
   * @return how long the run took, in seconds
   */
  public double durationSeconds() {
    return durationSeconds;
  }

  /**
   * When the run ended.
   *
   * @return the instant the run ended
   */
  public Instant finishedAt() {
    return finishedAt;
  }

  /**
   * Why the run failed, if it did.
   *
   * @return a short, bounded reason for a failure, such as {@code timeout}; empty if none
   */
  public Optional<String> failureReason() {
    return Optional.ofNullable(failureReason);
  }

  @Override
  public boolean equals(Object o) {
    if (this == o) {
      return true;
    }
    if (!(o instanceof CheckResult)) {
      return false;
    }
    CheckResult other = (CheckResult) o;
    return tenant.equals(other.tenant)
        && checkId.equals(other.checkId)
        && region.equals(other.region)
        && outcome == other.outcome
        && duration.equals(other.duration)
        && finishedAt.equals(other.finishedAt)
        && Objects.equals(failureReason, other.failureReason);
  }

  @Override
  public int hashCode() {
    return Objects.hash(tenant, checkId, region, outcome, duration, finishedAt, failureReason);
  }

  @Override
  public String toString() {
    return "CheckResult{"
        + (tenant.isEmpty() ? "" : "tenant=" + tenant + ", ")
        + "checkId="
        + checkId
        + ", region="
        + region
        + ", outcome="
        + outcome
        + ", duration="
        + duration
        + ", finishedAt="
        + finishedAt
        + (failureReason == null ? "" : ", failureReason=" + failureReason)
        + '}';
  }

  /** Builds a {@link CheckResult}; not thread-safe. */
  public static final class Builder {
    private String tenant = "";
    private final String checkId;
    private final String region;
    private Outcome outcome;
    private Duration duration;
    private Instant finishedAt;
    private String failureReason;

    private Builder(String checkId, String region) {
      Objects.requireNonNull(checkId, "checkId");
      Objects.requireNonNull(region, "region");
      this.checkId = Check.matching("check id", Check.ID, checkId);
      this.region = Check.text("region", MAX_REGION_LENGTH, region);
    }

    /**
     * Sets the tenant of the check that ran; default: none ({@code ""}).
     *
     * @param tenantId the tenant's id, {@code [a-zA-Z0-9_-][a-zA-Z0-9_.-]{0,127}}
     * @return this builder
     * @throws IllegalArgumentException if the id breaks the rule
     */
    public Builder tenant(String tenantId) {
      this.tenant = Check.checkTenant(tenantId);
      return this;
    }

    /**
     * Sets the outcome of the run; required.
     *
     * @param outcome the outcome of the run
     * @return this builder
     */
    public Builder outcome(Outcome outcome) {
      this.outcome = Objects.requireNonNull(outcome, "outcome");
      return this;
    }

    /**
     * Sets the duration of the run; required (or {@link #durationSeconds(double)}).
     *
     * @param duration how long the run took; zero or positive
     * @return this builder
     * @throws IllegalArgumentException if negative
     */
    public Builder duration(Duration duration) {
      Objects.requireNonNull(duration, "duration");
      if (duration.isNegative()) {
        throw new IllegalArgumentException("duration must not be negative: " + duration);
      }
      this.duration = duration;
      return this;
    }

    /**
     * Sets the duration of the run in seconds; required (or {@link #duration(Duration)}).
     *
     * @param durationSeconds how long the run took, in seconds; finite, zero or positive
     * @return this builder
     * @throws IllegalArgumentException if negative, NaN or infinite
     */
    public Builder durationSeconds(double durationSeconds) {
      if (!(durationSeconds >= 0) || Double.isInfinite(durationSeconds)) {
        throw new IllegalArgumentException(
            "duration must be a finite number of seconds >= 0: " + durationSeconds);
      }
      this.duration = Duration.ofNanos(Math.round(durationSeconds * 1e9));
      return this;
    }

    /**
     * Sets when the run ended; default: when {@link #build()} is called.
     *
     * @param finishedAt the instant the run ended
     * @return this builder
     */
    public Builder finishedAt(Instant finishedAt) {
      this.finishedAt = Objects.requireNonNull(finishedAt, "finishedAt");
      return this;
    }

    /**
     * Sets why the run failed.
     *
     * @param failureReason a short bounded reason such as {@code timeout} or an exception's
     *     simple class name: {@code [a-zA-Z0-9_.:$-]{1,128}}
     * @return this builder
     * @throws IllegalArgumentException if the reason breaks the rule
     */
    public Builder failureReason(String failureReason) {
      Objects.requireNonNull(failureReason, "failureReason");
      this.failureReason = Check.matching("failure reason", REASON, failureReason);
      return this;
    }

    /**
     * Builds the result.
     *
     * @return the immutable result
     * @throws NullPointerException if {@code outcome} or {@code duration} was not set
     */
    public CheckResult build() {
      return new CheckResult(this);
    }
  }
}
