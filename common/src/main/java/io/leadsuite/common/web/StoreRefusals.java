package io.leadsuite.common.web;

import com.mongodb.MongoCommandException;
import com.mongodb.MongoServerException;
import com.mongodb.MongoWriteException;
import org.jspecify.annotations.Nullable;

/**
 * Reads the store's refusals out of an error, apart from {@link ProblemDetailsExceptionHandler} so that
 * a service without the MongoDB driver (the gateway) never loads it.
 */
final class StoreRefusals {

    /** The store's code for a write refused for lack of memory (ExceededMemoryLimit). */
    static final int NO_ROOM = 146;

    private StoreRefusals() {}

    /**
     * The store's reason when {@code error} is, or was caused by, a write it refused for lack of room, in
     * its own words without the driver's framing (which names the server's address); otherwise null.
     */
    static @Nullable String noRoom(Throwable error) {
        for (Throwable current = error; current != null; current = current.getCause()) {
            if (current instanceof MongoServerException store && store.getCode() == NO_ROOM) {
                return reason(store);
            }
            if (current.getCause() == current) {
                break;
            }
        }
        return null;
    }

    private static String reason(MongoServerException store) {
        if (store instanceof MongoCommandException command) {
            return command.getErrorMessage();
        }
        if (store instanceof MongoWriteException write) {
            return write.getError().getMessage();
        }
        return "it refuses new documents.";
    }
}
