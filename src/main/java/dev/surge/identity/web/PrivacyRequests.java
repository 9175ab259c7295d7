package dev.surge.identity.web;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.UUID;

/** Request and response bodies of personal-data exports and erasure. */
final class PrivacyRequests {

    private PrivacyRequests() {
    }

    /** The password, and when 2FA is on a current code or a recovery code. */
    record EraseAccountRequest(@NotNull @Size(max = 128) String password, @Size(max = 20) String code) {
    }

    /** The token of the emailed download link. */
    record DownloadExportRequest(@NotBlank @Size(max = 100) String token) {
    }

    /** An export under way: its link is emailed to the account holder when it is ready. */
    record ExportStarted(UUID exportId, String status) {

        static ExportStarted of(UUID exportId) {
            return new ExportStarted(exportId, "PENDING");
        }
    }
}
