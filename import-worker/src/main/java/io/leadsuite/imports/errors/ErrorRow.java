package io.leadsuite.imports.errors;

import java.util.List;
import org.bson.types.ObjectId;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A refused row in the {@code import_errors} collection, as it was in the file, with why it was refused.
 * One document per row, whose id ({@code <jobId>:<row>}) makes recording it again (a resumed job)
 * change nothing.
 *
 * @param cells the row's cells as read
 * @param field the lead fields at fault, {@code ; }-separated, or {@code row}
 * @param message what is wrong, one sentence per field, {@code ; }-separated
 */
@Document(ErrorRow.COLLECTION)
public record ErrorRow(@Id String id, ObjectId jobId, long row, List<String> cells, String field, String message) {

    public static final String COLLECTION = "import_errors";

    public static ErrorRow of(ObjectId jobId, long row, List<String> cells, String field, String message) {
        return new ErrorRow(jobId.toHexString() + ":" + row, jobId, row, cells, field, message);
    }
}
