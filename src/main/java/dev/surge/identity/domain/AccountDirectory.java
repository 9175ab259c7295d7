package dev.surge.identity.domain;

import dev.surge.identity.IdentityApi;
import dev.surge.identity.data.AccountQueries;
import java.util.UUID;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/** Answers other modules' questions about accounts. */
@Service
class AccountDirectory implements IdentityApi {

    private final AccountQueries accounts;

    AccountDirectory(AccountQueries accounts) {
        this.accounts = accounts;
    }

    @Override
    public Mono<String> email(UUID userId) {
        return accounts.userById(userId).map(AccountQueries.UserRow::email);
    }
}
