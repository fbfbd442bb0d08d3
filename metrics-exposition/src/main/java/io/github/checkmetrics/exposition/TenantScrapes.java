package io.github.checkmetrics.exposition;

import io.github.checkmetrics.model.Check;
import java.util.Set;

/**
 * The tenant side of a metrics route: which tenant a request may scrape, its rate limit, its
 * cached answers and its view. The order is the route's: a tenant segment that cannot be a tenant
 * id is the plain 404 before any credential is read (it names no tenant, so it tells nothing);
 * then the gate lets the request in as the tenant of its credential; a path naming another tenant
 * gets the gate's own refusal (the same 401 as no credential, so nothing tells whether a tenant
 * exists); then the rate limit (429), the cache, and the scrape of the tenant's view.
 *
 * <p>Thread-safe.
 */
final class TenantScrapes {

  /** The path variable of a tenant path template: {@code /accounts/{tenant}/metrics}. */
  static final String VARIABLE = "tenant";

  private final TenantView view;
  private final TenantRateLimit rateLimit;
  private final TenantResponseCache cache;

  /**
   * The tenant side of a route.
   *
   * @param rateLimit null for none
   * @param cache null for none
   */
  TenantScrapes(TenantView view, TenantRateLimit rateLimit, TenantResponseCache cache) {
    this.view = view;
    this.rateLimit = rateLimit;
    this.cache = cache;
  }

  /** Whether a path's tenant segment (null for a fixed path) can name a tenant at all. */
  static boolean isTenantSegment(String segment) {
    return segment == null || Check.isTenantId(segment);
  }

  /**
   * Whether a request let in as {@code tenant} may scrape the path's tenant.
   *
   * @param pathTenant the path's tenant segment, or null for a fixed path
   */
  static boolean mayScrape(String tenant, String pathTenant) {
    return pathTenant == null || pathTenant.equals(tenant);
  }

  /** The 429 of a tenant past its rate limit, or null. */
  ScrapeResponse limit(String tenant, boolean head) {
    return rateLimit == null ? null : rateLimit.acquire(tenant, head);
  }

  /**
   * The answer of a tenant's scrape: a cached one when there is one younger than the cache's time
   * to live, else a new one (kept when it is a 200).
   */
  ScrapeResponse scrape(
      String tenant,
      ScrapeRequest request,
      ContentNegotiation.Negotiated negotiated,
      ScrapeQuery query,
      boolean gzip,
      BodyRenderer renderer) {
    boolean head = ScrapeHandler.isHead(request);
    TenantResponseCache.Key key = null;
    if (cache != null) {
      Set<String> names = query.names();
      key =
          TenantResponseCache.Key.of(
              tenant,
              // The escaping scheme too: protobuf's content type does not name it.
              negotiated.contentType() + " " + negotiated.escaping().name(),
              gzip,
              names.isEmpty() ? null : names);
      ScrapeResponse cached = cache.get(key, head);
      if (cached != null) {
        return cached;
      }
    }
    ScrapeResponse response =
        renderer.render(
            request,
            filter -> view.collect(tenant, filter),
            negotiated,
            query.familyFilter(),
            gzip,
            head);
    if (key != null && response.status() == 200) {
      cache.put(key, response);
    }
    return response;
  }
}
