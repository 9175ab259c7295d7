package dev.surge.support;

import dev.surge.SurgeApplication;
import dev.surge.platform.security.JwtKeys;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Another Surge instance beside the tests' own, on the same stores: in this JVM ({@link #inThisJvm}, the
 * two-instance tests) or as a process of its own ({@link SurgeProcess}, the fault tests).
 */
public final class SurgeInstances {

    /** Whether an instance runs the event handlers; see {@link #arguments}. */
    public static final String CONSUMERS = "surge.events.consumer.enabled";

    private SurgeInstances() {
    }

    /**
     * The command-line arguments of an instance on {@code properties} (the tests' {@code serviceProperties()},
     * possibly pointed at proxies), listening on {@code port} (0: any free port).
     * <p>
     * Unless {@code properties} say otherwise ({@code surge.events.consumer.enabled}), the instance consumes no
     * events: the tests' own instance does, on the same broker. Had it joined the suite's consumer groups, every
     * group would rebalance as it started and again as it stopped or was killed (a kill: a session timeout's
     * wait), and the next tests' event-fed waits paid for it (CI saw a credit note miss a 30 s wait so).
     */
    public static List<String> arguments(Map<String, String> properties, JwtKeys keys, int port) {
        List<String> args = new ArrayList<>();
        if (!properties.containsKey(CONSUMERS)) {
            args.add("--" + CONSUMERS + "=false");
            args.add("--surge.events.dead-letters.enabled=false");
        }
        properties.forEach((key, value) -> args.add("--" + key + "=" + value));
        args.add("--server.port=" + port);
        // One store, one signing key: a token from either instance is good at both.
        args.add("--surge.security.jwt.signing-key=" + keys.signingKey().toJSONString());
        return args;
    }

    /** A second application context in this JVM, with the test profile, on a free port. */
    public static ConfigurableApplicationContext inThisJvm(Map<String, String> properties, JwtKeys keys) {
        return new SpringApplicationBuilder(SurgeApplication.class).profiles("test")
                .run(arguments(properties, keys, 0).toArray(String[]::new));
    }

    /**
     * {@code properties} with PostgreSQL reached through {@code proxy} (R2DBC and Flyway alike).
     */
    public static Map<String, String> postgresThrough(Map<String, String> properties, TcpProxy proxy) {
        Map<String, String> changed = new java.util.LinkedHashMap<>(properties);
        changed.replaceAll((key, value) -> key.equals("spring.r2dbc.url") || key.equals("spring.flyway.url")
                ? value.replaceFirst("//[^/]+/", "//127.0.0.1:" + proxy.port() + "/") : value);
        return changed;
    }

    /** A proxy to the PostgreSQL of {@code properties}, for {@link #postgresThrough}. */
    public static TcpProxy proxyToPostgres(Map<String, String> properties) {
        java.util.regex.Matcher address = java.util.regex.Pattern.compile("//([^:/]+):(\\d+)/")
                .matcher(properties.get("spring.r2dbc.url"));
        if (!address.find()) {
            throw new IllegalStateException("No host:port in " + properties.get("spring.r2dbc.url"));
        }
        return TcpProxy.to(address.group(1), Integer.parseInt(address.group(2)));
    }

    /** {@code properties} with Redis at 127.0.0.1:{@code port}, logical database 0 (a server of the test's own). */
    public static Map<String, String> redisAt(Map<String, String> properties, int port) {
        Map<String, String> changed = new java.util.LinkedHashMap<>(properties);
        changed.put("spring.data.redis.host", "127.0.0.1");
        changed.put("spring.data.redis.port", Integer.toString(port));
        changed.put("spring.data.redis.database", "0");
        return changed;
    }

    /** The port a context started by {@link #inThisJvm} listens on. */
    public static int port(ConfigurableApplicationContext context) {
        return Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
    }
}
