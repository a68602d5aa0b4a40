package io.leadsuite.testkit;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The MongoDB-wire-compatible store (mongo-java-server) that stands in for MongoDB where no mongod
 * can run. In memory, or persisted to one H2 MVStore file. docs/adr/0002 lists the MongoDB features it
 * lacks (transactions, partial and TTL indexes, collation, {@code $text}, change streams).
 */
public final class EmbeddedMongo implements AutoCloseable {

    private final MongoServer server;
    private final int port;

    private EmbeddedMongo(MongoBackend backend, int port) {
        this.server = new MongoServer(backend);
        this.server.bind("localhost", port);
        this.port = server.getLocalAddress().getPort();
    }

    public static EmbeddedMongo inMemory(int port) {
        return new EmbeddedMongo(new MemoryBackend(), port);
    }

    /** Keeps every database in {@code file}, which survives restarts. */
    public static EmbeddedMongo persistent(int port, Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return new EmbeddedMongo(new H2Backend(file.toAbsolutePath().toString()), port);
    }

    /** A connection string without a database; each service names its own. */
    public String connectionString() {
        return "mongodb://localhost:" + port;
    }

    public int port() {
        return port;
    }

    @Override
    public void close() {
        server.shutdownNow();
    }
}
