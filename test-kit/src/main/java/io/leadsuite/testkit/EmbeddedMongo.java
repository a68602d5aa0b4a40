package io.leadsuite.testkit;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.h2.mvstore.MVStore;

/**
 * The MongoDB-wire-compatible store (mongo-java-server) that stands in for MongoDB where no mongod
 * can run. In memory, or persisted to one H2 MVStore file, with two query plans it lacks ({@link
 * StoreQueries}). docs/adr/0002 lists the MongoDB features it lacks (transactions, partial and TTL
 * indexes, collation, {@code $text}, change streams).
 */
public final class EmbeddedMongo implements AutoCloseable {

    /** The share of the heap in use after a collection past which the in-memory store refuses writes. */
    private static final double FULL = 0.85;

    /**
     * The persistent store's page cache. H2 keeps pages of documents and index entries Java-serialised;
     * each miss deserialises a page, and with a few unique indexes per collection the default 16 MB
     * missed on most writes of a large import.
     */
    private static final int CACHE_MB = 96;

    private final MongoServer server;
    private final int port;

    private EmbeddedMongo(MongoBackend backend, int port) {
        this.server = new MongoServer(backend);
        this.server.bind("localhost", port);
        this.port = server.getLocalAddress().getPort();
    }

    /**
     * The store in this JVM's heap. Once {@value #FULL} of the heap is in use after a collection, it
     * refuses writes with a message saying so ({@link MemoryGuard}), rather than run out of memory.
     */
    public static EmbeddedMongo inMemory(int port) {
        return new EmbeddedMongo(StoreQueries.memoryBackend(new MemoryGuard(FULL)), port);
    }

    /** Keeps every database in {@code file}, which survives restarts. */
    public static EmbeddedMongo persistent(int port, Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return new EmbeddedMongo(
                StoreQueries.h2Backend(new MVStore.Builder()
                        .fileName(file.toAbsolutePath().toString())
                        .cacheSize(CACHE_MB)
                        .open()),
                port);
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
