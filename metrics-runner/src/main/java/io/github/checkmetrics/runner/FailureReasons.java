package io.github.checkmetrics.runner;

import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.security.cert.CertificateException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import javax.net.ssl.SSLException;
import org.apache.hc.client5.http.RedirectException;
import org.apache.hc.core5.http.ConnectionClosedException;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.MalformedChunkCodingException;
import org.apache.hc.core5.http.MessageConstraintException;

/**
 * Turns a probe's exception into a short failure reason from a fixed set, so that reasons stay
 * bounded however many different messages the exceptions carry.
 */
final class FailureReasons {

  /** The failure reason rule of the model's {@code CheckResult}. */
  private static final Pattern REASON = Pattern.compile("[a-zA-Z0-9_.:$-]{1,128}");

  /** How deep to look into a chain of causes; real chains are 1 to 3 long. */
  private static final int MAX_DEPTH = 8;

  private FailureReasons() {}

  static String of(Throwable failure) {
    Throwable top = unwrap(failure);
    if (top instanceof ProbeException) {
      return ((ProbeException) top).reason();
    }
    // The JDK wraps the telling exception in others (HttpClient: a ConnectException caused by an
    // UnresolvedAddressException for an unknown host), so look at the whole chain, most specific
    // kind first.
    if (anyCause(top, FailureReasons::isTimeout)) {
      return ProbeException.TIMEOUT;
    }
    if (anyCause(
        top, t -> t instanceof UnknownHostException || t instanceof UnresolvedAddressException)) {
      return ProbeException.DNS;
    }
    if (anyCause(top, t -> t instanceof SSLException || t instanceof CertificateException)) {
      return ProbeException.TLS;
    }
    if (anyCause(top, t -> t instanceof ConnectException)) {
      return ProbeException.CONNECTION_REFUSED;
    }
    if (anyCause(top, t -> t instanceof RedirectException)) {
      return ProbeException.TOO_MANY_REDIRECTS;
    }
    // Anything that is not HTTP: a bad status line, bad headers, a bad chunk.
    if (anyCause(
        top,
        t ->
            t instanceof HttpException
                || t instanceof java.net.ProtocolException
                || t instanceof MalformedChunkCodingException
                || t instanceof MessageConstraintException)) {
      return ProbeException.PROTOCOL;
    }
    if (anyCause(top, t -> t instanceof ConnectionClosedException)) {
      return ProbeException.CONNECTION_CLOSED;
    }
    return className(top);
  }

  private static boolean isTimeout(Throwable t) {
    return t instanceof HttpTimeoutException
        || t instanceof SocketTimeoutException
        || t instanceof TimeoutException
        || t instanceof InterruptedIOException; // the HTTP client's connect timeout
  }

  private static Throwable unwrap(Throwable failure) {
    Throwable t = failure;
    for (int i = 0; i < MAX_DEPTH; i++) {
      boolean wrapper = t instanceof ExecutionException || t instanceof CompletionException;
      if (!wrapper || t.getCause() == null) {
        break;
      }
      t = t.getCause();
    }
    return t;
  }

  private static boolean anyCause(
      Throwable failure, java.util.function.Predicate<Throwable> kind) {
    Throwable t = failure;
    for (int i = 0; i < MAX_DEPTH && t != null; i++) {
      if (kind.test(t)) {
        return true;
      }
      t = t.getCause();
    }
    return false;
  }

  /** The simple class name, or the full name for an anonymous class, made a legal reason. */
  static String className(Throwable t) {
    String name = t.getClass().getSimpleName();
    if (name.isEmpty()) {
      name = t.getClass().getName();
    }
    if (REASON.matcher(name).matches()) {
      return name;
    }
    String cleaned = name.replaceAll("[^a-zA-Z0-9_.:$-]", "_");
    return cleaned.length() > 128 ? cleaned.substring(0, 128) : cleaned;
  }
}
