package dev.surge.payments.domain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.surge.payments.domain.RefundState.Step;
import dev.surge.payments.gateway.ProviderRefund.Status;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The refund's state machine: what each confirmed report of the provider does, in whatever order it comes. */
class RefundStateTests {

    @Test
    void eachReportMovesTheRefundToWhatTheProviderSays() {
        assertThat(RefundState.PENDING.on(Status.SUCCEEDED)).isEqualTo(Step.RECORD);
        assertThat(RefundState.PENDING.on(Status.FAILED)).isEqualTo(Step.FAIL);
        assertThat(RefundState.PENDING.on(Status.CANCELED)).isEqualTo(Step.FAIL);
        assertThat(RefundState.PENDING.on(Status.PENDING)).isEqualTo(Step.NONE);
        // A failure after the success undoes it.
        assertThat(RefundState.SUCCEEDED.on(Status.FAILED)).isEqualTo(Step.REVERSE);
        assertThat(RefundState.SUCCEEDED.on(Status.SUCCEEDED)).isEqualTo(Step.NONE);
        assertThat(RefundState.SUCCEEDED.on(Status.PENDING)).isEqualTo(Step.NONE);
        // Only a confirmed success brings a failed refund back; a repeat of the failure changes nothing.
        assertThat(RefundState.FAILED.on(Status.SUCCEEDED)).isEqualTo(Step.RECORD);
        assertThat(RefundState.FAILED.on(Status.FAILED)).isEqualTo(Step.NONE);
        assertThat(RefundState.FAILED.on(Status.PENDING)).isEqualTo(Step.NONE);
    }

    @Test
    void reportsOfOneRefundInAnyOrderEndWhereTheProviderIs() {
        // Every report is confirmed as the provider's state now, so once it has failed every report says FAILED;
        // shuffled and repeated, the refund ends failed and is reversed at most once.
        Random random = new Random(14);
        for (int run = 0; run < 200; run++) {
            List<Status> reports = new ArrayList<>(List.of(Status.PENDING, Status.SUCCEEDED, Status.SUCCEEDED));
            Collections.shuffle(reports, random);
            reports.addAll(Collections.nCopies(1 + random.nextInt(3), Status.FAILED));
            RefundState state = RefundState.PENDING;
            int recorded = 0;
            for (Status report : reports) {
                Step step = state.on(report);
                recorded += step == Step.RECORD ? 1 : step == Step.REVERSE ? -1 : 0;
                state = switch (step) {
                    case RECORD -> RefundState.SUCCEEDED;
                    case FAIL, REVERSE -> RefundState.FAILED;
                    case NONE -> state;
                };
            }
            assertThat(state).isEqualTo(RefundState.FAILED);
            assertThat(recorded).isZero();
        }
    }
}
