package io.leadsuite.testkit;

import de.bwaldvogel.mongo.exception.MongoServerError;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lets the in-memory store refuse new documents, with a message that says why, once the heap it shares
 * with the local Kafka broker is nearly full after a collection, instead of running out of memory and
 * taking the broker down with it. Reads, updates and deletes go on, so a service can still record that
 * a write was refused (an import ends its job {@code failed}); inserts resume once a collection frees
 * enough.
 */
final class MemoryGuard {

    /** MongoDB's code for an operation that exceeded a memory limit. */
    static final int EXCEEDED_MEMORY_LIMIT = 146;

    private static final Logger log = LoggerFactory.getLogger(MemoryGuard.class);
    private static final Set<String> WRITES = Set.of("insert", "createindexes", "create");

    private final List<MemoryPoolMXBean> oldGenerations;
    private final double fraction;
    private final AtomicBoolean refusing = new AtomicBoolean();

    MemoryGuard(double fraction) {
        this.fraction = fraction;
        this.oldGenerations = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == MemoryType.HEAP)
                .filter(MemoryPoolMXBean::isCollectionUsageThresholdSupported)
                .filter(pool -> pool.getName().contains("Old") || pool.getName().contains("Tenured"))
                .filter(pool -> pool.getUsage().getMax() > 0)
                .toList();
        oldGenerations.forEach(
                pool -> pool.setCollectionUsageThreshold((long) (pool.getUsage().getMax() * fraction)));
    }

    /** Throws the store's refusal if {@code command} writes and the heap is nearly full. */
    void check(String command) {
        if (!WRITES.contains(command.toLowerCase(Locale.ROOT))) {
            return;
        }
        boolean full = oldGenerations.stream().anyMatch(MemoryPoolMXBean::isCollectionUsageThresholdExceeded);
        if (refusing.compareAndSet(!full, full)) {
            if (full) {
                log.warn("The in-memory store is full and refuses new documents until memory is freed");
            } else {
                log.info("The in-memory store accepts new documents again");
            }
        }
        if (full) {
            throw new MongoServerError(
                    EXCEEDED_MEMORY_LIMIT,
                    "ExceededMemoryLimit",
                    String.format(
                            Locale.ROOT,
                            "The in-memory store is full: more than %.0f%% of its heap is in use after a"
                                    + " collection, so it refuses new documents rather than run out of memory. Delete"
                                    + " data, give the launcher more heap, or run without --in-memory (the default"
                                    + " keeps the data on disk).",
                            fraction * 100));
        }
    }
}
