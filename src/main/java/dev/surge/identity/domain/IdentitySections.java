package dev.surge.identity.domain;

import dev.surge.identity.data.PrivacyQueries;
import dev.surge.platform.privacy.PersonalDataSection;
import java.util.UUID;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import reactor.core.publisher.Mono;

/**
 * Identity's parts of a personal-data export: the account ({@code account}) and its sign-ins ({@code sessions}).
 * Never the password hash, 2FA secrets, recovery codes or token hashes: only whether 2FA is on.
 */
@Configuration(proxyBeanMethods = false)
class IdentitySections {

    @Bean
    PersonalDataSection accountSection(PrivacyQueries privacy) {
        return section("account", id -> privacy.account(id).map(account -> (Object) account));
    }

    @Bean
    PersonalDataSection sessionsSection(PrivacyQueries privacy) {
        return section("sessions", id -> privacy.sessions(id).collectList().map(list -> (Object) list));
    }

    private static PersonalDataSection section(String name, java.util.function.Function<UUID, Mono<Object>> export) {
        return new PersonalDataSection() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Mono<Object> export(UUID accountId) {
                return export.apply(accountId);
            }
        };
    }
}
