package io.github.checkmetrics.exposition;

import io.github.checkmetrics.exposition.ScrapeQuery.Rejection;
import java.util.Map;

/**
 * The metrics path's route: the method, the credentials, a scrape slot, the query, content
 * negotiation, then the body, in that order, so that a client without credentials learns nothing
 * about limits or families and a slot is held only while collecting.
 *
 * <p>Thread-safe.
 */
final class MetricsRoute implements Routes.Route {

  private final BodyRenderer renderer;
  private final Gate gate;
  private final ScrapeSlots slots;
  private final int maxQueryLength;
  private final int maxQueryParameters;

  MetricsRoute(
      BodyRenderer renderer, Gate gate, ScrapeSlots slots, int maxQueryLength,
      int maxQueryParameters) {
    this.renderer = renderer;
    this.gate = gate;
    this.slots = slots;
    this.maxQueryLength = maxQueryLength;
    this.maxQueryParameters = maxQueryParameters;
  }

  @Override
  public ScrapeResponse answer(ScrapeRequest request, Map<String, String> variables) {
    if (!ScrapeHandler.isGetOrHead(request)) {
      return ScrapeResponse.methodNotAllowed(request.method());
    }
    Gate.Admission admission = gate.admit(request);
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
      return renderer.render(request, negotiated, query.familyFilter(), gzip, head);
    } finally {
      slots.release();
    }
  }
}
