package dev.surge.platform.observability;

import dev.surge.platform.web.RequestIds;
import io.micrometer.context.ContextRegistry;
import org.slf4j.MDC;
import org.springframework.context.annotation.Configuration;

/**
 * Copies the request id from the Reactor context into the logging MDC on whatever thread runs the
 * request's next step (with {@code spring.reactor.context-propagation=auto}), so every log line written
 * while serving a request names it.
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
