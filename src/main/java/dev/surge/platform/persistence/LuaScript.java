package dev.surge.platform.persistence;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * A Redis Lua script read from the classpath (under {@code redis/<module>/}) once, at start-up, with its
 * SHA-1 computed once. Spring's {@code DefaultRedisScript} takes a lock on every {@code getSha1()}, which
 * concurrent requests turn into event-loop threads parking; this one answers a final field. Run it with
 * {@code ReactiveRedisTemplate.execute(script, keys, args)}: Spring sends {@code EVALSHA} and falls back to
 * {@code EVAL} with the text when Redis does not know the script (after a restart or a flush).
 * <p>
 * Create scripts in static final fields (or constructors) of start-up beans, never on a request: reading
 * the resource blocks.
 *
 * @param <T> what the script answers ({@code Long} for a number, {@code List} for a table)
 */
public final class LuaScript<T> implements RedisScript<T> {

    private final String text;
    private final String sha1;
    private final Class<T> resultType;

    private LuaScript(String text, Class<T> resultType) {
        this.text = text;
        this.sha1 = sha1(text);
        this.resultType = resultType;
    }

    /**
     * The script made of the given classpath resources, in order (e.g. shared Lua functions, then the
     * script that calls them).
     */
    public static <T> LuaScript<T> load(Class<T> resultType, String... resources) {
        StringBuilder text = new StringBuilder();
        for (String resource : resources) {
            try {
                text.append(new ClassPathResource(resource, LuaScript.class.getClassLoader())
                        .getContentAsString(StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read the Redis script " + resource, e);
            }
        }
        return new LuaScript<>(text.toString(), resultType);
    }

    private static String sha1(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String getSha1() {
        return sha1;
    }

    @Override
    public Class<T> getResultType() {
        return resultType;
    }

    @Override
    public String getScriptAsString() {
        return text;
    }
}
