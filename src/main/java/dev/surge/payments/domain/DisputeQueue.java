package dev.surge.payments.domain;

import dev.surge.payments.data.DisputeQueries;
import dev.surge.payments.gateway.DisputeStatus;
import java.util.EnumSet;
import java.util.Set;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;

/** Finance's queue of payment disputes: the open ones to answer, oldest first, or the closed ones by outcome. */
@Service
public class DisputeQueue {

    /** Which disputes to list. */
    public enum Filter {
        OPEN(EnumSet.of(DisputeStatus.NEEDS_RESPONSE, DisputeStatus.UNDER_REVIEW)),
        WON(EnumSet.of(DisputeStatus.WON)),
        LOST(EnumSet.of(DisputeStatus.LOST)),
        ALL(EnumSet.allOf(DisputeStatus.class));

        private final Set<DisputeStatus> statuses;

        Filter(Set<DisputeStatus> statuses) {
            this.statuses = statuses;
        }
    }

    private final DisputeQueries disputes;

    DisputeQueue(DisputeQueries disputes) {
        this.disputes = disputes;
    }

    public Flux<Dispute> list(Filter filter, int limit) {
        return disputes.list(filter.statuses, limit).map(Dispute::of);
    }
}
