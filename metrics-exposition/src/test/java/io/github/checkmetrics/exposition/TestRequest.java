package io.github.checkmetrics.exposition;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** A {@link ScrapeRequest} built in a test, headers matched case-insensitively. */
final class TestRequest implements ScrapeRequest {
  private final String method;
  private final String path;
  private final String rawQuery;
  private final Map<String, List<String>> headers = new TreeMap<>();

  private TestRequest(String method, String path, String rawQuery) {
    this.method = method;
    this.path = path;
    this.rawQuery = rawQuery;
  }

  /** A request for {@code target}, a path with an optional {@code ?query}. */
  static TestRequest of(String method, String target) {
    int q = target.indexOf('?');
    return q < 0
        ? new TestRequest(method, target, null)
        : new TestRequest(method, target.substring(0, q), target.substring(q + 1));
  }

  TestRequest header(String name, String value) {
    headers.computeIfAbsent(name.toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(value);
    return this;
  }

  @Override
  public String method() {
    return method;
  }

  @Override
  public String path() {
    return path;
  }

  @Override
  public String rawQuery() {
    return rawQuery;
  }

  @Override
  public List<String> headers(String name) {
    return headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
  }
}
