package io.github.checkmetrics.testkit;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 over a plain {@link Socket}, byte by byte as a hostile or impatient client sends it: what
 * {@link java.net.http.HttpClient} cannot do (half a request, a kept-alive connection under the
 * test's control, a connection that is dropped instead of answered).
 */
public final class RawHttp {

  /** How long any read of a test waits before it fails. */
  public static final int READ_TIMEOUT_MILLIS = 30_000;

  private RawHttp() {}

  /** A response as read off the wire. */
  public record Response(int status, Map<String, String> headers, byte[] body) {
    /**
     * A header's value.
     *
     * @param name the header name, in any case
     * @return the value, or null when absent
     */
    public String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }
  }

  /**
   * Opens a connection to the host and port of {@code uri}.
   *
   * @param uri an {@code http} URI on loopback
   * @param receiveBufferBytes the socket's receive buffer, or 0 for the system's default
   * @return the connected socket, with a read timeout of {@link #READ_TIMEOUT_MILLIS}
   * @throws IOException when the connection fails
   */
  public static Socket connect(URI uri, int receiveBufferBytes) throws IOException {
    Socket socket = new Socket();
    if (receiveBufferBytes > 0) {
      socket.setReceiveBufferSize(receiveBufferBytes);
    }
    socket.setSoTimeout(READ_TIMEOUT_MILLIS);
    socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 10_000);
    return socket;
  }

  /**
   * A {@code GET} of the path of {@code uri}, kept alive, for an uncompressed body.
   *
   * @param uri the URI to get
   * @return the request's bytes as text
   */
  public static String get(URI uri) {
    return "GET " + uri.getRawPath() + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        + "Accept-Encoding: identity\r\n\r\n";
  }

  /**
   * Sends text as ISO-8859-1 bytes.
   *
   * @param socket the connection
   * @param text what to send
   * @throws IOException when sending fails
   */
  public static void send(Socket socket, String text) throws IOException {
    OutputStream out = socket.getOutputStream();
    out.write(text.getBytes(StandardCharsets.ISO_8859_1));
    out.flush();
  }

  /**
   * Reads one response with a {@code Content-Length} (or none, for a body that ends at close).
   *
   * @param socket the connection
   * @return the response
   * @throws EOFException when the server closed the connection before a whole status line
   * @throws IOException when reading fails or times out
   */
  public static Response read(Socket socket) throws IOException {
    InputStream in = socket.getInputStream();
    String statusLine = line(in);
    if (statusLine == null) {
      throw new EOFException("connection closed without a response");
    }
    String[] parts = statusLine.split(" ", 3);
    if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
      throw new IOException("not an HTTP status line: " + statusLine);
    }
    Map<String, String> headers = new LinkedHashMap<>();
    for (String header = line(in); header != null && !header.isEmpty(); header = line(in)) {
      int colon = header.indexOf(':');
      headers.put(
          header.substring(0, colon).strip().toLowerCase(Locale.ROOT),
          header.substring(colon + 1).strip());
    }
    String length = headers.get("content-length");
    byte[] body = length == null ? in.readAllBytes() : in.readNBytes(Integer.parseInt(length));
    if (length != null && body.length != Integer.parseInt(length)) {
      throw new EOFException("body cut at " + body.length + " of " + length + " bytes");
    }
    return new Response(Integer.parseInt(parts[1]), headers, body);
  }

  /** A CRLF- or LF-terminated line, or null at the end of the stream before any byte. */
  private static String line(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    int b;
    while ((b = in.read()) != -1) {
      if (b == '\n') {
        String text = line.toString(StandardCharsets.ISO_8859_1);
        return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
      }
      line.write(b);
    }
    return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
  }
}
