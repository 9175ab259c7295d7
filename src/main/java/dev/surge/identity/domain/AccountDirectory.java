package dev.surge.identity.domain;

import dev.surge.identity.IdentityApi;
import dev.surge.identity.data.AccountQueries;
import dev.surge.identity.data.AdminQueries;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/** Answers other modules' questions about accounts. */
@Service
class AccountDirectory implements IdentityApi {

    private final AccountQueries accounts;
    private final AdminQueries admin;

    AccountDirectory(AccountQueries accounts, AdminQueries admin) {
        this.accounts = accounts;
        this.admin = admin;
    }

    @Override
    public Mono<String> email(UUID userId) {
        return accounts.userById(userId).map(AccountQueries.UserRow::email);
    }

    @Override
    public Mono<MerchantContact> merchantContact(UUID merchantId) {
        return admin.merchantContact(merchantId).map(row -> new MerchantContact(merchantId, row.name(),
                row.contactEmail() != null ? List.of(row.contactEmail()) : row.sellerEmails()));
    }
}
