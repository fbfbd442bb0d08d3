package io.github.checkmetrics.model;

import io.github.checkmetrics.model.internal.Messages;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The registered checks of one {@link CheckMetrics}, indexed by tenant and then by id, and the
 * limits on them: checks in all, checks per tenant, tags per check, the joined length of the
 * tags, and (check, region) series per family. Register, update and remove are serialised with one
 * another, since they check names and counts across checks; {@code record} only looks its entry up
 * (two map reads, no allocation) and leaves the locking to the {@link CheckEntry}.
 */
final class RegisteredChecks {

  private final CheckSchema schema;
  /**
   * The checks by tenant, then by id. The checks of no tenant ({@code ""}) are always there, so
   * that a scrape lists every family even before the first check; a tenant goes with its last
   * check.
   */
  private final ConcurrentHashMap<String, TenantChecks> tenants = new ConcurrentHashMap<>();
  /** The checks of no tenant, also in {@link #tenants}: found without a map read. */
  private final TenantChecks ownChecks;
  /** What a scrape of a tenant without checks reads: no check, families without series. */
  private final TenantChecks noChecks;
  /** Serialises register, update and remove, which check names and counts across checks. */
  private final Object definitions = new Object();
  /**
   * Check ids by tenant and name when a family has no check_id label (two checks of one tenant
   * must then not share a name); null otherwise. Guarded by {@code definitions}.
   */
  private final Map<String, Map<String, String>> idsByName;
  /** Guarded by {@code definitions}. */
  private int registered;
  private final int maxChecks;
  private final int maxChecksPerTenant;
  private final int maxTagsPerCheck;
  private final int maxTagsLength;
  private final int maxSeries;
  private final AtomicInteger series = new AtomicInteger();
  /** The families the series limit applies to, named in its warning. */
  private final List<String> perRegionFamilies = new ArrayList<>();
  private final Rejections rejections;
  /** Null when expiry is off. */
  private final Expiry expiry;

  RegisteredChecks(
      CheckSchema schema,
      int maxChecks,
      int maxChecksPerTenant,
      int maxTagsPerCheck,
      int maxTagsLength,
      int maxSeries,
      Rejections rejections,
      Expiry expiry) {
    this.schema = schema;
    this.idsByName = schema.needsUniqueNames() ? new HashMap<>() : null;
    this.maxChecks = maxChecks;
    this.maxChecksPerTenant = maxChecksPerTenant;
    this.maxTagsPerCheck = maxTagsPerCheck;
    this.maxTagsLength = maxTagsLength;
    this.maxSeries = maxSeries;
    this.rejections = rejections;
    this.expiry = expiry;
    this.ownChecks = new TenantChecks("", schema);
    this.tenants.put("", ownChecks);
    this.noChecks = new TenantChecks("", schema);
    for (Family family : schema.families()) {
      if (family.kind.perRegion) {
        perRegionFamilies.add(family.exposedName());
      }
    }
  }

  /** The live view of the tenants with checks, for the registry's scrape. */
  Collection<TenantChecks> tenants() {
    return tenants.values();
  }

  /** The checks of a tenant, an empty view when it has none. */
  TenantChecks tenant(String tenant) {
    return tenants.getOrDefault(tenant, noChecks);
  }

  /** Adds a check; see {@link CheckMetrics#register(Check)}. */
  void register(Check check) {
    checkTags(check);
    synchronized (definitions) {
      TenantChecks tenant = tenants.get(check.tenant());
      if (tenant != null && tenant.checks.containsKey(check.id())) {
        throw new IllegalStateException(
            "check is already registered: " + Messages.quote(check.id())
                + (check.tenant().isEmpty() ? "" : " of tenant " + Messages.quote(check.tenant())));
      }
      if (registered >= maxChecks) {
        throw rejections.registration(
            Rejections.Limit.MAX_CHECKS,
            new IllegalStateException(
                "registered checks must number at most " + maxChecks + " (maxChecks): check "
                    + Messages.quote(check.id()) + " refused"));
      }
      if (!check.tenant().isEmpty() && tenant != null
          && tenant.checks.size() >= maxChecksPerTenant) {
        throw rejections.registration(
            Rejections.Limit.CHECKS_PER_TENANT,
            new IllegalStateException(
                "checks of tenant " + Messages.quote(check.tenant()) + " must number at most "
                    + maxChecksPerTenant + " (maxChecksPerTenant): check "
                    + Messages.quote(check.id()) + " refused"));
      }
      claimName(check);
      if (tenant == null) {
        if (!check.tenant().isEmpty()) {
          rejections.countPerTenant();
        }
        tenant = new TenantChecks(check.tenant(), schema);
        tenants.put(check.tenant(), tenant);
      }
      tenant.checks.put(check.id(), new CheckEntry(check, tenant, this, expiry));
      registered++;
    }
  }

