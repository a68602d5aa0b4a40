package io.leadsuite.lists.count;

import static org.assertj.core.api.Assertions.assertThat;

import io.leadsuite.lists.count.CountChanges.Delta;
import io.leadsuite.lists.count.CountChanges.Increment;
import io.leadsuite.lists.count.LeadCountProjector.LeadEvent;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** How a batch of lead events becomes memberships and per-list deltas, and what a list still counts. */
class CountChangesTest {

    private static final Instant NOW = Instant.parse("2026-11-24T10:15:30Z");
    private static final Instant EARLIER = NOW.minusSeconds(3600);
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final String USER = "user_1";
    private static final String LEAD = "lead-1";
    private static final String HOT = "list-hot";
    private static final String COLD = "list-cold";

    @Test
    void aLeadCreatedIntoAListCountsOneForItAndIsRemembered() {
        CountChanges changes = CountChanges.of(List.of(event(0, 10, LEAD, 1, HOT, null)), Map.of(), CLOCK);

        assertThat(changes.deltas()).containsExactly(new Delta(HOT, 0, 10, +1));
        assertThat(changes.memberships()).containsExactly(new LeadMembership(LEAD, USER, HOT, 1, 0, 10, NOW));
    }

    @Test
    void aLeadCreatedInNoListCountsNothingButIsRemembered() {
        CountChanges changes = CountChanges.of(List.of(event(0, 10, LEAD, 1, null, null)), Map.of(), CLOCK);

        assertThat(changes.deltas()).isEmpty();
        assertThat(changes.memberships()).containsExactly(new LeadMembership(LEAD, USER, null, 1, 0, 10, NOW));
    }

    @Test
    void aLeadMovedBetweenListsLeavesOneAndJoinsTheOther() {
        CountChanges changes = CountChanges.of(
                List.of(event(2, 20, LEAD, 2, COLD, HOT)), Map.of(LEAD, membership(HOT, 1, 2, 10)), CLOCK);

        assertThat(changes.deltas()).containsExactly(new Delta(HOT, 2, 20, -1), new Delta(COLD, 2, 20, +1));
        assertThat(changes.memberships()).containsExactly(new LeadMembership(LEAD, USER, COLD, 2, 2, 20, NOW));
    }

    @Test
    void aDeletedLeadLeavesItsListAndItsMembershipRemembersNoList() {
        CountChanges changes = CountChanges.of(
                List.of(event(0, 30, LEAD, 3, null, HOT)), Map.of(LEAD, membership(HOT, 2, 0, 20)), CLOCK);

        assertThat(changes.deltas()).containsExactly(new Delta(HOT, 0, 30, -1));
        assertThat(changes.memberships()).containsExactly(new LeadMembership(LEAD, USER, null, 3, 0, 30, NOW));
    }

    @Test
    void anUpdateInTheSameListCountsNothingButAdvancesTheVersion() {
        CountChanges changes = CountChanges.of(
                List.of(event(0, 30, LEAD, 3, HOT, HOT)), Map.of(LEAD, membership(HOT, 2, 0, 20)), CLOCK);

        assertThat(changes.deltas()).isEmpty();
        assertThat(changes.memberships()).containsExactly(new LeadMembership(LEAD, USER, HOT, 3, 0, 30, NOW));
    }

    @Test
    void aCopyOfAnAlreadyCountedEventAtAnotherOffsetCountsNothing() {
        CountChanges changes = CountChanges.of(
                List.of(event(0, 95, LEAD, 2, COLD, HOT)), Map.of(LEAD, membership(COLD, 2, 0, 20)), CLOCK);

        assertThat(changes.deltas()).isEmpty();
        assertThat(changes.memberships()).isEmpty();
    }

    @Test
    void theRecordThatLastChangedTheMembershipDeliveredAgainCountsAgainWithoutChangingIt() {
        CountChanges changes = CountChanges.of(
                List.of(event(0, 20, LEAD, 2, COLD, HOT)), Map.of(LEAD, membership(COLD, 2, 0, 20)), CLOCK);

        assertThat(changes.deltas()).containsExactly(new Delta(HOT, 0, 20, -1), new Delta(COLD, 0, 20, +1));
        assertThat(changes.memberships()).isEmpty();
    }

