package dev.surge.cart.domain;

import dev.surge.cart.CartActivity;
import dev.surge.cart.data.CartStore.Counted;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.springframework.stereotype.Component;

/**
 * This instance's count of carts started and given their first line, per UTC day ({@link CartActivity}): two
 * {@link LongAdder}s a day, moved by what the cart script answered, so counting costs no I/O.
 */
@Component
class CartJourneys implements CartActivity {

    private final Map<LocalDate, LongAdder[]> days = new ConcurrentHashMap<>();

    /** Counts what an added line counted (see {@code add.lua}). */
    void count(Counted counted, Instant at) {
        switch (counted) {
            case STARTED_WITH_FIRST_LINE -> {
                LongAdder[] day = day(at);
                day[0].increment();
                day[1].increment();
            }
            case FIRST_LINE -> day(at)[1].increment();
            case NOTHING -> {
            }
        }
    }

    /** A signed-in customer's cart made empty: started, without items yet. */
    void startedEmpty(Instant at) {
        day(at)[0].increment();
    }

    @Override
    public Map<LocalDate, Counts> counts() {
        Map<LocalDate, Counts> out = new TreeMap<>();
        days.forEach((day, counts) -> out.put(day, new Counts(counts[0].sum(), counts[1].sum())));
        return out;
    }

    private LongAdder[] day(Instant at) {
        LocalDate day = LocalDate.ofInstant(at, ZoneOffset.UTC);
        LongAdder[] counts = days.get(day);
        if (counts == null) {
            counts = days.computeIfAbsent(day, d -> new LongAdder[] {new LongAdder(), new LongAdder()});
            days.keySet().removeIf(kept -> kept.isBefore(day.minusDays(DAYS_KEPT - 1)));
        }
        return counts;
    }
}
