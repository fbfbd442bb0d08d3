package io.github.checkmetrics.httpserver;

/**
 * The shared HTTP contract in tenant mode, against a real {@link MetricsServer}: the same rows on a
 * tenant's path of a platform's endpoint.
 */
class MetricsServerTenantContractTest extends MetricsServerContractTest {

  @Override
  protected Mode mode() {
    return Mode.TENANT;
  }
}
