package io.leadsuite.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import com.mongodb.reactivestreams.client.MongoCollection;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The embedded store's added plans answer exactly what its own would, on both backends. */
class StoreQueriesIT {

    @TempDir
    static Path dir;

    static Stream<Function<Path, EmbeddedMongo>> stores() {
        return Stream.of(
                ignored -> EmbeddedMongo.inMemory(0),
                directory -> EmbeddedMongo.persistent(0, directory.resolve("queries-" + new ObjectId() + ".mv.db")));
    }

    @ParameterizedTest
    @MethodSource("stores")
    void aQueryByIdWithMoreConditionsMatchesTheWholeQuery(Function<Path, EmbeddedMongo> store) {
        try (EmbeddedMongo mongo = store.apply(dir);
                MongoClient client = MongoClients.create(mongo.connectionString())) {
            MongoCollection<Document> leads = client.getDatabase("kit").getCollection("leads");
            List<Document> stored = insert(leads, 200);
            Document first = stored.get(0);
            ObjectId id = first.getObjectId("_id");

            assertThat(find(leads, Filters.and(Filters.eq("_id", id), Filters.eq("userId", "user_0"))))
                    .containsExactly(id);
            assertThat(find(leads, Filters.and(Filters.eq("_id", id), Filters.eq("userId", "user_1"))))
                    .isEmpty();
            List<ObjectId> some = stored.subList(0, 10).stream()
                    .map(lead -> lead.getObjectId("_id"))
                    .toList();
            assertThat(find(leads, Filters.and(Filters.in("_id", some), Filters.eq("userId", "user_1"))))
                    .containsExactlyInAnyOrderElementsOf(stored.subList(0, 10).stream()
                            .filter(lead -> lead.getString("userId").equals("user_1"))
                            .map(lead -> lead.getObjectId("_id"))
                            .toList());
            Mono.from(leads.updateOne(
                            Filters.and(Filters.eq("_id", id), Filters.eq("version", 2)), Updates.set("seen", true)))
                    .block();
            Mono.from(leads.updateOne(
                            Filters.and(Filters.eq("_id", id), Filters.eq("version", 1)), Updates.set("version", 2)))
                    .block();
            assertThat(Mono.from(leads.find(Filters.eq("_id", id)).first()).block())
                    .containsEntry("version", 2)
                    .doesNotContainKey("seen");
        }
    }

    @ParameterizedTest
    @MethodSource("stores")
    void aSortedLimitedQueryAnswersThePageItsOwnPlanWould(Function<Path, EmbeddedMongo> store) {
        try (EmbeddedMongo mongo = store.apply(dir);
                MongoClient client = MongoClients.create(mongo.connectionString())) {
            MongoCollection<Document> leads = client.getDatabase("kit").getCollection("leads");
            List<Document> stored = insert(leads, 500);
            List<ObjectId> expected = stored.stream()
                    .filter(lead -> lead.getString("userId").equals("user_1"))
                    .sorted(Comparator.comparing((Document lead) -> lead.getInteger("score"))
                            .reversed()
                            .thenComparing(lead -> lead.getObjectId("_id")))
                    .map(lead -> lead.getObjectId("_id"))
                    .toList();

            List<ObjectId> page = Flux.from(leads.find(Filters.eq("userId", "user_1"))
                            .sort(Sorts.orderBy(Sorts.descending("score"), Sorts.ascending("_id")))
                            .skip(20)
                            .limit(30))
                    .map(lead -> lead.getObjectId("_id"))
                    .collectList()
                    .block();

            assertThat(page).containsExactlyElementsOf(expected.subList(20, 50));
        }
    }

