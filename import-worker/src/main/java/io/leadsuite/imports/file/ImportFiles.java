package io.leadsuite.imports.file;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import com.mongodb.client.gridfs.model.GridFSUploadOptions;
import com.mongodb.reactivestreams.client.gridfs.GridFSBucket;
import com.mongodb.reactivestreams.client.gridfs.GridFSBuckets;
import io.leadsuite.common.web.Problems;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;
import org.bson.BsonObjectId;
import org.bson.Document;
import org.bson.types.Binary;
import org.bson.types.ObjectId;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.data.mongodb.ReactiveMongoDatabaseFactory;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The uploaded files, in the GridFS bucket {@value #BUCKET} ({@code import_files.files} and
 * {@code import_files.chunks}). A file is streamed in as it arrives and out as it is read, in chunks,
 * so neither direction holds it whole. An upload that fails or grows past the limit leaves nothing.
 */
@Component
public class ImportFiles {

    static final String BUCKET = "import_files";

    /** How much of the start of a file an upload keeps at hand, to detect its format and read its header. */
    public static final int HEAD_SIZE = 64 * 1024;

    private static final int CHUNK_SIZE = 255 * 1024;

    private final ReactiveMongoDatabaseFactory databases;
    private final ReactiveMongoTemplate mongo;

    ImportFiles(ReactiveMongoDatabaseFactory databases, ReactiveMongoTemplate mongo) {
        this.databases = databases;
        this.mongo = mongo;
    }

    /**
     * @param id the file in GridFS
     * @param size its length in bytes
     * @param head its first {@link #HEAD_SIZE} bytes (all of it when shorter)
     */
    public record StoredFile(ObjectId id, long size, byte[] head) {}

    /**
     * Stores {@code content} as {@code fileName}; 413 once it passes {@code maxSize} bytes, in which case
     * whatever was written of it is deleted.
     */
    public Mono<StoredFile> store(Flux<DataBuffer> content, String fileName, long maxSize, String userId) {
        ObjectId id = new ObjectId();
        AtomicLong size = new AtomicLong();
        HeadBuffer head = new HeadBuffer(HEAD_SIZE);
        Flux<ByteBuffer> bytes = content.concatMap(buffer -> {
            try {
                long total = size.addAndGet(buffer.readableByteCount());
                if (total > maxSize) {
                    return Mono.error(tooLarge(maxSize));
                }
                byte[] copy = new byte[buffer.readableByteCount()];
                buffer.read(copy);
                head.offer(copy);
                return Mono.just(ByteBuffer.wrap(copy));
            } finally {
                DataBufferUtils.release(buffer);
            }
        });
        GridFSUploadOptions options =
                new GridFSUploadOptions().chunkSizeBytes(CHUNK_SIZE).metadata(new Document("userId", userId));
        return bucket().flatMap(
                        bucket -> Mono.from(bucket.uploadFromPublisher(new BsonObjectId(id), fileName, bytes, options)))
                .then(Mono.fromSupplier(() -> new StoredFile(id, size.get(), head.bytes())))
                .onErrorResume(error -> delete(id).then(Mono.error(error)));
    }

    /** The file as a stream that reads it chunk by chunk from the store; the caller closes it. */
    public InputStream open(ObjectId id) {
        return DataBufferUtils.subscriberInputStream(chunks(id), 4);
    }

    /**
     * The file's chunks in order, each read on its own by {@code {files_id, n}}, which GridFS's unique
     * index answers, and only when the reader wants it. (A GridFS download is one query for every chunk
     * of the file; the embedded store materialises such a query's whole result, which for a 512 MB file
     * would be 512 MB in the store's memory.)
     */
    private Flux<DataBuffer> chunks(ObjectId id) {
        return mongo.findById(id, Document.class, BUCKET + ".files")
                .switchIfEmpty(Mono.error(() -> new IllegalStateException("No file " + id)))
                .flatMapMany(file -> {
                    long length = file.get("length", Number.class).longValue();
                    int chunkSize = file.get("chunkSize", Number.class).intValue();
                    int count = (int) ((length + chunkSize - 1) / chunkSize);
                    return Flux.range(0, count).concatMap(n -> chunk(id, n), 1);
                });
    }

    private Mono<DataBuffer> chunk(ObjectId id, int n) {
        return mongo.findOne(query(where("files_id").is(id).and("n").is(n)), Document.class, BUCKET + ".chunks")
                .switchIfEmpty(
                        Mono.error(() -> new IllegalStateException("Chunk " + n + " of file " + id + " is missing")))
                .map(chunk -> DefaultDataBufferFactory.sharedInstance.wrap(
                        chunk.get("data", Binary.class).getData()));
    }

    /** The file's first {@code length} bytes (fewer when it is shorter). */
    public Mono<byte[]> head(ObjectId id, int length) {
        return chunks(id)
                .as(chunks -> DataBufferUtils.takeUntilByteCount(chunks, length))
                .as(DataBufferUtils::join)
                .map(joined -> {
                    byte[] bytes = new byte[joined.readableByteCount()];
                    joined.read(bytes);
                    DataBufferUtils.release(joined);
                    return bytes;
                })
                .defaultIfEmpty(new byte[0]);
    }

    /** Deletes the file and any chunk of it, also of an upload that never completed. */
    public Mono<Void> delete(ObjectId id) {
        return mongo.remove(query(where("files_id").is(id)), BUCKET + ".chunks")
                .then(mongo.remove(query(where("_id").is(id)), BUCKET + ".files"))
                .then();
    }

    private Mono<GridFSBucket> bucket() {
        return databases.getMongoDatabase().map(database -> GridFSBuckets.create(database, BUCKET));
    }

    public static RuntimeException tooLarge(long maxSize) {
        return Problems.of(
                HttpStatus.CONTENT_TOO_LARGE,
                "The file is larger than the limit of " + (maxSize / (1024 * 1024)) + " MB (file).");
    }

    /** Keeps the first bytes that pass through it. */
    private static final class HeadBuffer {

        private final byte[] bytes;
        private int length;

        HeadBuffer(int capacity) {
            this.bytes = new byte[capacity];
        }

        synchronized void offer(byte[] chunk) {
            int take = Math.min(chunk.length, bytes.length - length);
            System.arraycopy(chunk, 0, bytes, length, take);
            length += take;
        }

        synchronized byte[] bytes() {
            return Arrays.copyOf(bytes, length);
        }
    }
}
