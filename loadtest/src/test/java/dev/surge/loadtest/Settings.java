package dev.surge.loadtest;

import static io.gatling.javaapi.http.HttpDsl.http;

import io.gatling.javaapi.http.HttpProtocolBuilder;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Path;

/** System properties of the simulations ({@code -Dname=value}), read and checked in one place. */
final class Settings {

  private Settings() {}

  /**
   * The protocol of a simulation that sends and reads JSON: {@code baseUrl}, JSON both ways, this user agent, no
   * request to Gatling's default warm-up URL (an outside host), and no client cache (every request reaches the
   * server).
   */
  static HttpProtocolBuilder jsonProtocol(String baseUrl, String userAgent) {
    return http.baseUrl(baseUrl)
        .acceptHeader("application/json")
        .contentTypeHeader("application/json")
        .userAgentHeader(userAgent)
        .disableWarmUp()
        .disableCaching();
  }

  /** {@code baseUrl} (default {@code http://127.0.0.1:8080}), without a trailing slash, loopback only. */
  static String baseUrl() {
    String url = stripTrailingSlash(prop("baseUrl", "http://127.0.0.1:8080"));
    requireLoopback(url);
    return url;
  }

  /**
   * {@code jwtKeyFile}: the RSA private key (a JWK with {@code kid}) that signs the server's access
   * tokens. Default: the local run's development key, {@code ~/.surge/dev-jwt-key.json}.
   */
  static Path jwtKeyFile() {
    return Path.of(prop("jwtKeyFile", System.getProperty("user.home") + "/.surge/dev-jwt-key.json"));
  }

  static String prop(String name, String def) {
    String v = System.getProperty(name);
    return v == null || v.isBlank() ? def : v.trim();
  }

  static int intProp(String name, int def) {
    try {
      return Integer.parseInt(prop(name, Integer.toString(def)));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("system property " + name + " must be an integer", e);
    }
  }

  static double doubleProp(String name, double def) {
    try {
      return Double.parseDouble(prop(name, Double.toString(def)));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("system property " + name + " must be a number", e);
    }
  }

  static int positive(String name, int v) {
    if (v <= 0) throw new IllegalArgumentException(name + " must be > 0, was " + v);
    return v;
  }

  static int nonNegative(String name, int v) {
    if (v < 0) throw new IllegalArgumentException(name + " must be >= 0, was " + v);
    return v;
  }

  static double nonNegative(String name, double v) {
    if (v < 0 || Double.isNaN(v)) throw new IllegalArgumentException(name + " must be >= 0, was " + v);
    return v;
  }

  static double ratio(String name, double v) {
    if (!(v >= 0 && v <= 1)) throw new IllegalArgumentException(name + " must be between 0 and 1, was " + v);
    return v;
  }

  static String stripTrailingSlash(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }

  /** Load goes to this machine only, unless explicitly allowed otherwise. */
  static void requireLoopback(String baseUrl) {
    String host = URI.create(baseUrl).getHost();
    if (host == null) {
      throw new IllegalArgumentException("baseUrl has no host: " + baseUrl);
    }
    if (Boolean.getBoolean("allowNonLoopback")) {
      return;
    }
    boolean loopback;
    try {
      loopback = InetAddress.getByName(host.replaceAll("^\\[|\\]$", "")).isLoopbackAddress();
    } catch (UnknownHostException e) {
      loopback = false;
    }
    if (!loopback) {
      throw new IllegalArgumentException(
          "baseUrl " + baseUrl + " is not a loopback address; set -DallowNonLoopback=true to allow it");
    }
  }
}
