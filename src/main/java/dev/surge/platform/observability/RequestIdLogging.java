package dev.surge.platform.observability;

import dev.surge.platform.web.RequestIds;
import io.micrometer.context.ContextRegistry;
import org.slf4j.MDC;
import org.springframework.context.annotation.Configuration;

/**
 * Copies the request id from the Reactor context into the logging MDC wherever Reactor restores thread
 * locals: with {@code spring.reactor.context-propagation=limited} (ours), in {@code handle} and {@code tap}
 * operators, so a log line written there while serving a request names it (the error handler puts it in
 * the MDC itself). See docs/operations.md, "Logs".
 */
@Configuration(proxyBeanMethods = false)
class RequestIdLogging {

    RequestIdLogging() {
        ContextRegistry.getInstance().registerThreadLocalAccessor(RequestIds.CONTEXT_KEY,
                () -> MDC.get(RequestIds.CONTEXT_KEY),
                value -> MDC.put(RequestIds.CONTEXT_KEY, value),
                () -> MDC.remove(RequestIds.CONTEXT_KEY));
    }
}
