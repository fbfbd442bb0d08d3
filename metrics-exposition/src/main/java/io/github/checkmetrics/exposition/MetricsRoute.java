package io.github.checkmetrics.exposition;

import io.github.checkmetrics.exposition.ScrapeQuery.Rejection;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The metrics path's route: the method, the credentials, a scrape slot, the query, content
 * negotiation, then the body, in that order, so that a client without credentials learns nothing
 * about limits or families and a slot is held only while collecting.
 *
 * <p>Thread-safe.
 */
final class MetricsRoute implements Routes.Route {

  /** What a scrape collects; the registry's writer for a plain handler. */
  interface Source {
    /**
     * Collects the families a filter keeps for one admitted request.
     *
     * @param admission the identity the gate let the request in as
     * @param variables the segments of the route's path template, by name
     * @param familyFilter keeps families by client_java name; null keeps all
     * @throws RuntimeException whatever collecting throws, answered as the generic 500
     */
    MetricSnapshots collect(
        Gate.Admission admission, Map<String, String> variables, Predicate<String> familyFilter);
  }

  private final Source source;
  private final BodyRenderer renderer = new BodyRenderer();
  private final Gate gate;
  private final ScrapeSlots slots;
  private final int maxQueryLength;
  private final int maxQueryParameters;
  private final TenantScrapes tenants;

  /**
   * The route.
   *
   * @param tenants the tenant side of a tenant endpoint, whose gate is a {@link TenantGate}; null
   *     for a plain one
   */
  MetricsRoute(
      Source source,
      Gate gate,
      ScrapeSlots slots,
      int maxQueryLength,
      int maxQueryParameters,
      TenantScrapes tenants) {
    this.tenants = tenants;
    this.source = source;
    this.gate = gate;
    this.slots = slots;
    this.maxQueryLength = maxQueryLength;
    this.maxQueryParameters = maxQueryParameters;
  }

  @Override
  public ScrapeResponse answer(ScrapeRequest request, Map<String, String> variables) {
    boolean head = ScrapeHandler.isHead(request);
    String pathTenant = variables.get(TenantScrapes.VARIABLE);
    if (tenants != null && !TenantScrapes.isTenantSegment(pathTenant)) {
      return ScrapeResponse.notFound(head);
    }
    Gate.Admission admission = ScrapeHandler.admit(request, gate);
    if (admission.isRefused()) {
      return admission.refusal();
    }
    if (tenants != null) {
      if (!TenantScrapes.mayScrape(admission.identity(), pathTenant)) {
        return TenantGate.refusal(head);
      }
      ScrapeResponse limited = tenants.limit(admission.identity(), head);
      if (limited != null) {
        return limited;
      }
    }
    ScrapeQuery query;
    ExpositionFormat format;
    try {
      query = ScrapeQuery.parse(request.rawQuery(), maxQueryLength, maxQueryParameters);
      format = query.format();
    } catch (Rejection rejection) {
      return ScrapeResponse.text(rejection.status, ScrapeHandler.TEXT,
          rejection.getMessage() + "\n", head);
    }
    ContentNegotiation.Negotiated negotiated =
        format != null
            ? ContentNegotiation.forFormat(format)
            : ContentNegotiation.negotiate(request.headers("Accept"));
    boolean gzip = ContentNegotiation.gzip(request.headers("Accept-Encoding"));
    if (!slots.acquire()) {
      return ScrapeResponse.busy(head);
    }
    try {
      if (tenants != null) {
        return tenants.scrape(
            admission.identity(), request, negotiated, query, gzip, renderer);
      }
      return renderer.render(
          request,
          filter -> source.collect(admission, variables, filter),
          negotiated,
          query.familyFilter(),
          gzip,
          head);
    } finally {
      slots.release();
    }
  }
}
