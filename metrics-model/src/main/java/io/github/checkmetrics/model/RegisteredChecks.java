package io.github.checkmetrics.model;

import io.github.checkmetrics.model.internal.Messages;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The registered checks of one {@link CheckMetrics} by id, with their live state, and the locking
 * of that state. Register, update and remove are serialised with one another, since they check
 * names across checks, and take a check's write lock to replace or remove its series; {@code
 * record} only looks the check up and takes its read lock (see {@link CheckState}).
 */
final class RegisteredChecks {

  private final ConcurrentHashMap<String, CheckState> checks = new ConcurrentHashMap<>();
  /** Serialises register, update and remove, which check names across checks. */
  private final Object definitions = new Object();
  /** Check ids by name when a family has no check_id label; guarded by {@code definitions}. */
  private final Map<String, String> idsByName;
  private final int maxChecks;
  private final int maxTagsPerCheck;
  private final int maxTagsLength;
  private final Rejections rejections;

  /**
   * Starts with no check.
   *
   * @param uniqueNames whether two checks must not share a name (a family has no check_id label)
   * @param rejections counts what the caps refuse
   */
  RegisteredChecks(
      boolean uniqueNames,
      int maxChecks,
      int maxTagsPerCheck,
      int maxTagsLength,
      Rejections rejections) {
    this.idsByName = uniqueNames ? new HashMap<>() : null;
    this.maxChecks = maxChecks;
    this.maxTagsPerCheck = maxTagsPerCheck;
    this.maxTagsLength = maxTagsLength;
    this.rejections = rejections;
  }

  /** The live view of the states of the registered checks, for collection and expiry. */
  Collection<CheckState> states() {
    return checks.values();
  }

  /** Adds a check; see {@link CheckMetrics#register(Check)}. */
  void register(Check check) {
    checkTags(check);
    synchronized (definitions) {
      if (checks.containsKey(check.id())) {
        throw new IllegalStateException("check is already registered: \"" + check.id() + "\"");
      }
      if (checks.size() >= maxChecks) {
        throw rejections.registration(
            Rejections.Limit.MAX_CHECKS,
            new IllegalStateException(
                "registered checks must number at most " + maxChecks + " (maxChecks): check "
                    + Messages.quote(check.id()) + " refused"));
      }
      claimName(check);
      checks.put(check.id(), new CheckState(check));
    }
  }

  /** Replaces a check's definition and relabels its series; see {@link CheckMetrics#update}. */
  void update(Check check, CheckSeries series) {
    checkTags(check);
    synchronized (definitions) {
      CheckState state = registered(check.id());
      long stamp = state.lock.writeLock();
      try {
        if (state.removed) {
          throw notRegistered(check.id());
        }
        Check old = state.check;
        if (!old.name().equals(check.name())) {
          claimName(check);
          if (idsByName != null) {
            idsByName.remove(old.name(), old.id());
          }
        }
        state.check = check;
        series.relabel(state, old, check);
      } finally {
        state.lock.unlockWrite(stamp);
      }
    }
  }

  /** Removes a check and its series; see {@link CheckMetrics#remove(String)}. */
  boolean remove(String checkId, CheckSeries series) {
    // The series go while the id is still reserved: client_java finds data points by label
    // values, so a check registered again with this id before its series are gone would record
    // into the old data points, which removeAll then takes out of the exposition.
    synchronized (definitions) {
      CheckState state = checks.remove(checkId);
      if (state == null) {
        return false;
      }
      if (idsByName != null) {
        idsByName.remove(state.check.name(), checkId);
      }
      long stamp = state.lock.writeLock();
      try {
        state.removed = true;
        series.removeAll(state);
      } finally {
        state.lock.unlockWrite(stamp);
      }
    }
    return true;
  }

  /**
   * Records a result of a registered check; allocates nothing once the (check, region) pair has
   * its series. See {@link CheckMetrics#record(CheckResult)}.
   *
   * <p>The steady state takes no lock: it writes into the pair's cached handles under an optimistic
   * stamp of the check's lock (two CASes on one shared word per result would cost more than the
   * writes). Creating a series or a runs handle, and every result while expiry is on, takes the
   * read lock. When {@code update} or {@code remove} overlapped (the stamp does not validate), the
   * handles written may belong to series a rename replaced: the result is then written again,
   * under the read lock, into the series current now, unless they are the ones written (then it
   * stands) or the check was removed (then it counts as recorded just before the removal, whose
   * series took it along). A scrape in the microseconds of such a rename may see the result under
   * both names.
   *
   * @throws IllegalArgumentException if the check is not registered or was removed
   */
  void record(CheckResult result, CheckSeries series) {
    CheckState state = registered(result.checkId());
    long optimistic = state.lock.tryOptimisticRead();
    if (optimistic != 0L) {
      CheckState.Series written = series.recordIfPresent(state, result);
      if (written != null) {
        if (!state.lock.validate(optimistic)) {
          recordAgainIfReplaced(state, result, written, series);
        }
        return;
      }
    }
    long stamp = state.lock.readLock();
    try {
      if (state.removed) {
        throw notRegistered(result.checkId());
      }
      series.record(state, result);
    } finally {
      state.lock.unlockRead(stamp);
    }
  }

  private static void recordAgainIfReplaced(
      CheckState state, CheckResult result, CheckState.Series written, CheckSeries series) {
    long stamp = state.lock.readLock();
    try {
      if (!state.removed && state.regions.get(result.region()) != written) {
        series.record(state, result);
      }
    } finally {
      state.lock.unlockRead(stamp);
    }
  }

  /**
   * The state of a registered check, which may since have been removed (see {@link
   * CheckState#removed}).
   *
   * @throws IllegalArgumentException if no check with that id is registered
   */
  CheckState registered(String checkId) {
    Objects.requireNonNull(checkId, "checkId");
    CheckState state = checks.get(checkId);
    if (state == null) {
      throw notRegistered(checkId);
    }
    return state;
  }

  private static IllegalArgumentException notRegistered(String checkId) {
    return new IllegalArgumentException(
        "check is not registered (never registered, or removed): \"" + checkId + "\"");
  }

  /** Refuses a check whose tags pass the caps on their number or joined length, counting it. */
  private void checkTags(Check check) {
    int count = check.tags().size();
    if (count > maxTagsPerCheck) {
      throw rejections.registration(
          Rejections.Limit.MAX_TAGS_PER_CHECK,
          new IllegalArgumentException(
              "tags of check " + Messages.quote(check.id()) + " must number at most "
                  + maxTagsPerCheck + " (maxTagsPerCheck): " + count));
    }
    // The joined length, as the tags label writes it, computed without joining.
    long length = Math.max(0, count - 1);
    for (String tag : check.tags()) {
      length += tag.length();
    }
    if (length > maxTagsLength) {
      throw rejections.registration(
          Rejections.Limit.MAX_TAGS_LENGTH,
          new IllegalArgumentException(
              "tags of check " + Messages.quote(check.id()) + " must join to at most "
                  + maxTagsLength + " characters (maxTagsLength): " + length));
    }
  }

  private void claimName(Check check) {
    if (idsByName == null) {
      return;
    }
    String other = idsByName.get(check.name());
    if (other != null && !other.equals(check.id())) {
      throw new IllegalStateException(
          "check name is already used by check \"" + other + "\" and a family of the schema has"
              + " no check_id label: " + Messages.quote(check.name()));
    }
    idsByName.put(check.name(), check.id());
  }
}
