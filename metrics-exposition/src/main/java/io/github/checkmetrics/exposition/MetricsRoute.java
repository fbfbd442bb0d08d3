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

  MetricsRoute(
      Source source, Gate gate, ScrapeSlots slots, int maxQueryLength, int maxQueryParameters) {
    this.source = source;
    this.gate = gate;
    this.slots = slots;
    this.maxQueryLength = maxQueryLength;
    this.maxQueryParameters = maxQueryParameters;
  }

  @Override
  public ScrapeResponse answer(ScrapeRequest request, Map<String, String> variables) {
    Gate.Admission admission = ScrapeHandler.admit(request, gate);
    if (admission.isRefused()) {
      return admission.refusal();
    }
    boolean head = ScrapeHandler.isHead(request);
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
