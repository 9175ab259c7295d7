package dev.surge.loadtest;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;

/**
 * Waits, before a simulation's arrivals, until the server has finished the work its setup started: the events
 * that the setup's writes (orders, payments, a freshly seeded demo catalog) sent through the outbox to the
 * consumers. Otherwise the first seconds measure a backlog the simulation's own arrivals did not cause.
 *
 * <p>With the server's metrics scrape token ({@code SURGE_METRICS_SCRAPE_TOKEN}) it reads {@code
 * /actuator/prometheus} every 2 s until the consumers' lag ({@code kafka_consumer_fetch_manager_records_lag}) and
 * the unprocessed payment events ({@code surge_payments_events_unprocessed}) are 0 on two reads in a row, for at
 * most {@code seconds}; without the token it waits {@code seconds}.
 */
final class ServerSettling {

  private ServerSettling() {}

  static void await(String baseUrl, String scrapeToken, int seconds) {
    if (seconds == 0) {
      return;
    }
    long start = System.nanoTime();
    long deadline = start + seconds * 1_000_000_000L;
    HttpClient client = HttpClient.newHttpClient();
    int quietReads = 0;
    String state = "waited " + seconds + " s (no scrape token)";
    try {
      while (System.nanoTime() < deadline && quietReads < 2) {
        Thread.sleep(2_000);
        if (scrapeToken.isEmpty()) {
          continue;
        }
        HttpResponse<String> metrics = client.send(
            HttpRequest.newBuilder(URI.create(baseUrl + "/actuator/prometheus"))
                .header("Authorization", "Bearer " + scrapeToken).timeout(Duration.ofSeconds(10)).build(),
            HttpResponse.BodyHandlers.ofString());
        if (metrics.statusCode() != 200) {
          throw new IllegalStateException("GET /actuator/prometheus answered " + metrics.statusCode()
              + ": is -DscrapeToken the server's SURGE_METRICS_SCRAPE_TOKEN?");
        }
        double backlog = sum(metrics.body(), "kafka_consumer_fetch_manager_records_lag{")
            + sum(metrics.body(), "surge_payments_events_unprocessed");
        quietReads = backlog == 0 ? quietReads + 1 : 0;
        state = quietReads >= 2 ? "settled" : "still busy (backlog " + (long) backlog + ")";
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot read the server's metrics: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the server to settle", e);
    }
    System.out.printf(Locale.ROOT, "Server %s after %.1f s%n", state, (System.nanoTime() - start) / 1e9);
  }

  /** The sum of a metric's samples in Prometheus' text format (every line starting with {@code prefix}). */
  static double sum(String exposition, String prefix) {
    double total = 0;
    for (String line : exposition.split("\\n")) {
      if (line.startsWith(prefix)) {
        double v = Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
        total += Double.isNaN(v) ? 0 : v;
      }
    }
    return total;
  }
}
