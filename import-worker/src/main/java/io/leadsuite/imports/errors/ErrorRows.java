package io.leadsuite.imports.errors;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.util.List;
import org.bson.types.ObjectId;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The refused rows of every job: recorded batch by batch, read back in file order for the error file. */
@Component
public class ErrorRows {

    private final ReactiveMongoTemplate mongo;

    ErrorRows(ReactiveMongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** Records {@code rows}; a row recorded before (a resumed batch) is written over with the same content. */
    public Mono<Void> record(List<ErrorRow> rows) {
        if (rows.isEmpty()) {
            return Mono.empty();
        }
        var bulk = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, ErrorRow.class);
        rows.forEach(row -> bulk.upsert(
                query(where("_id").is(row.id())),
                new Update()
                        .set("jobId", row.jobId())
                        .set("row", row.row())
                        .set("cells", row.cells())
                        .set("field", row.field())
                        .set("message", row.message())));
        return bulk.execute().then();
    }

    /** The job's refused rows, in file order, streamed. */
    public Flux<ErrorRow> of(ObjectId jobId) {
        return mongo.find(query(where("jobId").is(jobId)).with(Sort.by("row")), ErrorRow.class);
    }

    public Mono<Void> deleteAll(ObjectId jobId) {
        return mongo.remove(query(where("jobId").is(jobId)), ErrorRow.class).then();
    }
}