    @Test
    void theSameVersionFromAnotherPartitionIsACopyNotARedelivery() {
        CountChanges changes = CountChanges.of(
                List.of(event(1, 20, LEAD, 2, COLD, HOT)), Map.of(LEAD, membership(COLD, 2, 0, 20)), CLOCK);

        assertThat(changes.deltas()).isEmpty();
    }

    @Test
    void anOlderVersionThanTheMembershipCountsNothing() {
        CountChanges changes = CountChanges.of(
                List.of(event(0, 40, LEAD, 1, HOT, null)), Map.of(LEAD, membership(COLD, 2, 0, 20)), CLOCK);

        assertThat(changes.deltas()).isEmpty();
        assertThat(changes.memberships()).isEmpty();
    }

    @Test
    void anOlderVersionLaterInTheSameBatchCountsNothing() {
        CountChanges changes = CountChanges.of(
                List.of(event(0, 10, LEAD, 2, COLD, null), event(0, 11, LEAD, 1, HOT, null)), Map.of(), CLOCK);

        assertThat(changes.deltas()).containsExactly(new Delta(COLD, 0, 10, +1));
        assertThat(changes.memberships()).containsExactly(new LeadMembership(LEAD, USER, COLD, 2, 0, 10, NOW));
    }

    @Test
    void aBatchIsAppliedInRecordOrderWhateverOrderItArrivesIn() {
        CountChanges changes = CountChanges.of(
                List.of(
                        event(0, 12, LEAD, 3, null, COLD),
                        event(0, 10, LEAD, 1, HOT, null),
                        event(0, 11, LEAD, 2, COLD, HOT)),
                Map.of(),
                CLOCK);

        assertThat(changes.deltas())
                .containsExactly(
                        new Delta(HOT, 0, 10, +1),
                        new Delta(HOT, 0, 11, -1),
                        new Delta(COLD, 0, 11, +1),
                        new Delta(COLD, 0, 12, -1));
        assertThat(changes.memberships()).containsExactly(new LeadMembership(LEAD, USER, null, 3, 0, 12, NOW));
    }

    @Test
    void eachLeadIsJudgedAgainstItsOwnMembership() {
        CountChanges changes = CountChanges.of(
                List.of(event(0, 50, "lead-2", 1, HOT, null), event(1, 50, LEAD, 2, COLD, HOT)),
                Map.of(LEAD, membership(COLD, 2, 1, 40)),
                CLOCK);

        assertThat(changes.deltas()).containsExactly(new Delta(HOT, 0, 50, +1));
        assertThat(changes.memberships()).containsExactly(new LeadMembership("lead-2", USER, HOT, 1, 0, 50, NOW));
    }

    @Test
    void aListCountsOnlyTheDeltasBeyondItsCountedOffsetsAndReachesTheHighestPerPartition() {
        List<Delta> deltas = List.of(
                new Delta(HOT, 0, 9, +1),
                new Delta(HOT, 0, 10, +1),
                new Delta(HOT, 0, 11, +1),
                new Delta(HOT, 0, 12, +1),
                new Delta(HOT, 1, 3, -1));

        assertThat(Increment.of(Map.of("p0", 10L), deltas)).contains(new Increment(1, Map.of("p0", 12L, "p1", 3L)));
    }

    @Test
    void deltasThatCancelOutStillMoveTheCountedOffsets() {
        List<Delta> deltas = List.of(new Delta(HOT, 0, 5, +1), new Delta(HOT, 0, 6, -1));

        assertThat(Increment.of(Map.of(), deltas)).contains(new Increment(0, Map.of("p0", 6L)));
    }

    @Test
    void aListThatCountedEveryDeltaAlreadyHasNothingToDo() {
        List<Delta> deltas = List.of(new Delta(HOT, 0, 9, +1), new Delta(HOT, 2, 4, -1));

        assertThat(Increment.of(Map.of("p0", 9L, "p2", 7L), deltas)).isEmpty();
    }

    private static LeadEvent event(
            int partition, long offset, String leadId, long version, @Nullable String list, @Nullable String previous) {
        return new LeadEvent(partition, offset, leadId, USER, version, list, previous);
    }

    private static LeadMembership membership(@Nullable String list, long version, int partition, long offset) {
        return new LeadMembership(LEAD, USER, list, version, partition, offset, EARLIER);
    }
}
