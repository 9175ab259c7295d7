package dev.surge.identity.web;

import dev.surge.identity.domain.Role;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.UUID;

/** Request bodies of the back-office identity endpoints. */
final class AdminRequests {

    private AdminRequests() {
    }

    record CreateMerchantRequest(@NotBlank @Size(max = 120) String name,
            @NotBlank @Pattern(regexp = "[a-z0-9][a-z0-9-]{1,59}") String slug,
            @Email @Size(max = 254) String contactEmail) {
    }

    record CreateAccountRequest(@NotBlank @Email @Size(max = 254) String email,
            @NotBlank @Size(max = 100) String displayName, @NotNull Role role, UUID merchantId) {
    }

    /** Null fields stay as they are; an empty {@code contactEmail} removes it (notices go to the sellers). */
    record UpdateMerchantRequest(@Size(min = 1, max = 120) @Pattern(regexp = ".*\\S.*") String name,
            @Email @Size(max = 254) String contactEmail, @Pattern(regexp = "ACTIVE|SUSPENDED") String status) {
    }

    record UpdateAccountRequest(Role role, UUID merchantId, @Pattern(regexp = "ACTIVE|DISABLED") String status) {
    }
}
