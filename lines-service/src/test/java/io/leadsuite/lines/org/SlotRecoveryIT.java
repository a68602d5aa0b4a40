package io.leadsuite.lines.org;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import io.leadsuite.lines.LinesServiceIT;
import io.leadsuite.lines.line.BillingType;
import io.leadsuite.lines.line.LineDocument;
import io.leadsuite.lines.settings.LinesProperties;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.test.context.TestPropertySource;

/**
 * A writer that dies between the line and its organization's counters, at each point where it can:
 * recovery, once what the writer left is older than the grace period, leaves the counters exact,
 * neither lost nor counted twice. The tests move the clock past the grace period and run recovery
 * themselves; the scheduled one waits an hour, and the context has a database and a consumer group of
 * its own, so no other context's recovery acts on these lines either.
 */
@TestPropertySource(
        properties = {
            "leadsuite.lines.slots.recovery-interval=1h",
            "spring.mongodb.database=lines-recovery",
            "spring.cloud.stream.bindings.provisioningResults-in-0.group=lines-recovery"
        })
class SlotRecoveryIT extends LinesServiceIT {

    @Autowired
    private SlotLedger ledger;

    @Autowired
    private SlotRecovery recovery;

    @Autowired
    private LinesProperties properties;

    @Autowired
    private ReactiveMongoTemplate mongo;

    @Test
    void aSlotHeldForALineThatWasNeverWrittenIsGivenBack() {
        String workspace = newWorkspace();
        String token = member(workspace);
        api.counters(token);
        ObjectId never = new ObjectId();

        assertThat(ledger.hold(workspace, never, null).block()).isEqualTo(BillingType.free);
        assertThat(api.counters(token)).containsEntry("freeLinesUsed", 1).containsEntry("totalLinesCount", 1);

        assertThat(recoverWhatIsStale()).isEqualTo(new SlotRecovery.Recovery(1, 0, 0));

        assertThat(api.counters(token)).containsEntry("freeLinesUsed", 0).containsEntry("totalLinesCount", 0);
        assertThat(intents(workspace)).isEmpty();
        Document fence = mongo.findById(never, Document.class, "lines").block();
        assertThat(fence).isNotNull().containsEntry("abandoned", true);
        assertThat(api.getJson(token, "/api/lines").get("items")).isEqualTo(List.of());
    }

    @Test
    void aPurchaseThatWasWrittenButNotSettledKeepsItsSlot() {
        String workspace = newWorkspace();
        String token = member(workspace);
        ObjectId line = new ObjectId(api.buyId(token, profile("Kept")));
        pushIntent(workspace, line, "hold", null);

        assertThat(recoverWhatIsStale()).isEqualTo(new SlotRecovery.Recovery(1, 0, 0));

        assertThat(intents(workspace)).isEmpty();
        assertThat(api.counters(token)).containsEntry("freeLinesUsed", 1).containsEntry("totalLinesCount", 1);
    }

    @Test
    void aDeletionThatDiedBeforeGivingTheSlotBackIsFinished() {
        String workspace = newWorkspace();
        String token = member(workspace);
        ObjectId line = new ObjectId(api.buyId(token, profile("Gone")));
        markDeleted(line, null);
        assertThat(api.counters(token)).containsEntry("totalLinesCount", 1);

        assertThat(recoverWhatIsStale()).isEqualTo(new SlotRecovery.Recovery(0, 0, 1));

        assertThat(api.counters(token)).containsEntry("freeLinesUsed", 0).containsEntry("totalLinesCount", 0);
        assertThat(slotHeld(line)).isFalse();
    }

    @Test
    void aReleaseThatDiedAfterItsCounterChangeIsNotCountedTwice() {
        String workspace = newWorkspace();
        String token = member(workspace);
        ObjectId line = new ObjectId(api.buyId(token, profile("Twice")));
        markDeleted(line, "releaser-that-died");
        mongo.updateFirst(
                        query(where("clerkOrgId").is(workspace)),
                        new Update().inc("freeLinesUsed", -1).inc("totalLinesCount", -1),
                        "organizations")
                .block();
        pushIntent(workspace, line, "release", "releaser-that-died");

        assertThat(recoverWhatIsStale()).isEqualTo(new SlotRecovery.Recovery(1, 0, 0));

        assertThat(intents(workspace)).isEmpty();
        assertThat(slotHeld(line)).isFalse();
        assertThat(api.counters(token)).containsEntry("freeLinesUsed", 0).containsEntry("totalLinesCount", 0);
    }

