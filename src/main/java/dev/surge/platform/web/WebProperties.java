package dev.surge.platform.web;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * HTTP edge settings.
 *
 * @param maxBodySize  largest request body accepted; larger ones get 413 before anything reads them
 * @param cursorSecret HMAC key that signs pagination cursors; set it from the environment in production
 *                     and share it between instances, or cursors from one node fail on another
 * @param cors         browser origins allowed to call the API
 */
@ConfigurationProperties("surge.web")
public record WebProperties(
        @DefaultValue("1MB") DataSize maxBodySize,
        String cursorSecret,
        @DefaultValue Cors cors) {

    public record Cors(@DefaultValue List<String> allowedOrigins, @DefaultValue("30m") Duration maxAge) {
    }
}
