package io.github.checkmetrics.exposition;

import io.github.checkmetrics.model.Check;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The gate of a tenant endpoint: lets a request in as the tenant its credential resolves to
 * (through a {@link TenantResolver}), or refuses it with the one {@linkplain #refusal(boolean)
 * refusal} every failure gets, so that the answer never tells whether a tenant exists.
 *
 * <p>Thread-safe when the resolver is.
 */
final class TenantGate implements Gate {

  private static final Logger LOG = LoggerFactory.getLogger(ScrapeHandler.class);

  /** Both shapes are accepted: a bearer token (Checkly) and basic auth (Appclacks). */
  static final String CHALLENGE =
      "Bearer realm=\"metrics\", Basic realm=\"metrics\", charset=\"UTF-8\"";

  private final TenantResolver resolver;

  TenantGate(TenantResolver resolver) {
    this.resolver = resolver;
  }

  @Override
  public Admission admit(ScrapeRequest request) {
    boolean head = ScrapeHandler.isHead(request);
    List<String> values = request.headers("Authorization");
    if (AuthorizationHeader.tooLong(values)) {
      LOG.debug("Rejected a request for {}: Authorization header too long", request.path());
      return Admission.refused(ScrapeResponse.headerTooLarge(head));
    }
    AuthorizationHeader.Presented presented =
        AuthorizationHeader.read(values, AuthorizationHeader.BEARER, AuthorizationHeader.BASIC);
    if (presented.isRefused()) {
      LOG.debug("Rejected a request for {}: {}", request.path(), presented.refusal());
      return refused(head);
    }
    Optional<String> tenant;
    try {
      tenant = resolve(presented);
    } catch (RuntimeException e) {
      // A platform's store that fails (a database down) refuses: never a tenant by mistake.
      // Not the exception itself: a platform's store may put the credential in its message.
      LOG.error(
          "The tenant resolver {} failed with {} (message not shown); refused the request for {}",
          resolver,
          e.getClass().getName(),
          request.path());
      return refused(head);
    }
    if (tenant.isEmpty()) {
      LOG.debug("Rejected a request for {}: credentials of no tenant", request.path());
      return refused(head);
    }
    if (!Check.isTenantId(tenant.get())) {
      LOG.warn("The tenant resolver {} returned a tenant id that is not valid; refused", resolver);
      return refused(head);
    }
    return Admission.as(tenant.get());
  }

  private Optional<String> resolve(AuthorizationHeader.Presented presented) {
    if (presented.scheme().equals(AuthorizationHeader.BEARER)) {
      return resolver.resolveBearer(presented.token());
    }
    String pair = new String(presented.credential(), StandardCharsets.UTF_8);
    int colon = pair.indexOf(':');
    if (colon <= 0) {
      return Optional.empty();
    }
    return resolver.resolveBasic(pair.substring(0, colon), pair.substring(colon + 1));
  }

  /** The one answer to every refused tenant scrape: see {@code docs/tenant-credentials.md}. */
  static ScrapeResponse refusal(boolean head) {
    return ScrapeResponse.unauthorized(CHALLENGE, head);
  }

  private static Admission refused(boolean head) {
    return Admission.refused(refusal(head));
  }
}
