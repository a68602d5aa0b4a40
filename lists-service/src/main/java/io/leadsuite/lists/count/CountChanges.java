package io.leadsuite.lists.count;

import io.leadsuite.lists.count.LeadCountProjector.LeadEvent;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a batch of lead events changes, decided from the leads' memberships alone (no database): the
 * memberships to store, and the per-list deltas of the events that count. An event counts if it is newer
 * than the lead's membership, or is the very record that last updated it (delivered again, its count
 * perhaps not applied); a copy of an event published twice, and any older event, does not.
 *
 * @param memberships each changed lead's membership after the batch (one per lead)
 * @param deltas the counted events' shares, in record order
 */
record CountChanges(List<LeadMembership> memberships, List<Delta> deltas) {

    /** One list's share of a counted event: {@code -1} for the list a lead left, {@code +1} for the one it joined. */
    record Delta(String listId, int partition, long offset, int change) {}

    /**
     * What one list has still to count: the sum of its deltas beyond the offsets it has counted, and the
     * offset each partition reaches with them ({@code countedOffsets} keys).
     */
    record Increment(int change, Map<String, Long> reached) {

        /** Empty when the list has counted all of {@code deltas} (its own) already. */
        static Optional<Increment> of(Map<String, Long> counted, List<Delta> deltas) {
            List<Delta> pending = deltas.stream()
                    .filter(delta -> delta.offset() > counted.getOrDefault(key(delta.partition()), -1L))
                    .toList();
            if (pending.isEmpty()) {
                return Optional.empty();
            }
            Map<String, Long> reached = new HashMap<>();
            pending.forEach(delta -> reached.merge(key(delta.partition()), delta.offset(), Math::max));
            return Optional.of(
                    new Increment(pending.stream().mapToInt(Delta::change).sum(), reached));
        }
    }

    /** Applies {@code batch} in record order (partition, offset) to the memberships {@code known} by lead id. */
    static CountChanges of(List<LeadEvent> batch, Map<String, LeadMembership> known, Clock clock) {
        List<LeadEvent> ordered = batch.stream()
                .sorted(Comparator.comparingInt(LeadEvent::partition).thenComparingLong(LeadEvent::offset))
                .toList();
        Map<String, LeadMembership> memberships = new HashMap<>(known);
        Map<String, LeadMembership> changed = new LinkedHashMap<>();
        List<Delta> deltas = new ArrayList<>();
        for (LeadEvent event : ordered) {
            LeadMembership membership = memberships.get(event.leadId());
            boolean newer = membership == null || membership.version() < event.version();
            boolean redelivered = membership != null
                    && membership.version() == event.version()
                    && membership.isRecord(event.partition(), event.offset());
            if (newer) {
                LeadMembership next = new LeadMembership(
                        event.leadId(),
                        event.userId(),
                        event.listId(),
                        event.version(),
                        event.partition(),
                        event.offset(),
                        clock.instant());
                memberships.put(event.leadId(), next);
                changed.put(event.leadId(), next);
            }
            if (newer || redelivered) {
                deltas.addAll(deltas(event));
            }
        }
        return new CountChanges(List.copyOf(changed.values()), List.copyOf(deltas));
    }

    /** The {@code countedOffsets} key of a partition. */
    static String key(int partition) {
        return "p" + partition;
    }

    private static List<Delta> deltas(LeadEvent event) {
        if (Objects.equals(event.listId(), event.previousListId())) {
            return List.of();
        }
        List<Delta> deltas = new ArrayList<>(2);
        if (event.previousListId() != null) {
            deltas.add(new Delta(event.previousListId(), event.partition(), event.offset(), -1));
        }
        if (event.listId() != null) {
            deltas.add(new Delta(event.listId(), event.partition(), event.offset(), +1));
        }
        return deltas;
    }
}
