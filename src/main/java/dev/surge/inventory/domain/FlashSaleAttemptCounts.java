package dev.surge.inventory.domain;

import dev.surge.inventory.FlashSaleAttempts;
import dev.surge.inventory.data.StockCounters;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** Reads the per-sale counts the attempt script ({@code sale-take.lua}) keeps. */
@Component
class FlashSaleAttemptCounts implements FlashSaleAttempts {

    private final StockCounters counters;

    FlashSaleAttemptCounts(StockCounters counters) {
        this.counters = counters;
    }

    @Override
    public Mono<Counts> counts(UUID saleId) {
        return counters.saleStats(saleId).map(FlashSaleAttemptCounts::counts);
    }

    private static Counts counts(Map<String, String> stats) {
        String soldOutAt = stats.get("sold_out_at");
        return new Counts(number(stats.get("attempts")), number(stats.get("sold_out")),
                soldOutAt == null ? null : Instant.ofEpochMilli(Long.parseLong(soldOutAt)));
    }

    private static long number(String value) {
        return value == null ? 0 : Long.parseLong(value);
    }
}
