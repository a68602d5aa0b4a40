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
