package dev.surge.loadtest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A plain blocking HTTP client for what a simulation does before its virtual users start (creating a
 * sale, finding variants) and outside Gatling's statistics. Every call that does not answer the expected
 * status stops the run with the server's problem body.
 */
final class SurgeClient {

  static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final String baseUrl;
  private final String bearer;

  SurgeClient(String baseUrl, String bearerToken) {
    this.baseUrl = baseUrl;
    this.bearer = bearerToken;
  }

  JsonNode get(String path, int expectedStatus) {
    return send(request(path).GET(), expectedStatus);
  }

  JsonNode post(String path, Object body, int expectedStatus) {
    return send(request(path).POST(json(body)), expectedStatus);
  }

  JsonNode put(String path, Object body, int expectedStatus) {
    return send(request(path).PUT(json(body)), expectedStatus);
  }

  /** A POST with an {@code Idempotency-Key}; any of {@code expectedStatuses} is a success. */
  JsonNode postIdempotent(String path, Object body, String idempotencyKey, int... expectedStatuses) {
    return send(request(path).header("Idempotency-Key", idempotencyKey).POST(json(body)), expectedStatuses);
  }

  /**
   * A new customer account: registers {@code email} and signs in. Returns the access token (valid for the
   * server's {@code surge.security.jwt.access-token-ttl}, 15 minutes by default). Unlike a minted token,
   * the user exists, which checkout needs.
   */
  static String signUp(String baseUrl, String email, String password) {
    SurgeClient anonymous = new SurgeClient(baseUrl, null);
    anonymous.post("/api/v1/auth/register",
        Map.of("email", email, "password", password, "displayName", "Load test customer"), 201);
    return anonymous.post("/api/v1/auth/login", Map.of("email", email, "password", password), 200)
        .path("accessToken").asText();
  }

  /**
   * Up to {@code max} variants priced in {@code currency} with at least {@code minAvailable} units
   * available, from the newest in-stock products (this client must be an admin's: it reads stock
   * levels). Fails when fewer than {@code min} are found.
   */
  List<String> variantPool(int max, int min, String currency, int minAvailable) {
    List<String> pool = new ArrayList<>();
    for (String variant : inStockVariants(max * 3, currency)) {
      JsonNode level = get("/api/v1/admin/inventory/" + variant, 200);
      if (level.path("available").asInt() >= minAvailable && pool.size() < max) {
        pool.add(variant);
      }
    }
    if (pool.size() < min) {
      throw new IllegalStateException("fewer than " + min + " variants in " + currency + " with " + minAvailable
          + "+ units available at " + baseUrl);
    }
    return List.copyOf(pool);
  }

  /**
   * Ids of up to {@code max} variants that are in stock, from the newest in-stock products (one
   * product detail request per product).
   */
  List<String> inStockVariants(int max) {
    return inStockVariants(max, null);
  }

  /** The same, only variants priced in {@code currency} (null: any). */
  List<String> inStockVariants(int max, String currency) {
    Set<String> variants = new LinkedHashSet<>();
    String cursor = null;
    while (variants.size() < max) {
      String path = "/api/v1/products?inStock=true&limit=50"
          + (cursor == null ? "" : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8));
      JsonNode page = get(path, 200);
      for (JsonNode product : page.path("items")) {
        JsonNode detail = get("/api/v1/products/" + product.path("id").asText(), 200);
        for (JsonNode variant : detail.path("variants")) {
          boolean currencyMatches =
              currency == null || currency.equals(variant.path("price").path("currency").asText());
          if (variant.path("inStock").asBoolean(false) && currencyMatches && variants.size() < max) {
            variants.add(variant.path("id").asText());
          }
        }
        if (variants.size() >= max) {
          break;
        }
      }
      JsonNode next = page.path("nextCursor");
      if (next.isMissingNode() || next.isNull() || next.asText().isEmpty()) {
        break;
      }
      cursor = next.asText();
    }
    if (variants.isEmpty()) {
      throw new IllegalStateException("no variant in stock at " + baseUrl + " (is the demo catalog seeded?)");
    }
    return new ArrayList<>(variants);
  }

  private HttpRequest.Builder request(String path) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + path))
        .timeout(Duration.ofSeconds(30))
        .header("Accept", "application/json")
        .header("Content-Type", "application/json")
        .header("User-Agent", "surge-loadtest/setup");
    return bearer == null ? builder : builder.header("Authorization", "Bearer " + bearer);
  }

  private static HttpRequest.BodyPublisher json(Object body) {
    try {
      return HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body));
    } catch (IOException e) {
      throw new IllegalArgumentException(e);
    }
  }

  private JsonNode send(HttpRequest.Builder builder, int... expectedStatuses) {
    HttpRequest request = builder.build();
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      if (Arrays.stream(expectedStatuses).noneMatch(s -> s == response.statusCode())) {
        throw new IllegalStateException(request.method() + " " + request.uri() + " answered "
            + response.statusCode() + " (expected " + Arrays.toString(expectedStatuses) + "): "
            + response.body());
      }
      return response.body().isEmpty() ? JSON.nullNode() : JSON.readTree(response.body());
    } catch (IOException e) {
      throw new IllegalStateException(request.method() + " " + request.uri() + " failed: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
