package io.github.checkmetrics.testkit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a short-lived tool with bounded time (the process never outlives the call), and waits for a
 * long-lived server (Prometheus, the Pushgateway) to be ready.
 */
final class Processes {

  /** How long a process gets to exit after SIGTERM before it is killed. */
  static final Duration GRACE = Duration.ofSeconds(5);

  private Processes() {}

  /**
   * Runs a command, feeds it {@code stdin} and collects stdout and stderr together.
   *
   * @throws IllegalStateException if the process does not exit within {@code timeout}; it is then
   *     destroyed, and the message holds the output so far
   */
  static ProcessResult run(List<String> command, byte[] stdin, Duration timeout) {
    Process process;
    try {
      process = new ProcessBuilder(command).redirectErrorStream(true).start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + command, e);
    }
    ByteArrayOutputStream output = new ByteArrayOutputStream();
    // Separate threads for both pipes: a tool may print before it has read all its input.
    Thread reader = daemon("reader", () -> copy(process.getInputStream(), output));
    Thread writer = daemon("writer", () -> feed(process.getOutputStream(), stdin));
    try {
      boolean exited = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
      if (!exited) {
        stop(process);
        reader.join(GRACE.toMillis());
        throw new IllegalStateException(String.join(" ", command) + " did not exit within "
            + timeout + "; it was killed; output so far:\n" + text(output));
      }
      reader.join(GRACE.toMillis());
      writer.join(GRACE.toMillis());
      return new ProcessResult(process.exitValue(), text(output));
    } catch (InterruptedException e) {
      stop(process);
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for " + command, e);
    }
  }

  /** Asks the process to stop, then kills it if it is still there after {@link #GRACE}. */
  static void stop(Process process) {
    process.destroy();
    try {
      if (!process.waitFor(GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly().waitFor(GRACE.toMillis(), TimeUnit.MILLISECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Polls {@code readyUri} every 50 ms until it answers 200, the process exits or {@code timeout}
   * passes.
   *
   * @param name the server as messages name it, such as {@code "prometheus"}
   * @return null once ready, else why not: {@code NAME exited with status N during start-up},
   *     {@code NAME was not ready within TIMEOUT}, or an interruption
   */
  static String awaitReady(Process process, URI readyUri, Duration timeout, String name) {
    HttpClient http = HttpClient.newBuilder().connectTimeout(timeout).build();
    HttpRequest ready = HttpRequest.newBuilder(readyUri).timeout(timeout).GET().build();
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() - deadline < 0) {
      if (!process.isAlive()) {
        return name + " exited with status " + process.exitValue() + " during start-up";
      }
      try {
        if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return null;
        }
      } catch (IOException notListeningYet) {
        // Retried below until the deadline.
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return "interrupted while waiting for " + name + " to be ready";
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return "interrupted while waiting for " + name + " to be ready";
      }
    }
    return name + " was not ready within " + timeout;
  }

  private static Thread daemon(String role, Runnable task) {
    Thread thread = new Thread(task, "checkmetrics-process-" + role);
    thread.setDaemon(true);
    thread.start();
    return thread;
  }

  private static void copy(InputStream in, ByteArrayOutputStream out) {
    byte[] buffer = new byte[8192];
    try (in) {
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        synchronized (out) {
          out.write(buffer, 0, n);
        }
      }
    } catch (IOException ignored) {
      // The pipe closes when the process is destroyed; what was read so far is kept.
    }
  }

  private static void feed(OutputStream in, byte[] bytes) {
    try (in) {
      in.write(bytes);
    } catch (IOException ignored) {
      // A tool that stops at the first parse error closes its stdin early ("broken pipe");
      // its exit status and output tell the story.
    }
  }

  private static String text(ByteArrayOutputStream output) {
    synchronized (output) {
      return output.toString(StandardCharsets.UTF_8);
    }
  }
}
