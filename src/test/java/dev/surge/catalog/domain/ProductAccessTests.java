package dev.surge.catalog.domain;

import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import dev.surge.catalog.data.ProductWrites;
import dev.surge.platform.security.Principals;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.security.access.AccessDeniedException;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/** Who manages a merchant's products, and what everyone else is told. */
class ProductAccessTests {

    private final UUID merchant = UUID.randomUUID();
    private final ProductWrites writes = mock(ProductWrites.class);
    private final ProductAccess access = new ProductAccess(writes);

    @Test
    void adminsReachAnyMerchantThatExists() {
        UUID missing = UUID.randomUUID();
        when(writes.merchantExists(merchant)).thenReturn(Mono.just(true));
        when(writes.merchantExists(missing)).thenReturn(Mono.just(false));

        StepVerifier.create(access.check(caller("ADMIN", null), merchant)).verifyComplete();
        StepVerifier.create(access.check(caller("SUPER_ADMIN", null), missing)).verifyError(MerchantNotFound.class);
    }

    @Test
    void sellersReachTheirOwnMerchantAndAreToldOthersDoNotExist() {
        when(writes.merchantActive(merchant)).thenReturn(Mono.just(true));
        StepVerifier.create(access.check(caller("SELLER", merchant), merchant)).verifyComplete();
        StepVerifier.create(access.check(caller("SELLER", UUID.randomUUID()), merchant)).verifyError(MerchantNotFound.class);
    }

    @Test
    void sellersOfASuspendedMerchantAreRefused() {
        when(writes.merchantActive(merchant)).thenReturn(Mono.just(false));
        StepVerifier.create(access.check(caller("SELLER", merchant), merchant))
                .verifyErrorMatches(e -> e instanceof AccessDeniedException && e.getMessage().contains("suspended"));
    }

    @Test
    void customersAreRefused() {
        StepVerifier.create(access.check(caller("CUSTOMER", merchant), merchant))
                .verifyErrorMatches(e -> e instanceof AccessDeniedException
                        && e.getMessage().equals("Only the merchant's sellers and admins manage its products"));
    }

    private static Principals caller(String role, UUID merchantId) {
        return new Principals(UUID.randomUUID(), UUID.randomUUID(), role, merchantId);
    }
}