    @ParameterizedTest
    @MethodSource("stores")
    void aQueryOnAnOutboxFieldFindsExactlyTheDocumentsThatHaveItThroughEveryChange(
            Function<Path, EmbeddedMongo> store) {
        try (EmbeddedMongo mongo = store.apply(dir);
                MongoClient client = MongoClients.create(mongo.connectionString())) {
            MongoCollection<Document> leads = client.getDatabase("kit").getCollection("leads");
            List<Document> stored = insert(leads, 300);
            List<ObjectId> ids =
                    stored.stream().map(lead -> lead.getObjectId("_id")).toList();
            // Pending events on every 10th lead, claimed by a round on every 20th.
            for (int i = 0; i < ids.size(); i += 10) {
                Mono.from(leads.updateOne(Filters.eq("_id", ids.get(i)), Updates.set("outboxAt", i)))
                        .block();
            }
            for (int i = 0; i < ids.size(); i += 20) {
                Mono.from(leads.updateOne(Filters.eq("_id", ids.get(i)), Updates.set("relayRound", "r1")))
                        .block();
            }
            // Published: the first pending lead's events go; a deleted lead goes with its events.
            Mono.from(leads.updateOne(
                            Filters.eq("_id", ids.get(0)),
                            Updates.combine(Updates.unset("outboxAt"), Updates.unset("relayRound"))))
                    .block();
            Mono.from(leads.deleteOne(Filters.eq("_id", ids.get(10)))).block();
            Document born = new Document("_id", new ObjectId())
                    .append("userId", "user_0")
                    .append("outboxAt", 5);
            Mono.from(leads.insertOne(born)).block();

            List<ObjectId> due = Flux.from(leads.find(Filters.and(
                                    Filters.lte("outboxAt", 100),
                                    Filters.or(
                                            Filters.exists("relayLockedUntil", false),
                                            Filters.lt("relayLockedUntil", 0))))
                            .sort(Sorts.ascending("outboxAt"))
                            .limit(4))
                    .map(lead -> lead.getObjectId("_id"))
                    .collectList()
                    .block();
            assertThat(due).containsExactly(born.getObjectId("_id"), ids.get(20), ids.get(30), ids.get(40));
            // 30 pending, one published, one deleted, one born pending: 29 of the 300 documents.
            assertThat(find(leads, Filters.exists("outboxAt"))).hasSize(29);
            assertThat(find(leads, Filters.eq("relayRound", "r1")))
                    .containsExactlyInAnyOrderElementsOf(List.of(
                            ids.get(20),
                            ids.get(40),
                            ids.get(60),
                            ids.get(80),
                            ids.get(100),
                            ids.get(120),
                            ids.get(140),
                            ids.get(160),
                            ids.get(180),
                            ids.get(200),
                            ids.get(220),
                            ids.get(240),
                            ids.get(260),
                            ids.get(280)));
            assertThat(find(leads, Filters.exists("outboxAt", false))).hasSize(300 - 29);
        }
    }

    @Test
    void aReopenedFileFindsTheDocumentsWithAnOutboxFieldItHeld() {
        Path file = dir.resolve("reopened-" + new ObjectId() + ".mv.db");
        ObjectId pending = new ObjectId();
        try (EmbeddedMongo mongo = EmbeddedMongo.persistent(0, file);
                MongoClient client = MongoClients.create(mongo.connectionString())) {
            MongoCollection<Document> leads = client.getDatabase("kit").getCollection("leads");
            insert(leads, 50);
            Mono.from(leads.insertOne(new Document("_id", pending).append("outboxAt", 1)))
                    .block();
        }
        try (EmbeddedMongo mongo = EmbeddedMongo.persistent(0, file);
                MongoClient client = MongoClients.create(mongo.connectionString())) {
            MongoCollection<Document> leads = client.getDatabase("kit").getCollection("leads");

            assertThat(find(leads, Filters.lte("outboxAt", 10))).containsExactly(pending);
        }
    }

    private static List<Document> insert(MongoCollection<Document> leads, int count) {
        List<Document> documents = new ArrayList<>();
        for (int lead = 0; lead < count; lead++) {
            documents.add(new Document("_id", new ObjectId())
                    .append("userId", "user_" + (lead % 3))
                    .append("score", (lead * 37) % 101)
                    .append("version", 1));
        }
        Mono.from(leads.insertMany(documents)).block();
        return documents;
    }

    private static List<ObjectId> find(MongoCollection<Document> leads, org.bson.conversions.Bson filter) {
        return Flux.from(leads.find(filter))
                .map(lead -> lead.getObjectId("_id"))
                .collectList()
                .block();
    }
}
