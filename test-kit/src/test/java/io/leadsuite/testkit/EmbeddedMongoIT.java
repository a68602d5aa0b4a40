package io.leadsuite.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.reactivestreams.client.MongoClients;
import java.nio.file.Path;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

class EmbeddedMongoIT {

    @Test
    void persistentStoreKeepsDocumentsAcrossRestarts(@TempDir Path dir) {
        Path file = dir.resolve("mongo.mv.db");
        try (EmbeddedMongo mongo = EmbeddedMongo.persistent(0, file);
                var client = MongoClients.create(mongo.connectionString())) {
            Mono.from(client.getDatabase("kit").getCollection("things").insertOne(new Document("name", "kept")))
                    .block();
        }

        try (EmbeddedMongo mongo = EmbeddedMongo.persistent(0, file);
                var client = MongoClients.create(mongo.connectionString())) {
            assertThat(Flux.from(client.getDatabase("kit")
                                    .getCollection("things")
                                    .find())
                            .map(document -> document.getString("name"))
                            .collectList()
                            .block())
                    .containsExactly("kept");
        }
    }

    @Test
    void inMemoryStoreForgetsEverythingWhenRestartedOnTheSamePort() {
        int port;
        try (EmbeddedMongo mongo = EmbeddedMongo.inMemory(0);
                var client = MongoClients.create(mongo.connectionString())) {
            port = mongo.port();
            Mono.from(client.getDatabase("kit").getCollection("things").insertOne(new Document("name", "lost")))
                    .block();
            assertThat(Flux.from(client.listDatabaseNames()).collectList().block())
                    .contains("kit");
        }

        try (EmbeddedMongo mongo = EmbeddedMongo.inMemory(port);
                var client = MongoClients.create(mongo.connectionString())) {
            assertThat(mongo.port()).isEqualTo(port);
            assertThat(Flux.from(client.listDatabaseNames()).collectList().block())
                    .isEmpty();
            assertThat(Flux.from(client.getDatabase("kit")
                                    .getCollection("things")
                                    .find())
                            .collectList()
                            .block())
                    .isEmpty();
        }
    }
}
