package dev.surge.identity.domain;

import dev.surge.identity.data.DemoAccountQueries;
import dev.surge.platform.persistence.Ids;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * One signed-in account of every role, for a demo or a first look (the local run and the Compose stack turn it on
 * with {@code surge.demo.accounts=true}; off by default, never in production): a customer, a seller of the demo
 * merchant ({@code demo-0}, which the demo catalog fills with products), fulfilment staff, finance staff and an
 * administrator. All share {@link #PASSWORD}; an account whose email is taken is left as it is. The credentials are
 * printed at start-up and listed in the README.
 */
@Component
@ConditionalOnProperty(name = "surge.demo.accounts", havingValue = "true")
class DemoAccounts {

    /** The demo accounts' password: public in the README, which is why this is never on in production. */
    static final String PASSWORD = "demo password";


    record DemoAccount(String email, String name, Role role) {
    }

    static final List<DemoAccount> ACCOUNTS = List.of(
            new DemoAccount("customer@surge.local", "Demo Customer", Role.CUSTOMER),
            new DemoAccount("seller@surge.local", "Demo Seller", Role.SELLER),
            new DemoAccount("fulfilment@surge.local", "Demo Fulfilment", Role.FULFILMENT),
            new DemoAccount("finance@surge.local", "Demo Finance", Role.FINANCE),
            new DemoAccount("manager@surge.local", "Demo Administrator", Role.ADMIN));

    private static final Logger log = LoggerFactory.getLogger(DemoAccounts.class);

    private final DemoAccountQueries queries;
    private final PasswordHasher passwords;
    private final String merchantSlug;

    /** {@code merchantSlug}: the seller's merchant, by default the demo catalog's first ({@code demo-0}). */
    DemoAccounts(DemoAccountQueries queries, PasswordHasher passwords,
            @Value("${surge.demo.seller-merchant:demo-0}") String merchantSlug) {
        this.queries = queries;
        this.passwords = passwords;
        this.merchantSlug = merchantSlug;
    }

    @EventListener(ApplicationReadyEvent.class)
    void createOnStartup() {
        create().subscribe(created -> log.info("Demo accounts ({} new), password \"{}\": {}", created, PASSWORD,
                        ACCOUNTS.stream().map(a -> a.email() + " (" + a.role() + ")").collect(Collectors.joining(", "))),
                error -> log.error("Could not create the demo accounts", error));
    }

    /** Creates the missing demo accounts; emits how many it created. */
    Mono<Long> create() {
        return queries.merchant(Ids.newId(), merchantSlug, "Demo Merchant")
                .flatMap(merchant -> passwords.hash(PASSWORD).flatMap(hash -> Flux.fromIterable(ACCOUNTS)
                        .concatMap(account -> queries.account(Ids.newId(), Account.normalizeEmail(account.email()),
                                account.name(), hash, account.role().name(),
                                account.role() == Role.SELLER ? merchant : (UUID) null))
                        .count()));
    }
}
