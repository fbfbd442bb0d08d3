package io.github.checkmetrics.exposition;

/** TEMPORARY compile stub of the lead's ExpositionFormat; main's version replaces it on merge. */
public enum ExpositionFormat {
  PROMETHEUS_TEXT("text/plain; version=0.0.4; charset=utf-8"),
  OPENMETRICS("application/openmetrics-text; version=1.0.0; charset=utf-8"),
  PROTOBUF("application/vnd.google.protobuf; proto=io.prometheus.client.MetricFamily; encoding=delimited");

  private final String contentType;

  ExpositionFormat(String contentType) {
    this.contentType = contentType;
  }

  /**
   * The content type.
   *
   * @return the content type
   */
  public String contentType() {
    return contentType;
  }
}