  /** Replaces a check's definition and relabels its series; see {@link CheckMetrics#update}. */
  void update(Check check) {
    checkTags(check);
    synchronized (definitions) {
      CheckEntry entry = entry(check.tenant(), check.id());
      Check old = entry.check();
      if (!old.name().equals(check.name())) {
        claimName(check);
        if (idsByName != null) {
          idsByName.get(old.tenant()).remove(old.name(), old.id());
        }
      }
      entry.relabel(check);
    }
  }

  /** Removes a check and its series; see {@link CheckMetrics#remove(String, String)}. */
  boolean remove(String tenantId, String checkId) {
    // The series go while the id is still reserved: client_java finds data points by label
    // values, so a check registered again with this id before its series are gone would record
    // into the old data points, which the removal then takes out of the exposition.
    synchronized (definitions) {
      TenantChecks tenant = tenants.get(tenantId);
      CheckEntry entry = tenant == null ? null : tenant.checks.get(checkId);
      if (entry == null) {
        return false;
      }
      entry.remove();
      tenant.checks.remove(checkId);
      registered--;
      if (idsByName != null) {
        idsByName.get(tenantId).remove(entry.check().name(), checkId);
      }
      if (tenant.checks.isEmpty() && !tenantId.isEmpty()) {
        tenants.remove(tenantId);
        if (idsByName != null) {
          idsByName.remove(tenantId);
        }
      }
    }
    return true;
  }

  /**
   * The entry of a registered check, which may since have been removed.
   *
   * @throws IllegalArgumentException if no such check is registered
   */
  CheckEntry entry(String tenantId, String checkId) {
    // The checks of no tenant without a map read: the recording path stays as short as it was
    // before tenants (a longer one made the JIT leave an allocation of client_java's in place).
    TenantChecks tenant = tenantId.isEmpty() ? ownChecks : tenants.get(tenantId);
    CheckEntry entry = tenant == null ? null : tenant.checks.get(checkId);
    if (entry == null) {
      throw CheckEntry.notRegistered(tenantId, checkId);
    }
    return entry;
  }

  /**
   * Removes the series idle for at least the expiry time, in every check.
   *
   * @return how many (check, region) pairs expired
   */
  int expireIdle() {
    long now = expiry.ticker.getAsLong();
    int expired = 0;
    for (TenantChecks tenant : tenants.values()) {
      for (CheckEntry entry : tenant.checks.values()) {
        expired += entry.expireIdle(now);
      }
    }
    return expired;
  }

  /** Whether the series limit may leave room for one more pair. */
  boolean hasRoomForSeries() {
    return series.get() < maxSeries;
  }

  /** Takes room for one more pair's series; false when the limit is reached. */
  boolean acquireSeries() {
    if (series.incrementAndGet() > maxSeries) {
      series.decrementAndGet();
      return false;
    }
    return true;
  }

  /** Gives back the room of pairs whose series were removed. */
  void releaseSeries(int pairs) {
    series.addAndGet(-pairs);
  }

  /** Counts a result refused by the series limit (and warns the first time). */
  void rejectSeries() {
    rejections.series(maxSeries, perRegionFamilies);
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
    Map<String, String> ids = idsByName.computeIfAbsent(check.tenant(), t -> new HashMap<>());
    String other = ids.get(check.name());
    if (other != null && !other.equals(check.id())) {
      throw new IllegalStateException(
          "check name is already used by check " + Messages.quote(other) + " and a family of the"
              + " schema has no check_id label: " + Messages.quote(check.name()));
    }
    ids.put(check.name(), check.id());
  }
}
