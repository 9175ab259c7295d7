package dev.surge.platform.web;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.support.RouterFunctionMapping;

/** How requests reach the modules' router functions: see {@link RoutePrefixes} and {@link RouteDispatch}. */
@Configuration(proxyBeanMethods = false)
class RoutingConfig {

    @Bean
    static BeanPostProcessor routePrefixGuards() {
        return RoutePrefixes.guardEveryRouter();
    }

    @Bean
    static BeanPostProcessor routeDispatch(ObjectProvider<RouterFunction<?>> routers) {
        return RouteDispatch.installer(routers);
    }

    /**
     * The API's routes are asked first. By default the actuator's handler mapping comes first (order -100)
     * and every API request walks its endpoints' request conditions before reaching a route (3 % of a
     * request's CPU); actuator paths ({@code /actuator/**}) are matched by none of our routes, so the order
     * changes which mapping answers nothing but those paths' cost.
     */
    @Bean
    static BeanPostProcessor routesBeforeActuator() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                if (bean instanceof RouterFunctionMapping mapping) {
                    mapping.setOrder(Ordered.HIGHEST_PRECEDENCE + 100);
                }
                return bean;
            }
        };
    }
}