    @Test
    void aReleaseClaimedByAWriterThatDiedIsTakenOver() {
        String workspace = newWorkspace();
        String token = member(workspace);
        ObjectId line = new ObjectId(api.buyId(token, profile("Claimed")));
        api.buy(token, profile("Paid"));
        markDeleted(line, "releaser-that-died");

        assertThat(recoverWhatIsStale()).isEqualTo(new SlotRecovery.Recovery(0, 1, 0));

        assertThat(slotHeld(line)).isFalse();
        Map<String, Object> counters = api.counters(token);
        assertThat(counters)
                .containsEntry("freeLinesUsed", 0)
                .containsEntry("totalLinesPurchased", 1)
                .containsEntry("totalLinesCount", 1);
        assertThat(intents(workspace)).isEmpty();
    }

    @Test
    void aHoldWhoseRecoveryDiedAfterFencingIsStillUndone() {
        String workspace = newWorkspace();
        String token = member(workspace);
        api.counters(token);
        ObjectId never = new ObjectId();
        ledger.hold(workspace, never, null).block();
        Instant now = Instant.now();
        mongo.insert(
                        new Document("_id", never)
                                .append("workspaceId", workspace)
                                .append("abandoned", true)
                                .append("slotHeld", false)
                                .append("createdAt", now)
                                .append("deletedAt", now),
                        "lines")
                .block();

        assertThat(recoverWhatIsStale()).isEqualTo(new SlotRecovery.Recovery(1, 0, 0));

        assertThat(intents(workspace)).isEmpty();
        assertThat(api.counters(token)).containsEntry("freeLinesUsed", 0).containsEntry("totalLinesCount", 0);
    }

    @Test
    void aReleaserThatWakesUpAfterItsClaimWasTakenOverDoesNotCountAgain() {
        String workspace = newWorkspace();
        String token = member(workspace);
        ObjectId line = new ObjectId(api.buyId(token, profile("Sleepy")));
        markDeleted(line, "releaser-that-slept");
        LineDocument asTheSleeperSawIt =
                mongo.findById(line, LineDocument.class).block();
        assertThat(recoverWhatIsStale()).isEqualTo(new SlotRecovery.Recovery(0, 1, 0));
        assertThat(slotHeld(line)).isFalse();
        assertThat(api.counters(token)).containsEntry("totalLinesCount", 0);

        assertThat(ledger.decrementAndFinish(asTheSleeperSawIt, "releaser-that-slept")
                        .block())
                .isFalse();

        assertThat(api.counters(token)).containsEntry("freeLinesUsed", 0).containsEntry("totalLinesCount", 0);
        assertThat(intents(workspace)).isEmpty();
    }

    /** Moves the clock past the grace period, so what the dead writer left is stale, and recovers once. */
    private SlotRecovery.Recovery recoverWhatIsStale() {
        clock.advance(properties.slots().grace().plusSeconds(1));
        return recovery.recover().block();
    }

    /** What a deletion writes to the line before it releases the slot, optionally with a release claim. */
    private void markDeleted(ObjectId line, String claimedBy) {
        Instant now = Instant.now();
        Update update =
                new Update().set("deletedAt", now).set("isActive", false).set("releaseOwedAt", now);
        if (claimedBy != null) {
            update.set("releaseClaim", new Document("token", claimedBy).append("at", Date.from(now)));
        }
        mongo.updateFirst(query(where("_id").is(line)), update, "lines").block();
    }

    private void pushIntent(String workspace, ObjectId line, String op, String token) {
        Document intent = new Document("lineId", line)
                .append("op", op)
                .append("billingType", "free")
                .append("token", token)
                .append("at", new Date());
        mongo.updateFirst(
                        query(where("clerkOrgId").is(workspace)),
                        new Update().push("slotIntents", intent),
                        "organizations")
                .block();
    }

    private List<?> intents(String workspace) {
        Document org = mongo.findOne(query(where("clerkOrgId").is(workspace)), Document.class, "organizations")
                .block();
        List<?> intents = org.getList("slotIntents", Object.class);
        return intents == null ? List.of() : intents;
    }

    private boolean slotHeld(ObjectId line) {
        return mongo.findById(line, Document.class, "lines").block().getBoolean("slotHeld");
    }
}
