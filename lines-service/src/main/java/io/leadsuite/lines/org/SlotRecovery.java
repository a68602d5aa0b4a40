package io.leadsuite.lines.org;

import java.time.Duration;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Runs {@link SlotLedger#recover()} on a schedule ({@code leadsuite.lines.slots.recovery-interval}). */
@Component
class SlotRecovery {

    private final SlotLedger ledger;

    SlotRecovery(SlotLedger ledger) {
        this.ledger = ledger;
    }

    @Scheduled(
            fixedDelayString = "${leadsuite.lines.slots.recovery-interval:PT10S}",
            initialDelayString = "${leadsuite.lines.slots.recovery-interval:PT10S}")
    void recover() {
        ledger.recover().block(Duration.ofMinutes(5));
    }
}
