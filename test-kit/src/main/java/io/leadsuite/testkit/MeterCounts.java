package io.leadsuite.testkit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/** What a service's counters say, for tests that compare a count before and after what they do. */
public final class MeterCounts {

    private MeterCounts() {}

    /** The sum of every counter named {@code meter} with these tags ({@code key, value, ...}). */
    public static double count(MeterRegistry meters, String meter, String... tags) {
        return meters.find(meter).tags(tags).counters().stream()
                .mapToDouble(Counter::count)
                .sum();
    }
}
