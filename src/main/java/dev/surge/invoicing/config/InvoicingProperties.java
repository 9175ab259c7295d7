package dev.surge.invoicing.config;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Invoice settings.
 *
 * @param series           prefix and counter of invoice numbers: {@code INV} gives {@code INV-000001},
 *                         {@code INV-000002}... A new value starts a new series at 1; an old series keeps its
 *                         numbers (a store that restarts numbering every year sets e.g. {@code INV-2027})
 * @param creditNoteSeries the same for credit notes ({@code CN-000001})
 * @param digits           at least this many digits after the prefix (zero-padded; more when the counter outgrows them)
 * @param renderThreads    threads that render PDFs (CPU work, never an event loop)
 * @param renderQueue      renderings that may wait for a thread; beyond that a request is refused (503)
 * @param seller           who issues the documents: the store, seller of record of every order
 */
@Validated
@ConfigurationProperties("surge.invoices")
public record InvoicingProperties(
        @NotBlank @Pattern(regexp = SERIES) @DefaultValue("INV") String series,
        @NotBlank @Pattern(regexp = SERIES) @DefaultValue("CN") String creditNoteSeries,
        @Min(1) @Max(12) @DefaultValue("6") int digits,
        @Min(1) @Max(32) @DefaultValue("2") int renderThreads,
        @Min(1) @DefaultValue("1000") int renderQueue,
        @Valid @NotNull @DefaultValue Seller seller) {

    public InvoicingProperties {
        if (series != null && series.equalsIgnoreCase(creditNoteSeries)) {
            throw new IllegalArgumentException("surge.invoices.series and credit-note-series must differ: "
                    + "invoices and credit notes are numbered apart");
        }
    }

    /** Letters, digits and dashes, so a number is safe in a file name and a URL. */
    static final String SERIES = "[A-Za-z0-9][A-Za-z0-9-]{0,19}";

    /**
     * The store as its documents name it.
     *
     * @param name    legal name
     * @param address postal address, one entry per line
     * @param taxId   VAT or sales-tax registration shown on every document (empty: none shown)
     * @param email   where buyers write about a document
     */
    public record Seller(@NotBlank @DefaultValue("Surge Store") String name,
            @NotNull @DefaultValue("1 Market Street,Springfield") List<String> address,
            @DefaultValue("") String taxId,
            @DefaultValue("support@localhost") String email) {
    }
}
