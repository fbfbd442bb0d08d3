package io.github.checkmetrics.runner;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/** Real targets on loopback for probes to look at; each test closes what it starts. */
final class LoopbackTargets {

  private LoopbackTargets() {}

  static InetAddress loopback() {
    return InetAddress.getLoopbackAddress();
  }

  /**
   * A JDK HttpServer on 127.0.0.1 and an ephemeral port: {@code /ok} answers 200 with a body,
   * {@code /error} 500, {@code /slow} 200 after {@code slowMillis}, {@code /redirect} 302.
   */
  static final class Http implements AutoCloseable {
    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(4);

    Http(long slowMillis) throws IOException {
      server = HttpServer.create(new InetSocketAddress(loopback(), 0), 0);
      server.createContext("/ok", exchange -> answer(exchange, 200, "hello checkmetrics"));
      server.createContext("/error", exchange -> answer(exchange, 500, "broken"));
      server.createContext(
          "/slow",
          exchange -> {
            try {
              Thread.sleep(slowMillis);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
            answer(exchange, 200, "slow but fine");
          });
      server.createContext(
          "/redirect",
          exchange -> {
            exchange.getResponseHeaders().add("Location", "/ok");
            answer(exchange, 302, "");
          });
      server.setExecutor(executor);
      server.start();
    }

    String url(String path) {
      return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    int port() {
      return server.getAddress().getPort();
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      exchange.getRequestBody().readAllBytes();
      if ("HEAD".equals(exchange.getRequestMethod()) || bytes.length == 0) {
        exchange.sendResponseHeaders(status, -1);
      } else {
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(bytes);
        }
      }
      exchange.close();
    }

    @Override
    public void close() {
      server.stop(0);
      executor.shutdownNow();
      try {
        executor.awaitTermination(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /**
   * A loopback socket that accepts every connection and never sends a byte, or (given a reply)
   * sends that reply at once and closes, whatever the client said.
   */
  static final class Silent implements AutoCloseable {
    private final ServerSocket socket;
    private final List<Socket> accepted = new CopyOnWriteArrayList<>();
    private final Thread acceptor;

    Silent() throws IOException {
      this(null);
    }

    Silent(String reply) throws IOException {
      socket = new ServerSocket(0, 50, loopback());
      acceptor =
          new Thread(
              () -> {
                try {
                  while (true) {
                    Socket client = socket.accept();
                    if (reply == null) {
                      accepted.add(client);
                    } else {
                      try (client) {
                        client.getOutputStream().write(reply.getBytes(StandardCharsets.US_ASCII));
                      } catch (IOException e) {
                        // the client left first
                      }
                    }
                  }
                } catch (IOException e) {
                  // closed
                }
              },
              "silent-acceptor");
      acceptor.setDaemon(true);
      acceptor.start();
    }

    int port() {
      return socket.getLocalPort();
    }

    @Override
    public void close() throws IOException {
      socket.close();
      try {
        acceptor.join(10_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      for (Socket s : accepted) {
        s.close();
      }
    }
  }

  /** @return a loopback port nothing listens on (it was free a moment ago) */
  static int closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, loopback())) {
      return socket.getLocalPort();
    }
  }
}
