package io.leadsuite.leads.audit;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import io.leadsuite.common.openapi.ApiTags;
import io.leadsuite.common.security.Tenant;
import io.leadsuite.common.web.CursorPage;
import io.leadsuite.common.web.Problems;
import io.leadsuite.leads.model.LeadBatchDocument;
import io.leadsuite.leads.model.LeadDocument;
import io.leadsuite.leads.model.LeadEvents;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.types.ObjectId;
import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * The audit trail of one lead, newest first: who changed what and when. Entries are recorded by the
 * event relays; changes they have not relayed yet are read from the lead itself and from the batch
 * outboxes ({@link LeadBatchDocument}), so a change is in the
 * trail as soon as the write that made it is acknowledged. The trail outlives the lead.
 */
@RestController
@Tag(name = ApiTags.LEADS, description = ApiTags.LEADS_DESCRIPTION)
class LeadAuditController {

    private final ReactiveMongoTemplate mongo;
    private final LeadEvents events;

    LeadAuditController(ReactiveMongoTemplate mongo, LeadEvents events) {
        this.mongo = mongo;
        this.events = events;
    }

    @Operation(
            summary = "Get a lead's audit trail",
            description = "Who changed what and when, newest first, one keyset page at a time; the trail"
                    + " outlives the lead.")
    @ApiResponse(
            responseCode = "200",
            description = "A page of changes",
            content = @Content(examples = @ExampleObject(name = "Job title changed", value = """
                                                    {
                                                      "items": [
                                                        {
                                                          "id": "4b7e0a52-9d3c-4f61-a8e2-31c5d7f90b14",
                                                          "type": "LeadUpdated",
                                                          "at": "2024-12-03T14:05:00Z",
                                                          "actor": "user:user_2pQ8xYz",
                                                          "version": 2,
                                                          "listId": null,
                                                          "previousListId": null,
                                                          "changes": {
                                                            "jobTitle": {"from": "Software Engineer", "to": "Engineering Manager"}
                                                          }
                                                        }
                                                      ],
                                                      "nextCursor": null
                                                    }""")))
    @ApiResponse(responseCode = "400", description = "limit or cursor is invalid")
    @ApiResponse(responseCode = "404", description = "The caller has no lead, live or deleted, with this id")
    @GetMapping("/api/leads/{id}/audit")
    Mono<CursorPage<AuditEntryView>> audit(
            Tenant tenant,
            @PathVariable String id,
            @RequestParam(name = "limit", defaultValue = "50") @Min(1) @Max(500) int limit,
            @RequestParam(name = "cursor", required = false) @Nullable String cursor) {
        if (!ObjectId.isValid(id)) {
            return Mono.error(Problems.notFound("Lead " + id));
        }
        ObjectId leadId = new ObjectId(id);
        Position after = cursor == null || cursor.isBlank() ? null : Position.decode(cursor);
        Criteria recorded = where("leadId").is(leadId).and("userId").is(tenant.userId());
        if (after != null) {
            recorded = new Criteria()
                    .andOperator(
                            recorded,
                            new Criteria()
                                    .orOperator(
                                            where("at").lt(after.at()),
                                            where("at")
                                                    .is(after.at())
                                                    .and("_id")
                                                    .lt(after.id())));
        }
        Mono<List<Entry>> stored = mongo.find(
                        query(recorded)
                                .with(Sort.by(Sort.Direction.DESC, "at", "_id"))
                                .limit(limit + 1),
                        LeadAuditEntry.class)
                .map(entry -> new Entry(entry.id(), entry.at(), entry.event()))
                .collectList();
        Mono<List<Entry>> pending = mongo.findOne(
                        query(where("_id").is(leadId).and("userId").is(tenant.userId())), LeadDocument.class)
                .map(lead -> lead.pendingEventsOrEmpty().stream()
                        .map(event -> new Entry(event.eventId(), event.at(), event.json()))
                        .filter(entry -> after == null || entry.isBefore(after))
                        .toList())
                .defaultIfEmpty(List.of());
        Mono<List<Entry>> pendingInBatches = mongo.find(
                        query(where("pendingEvents.key").is(id).and("userId").is(tenant.userId())),
                        LeadBatchDocument.class)
                .flatMapIterable(LeadBatchDocument::pendingEvents)
                .filter(event -> id.equals(event.key()))
                .map(event -> new Entry(event.eventId(), event.at(), event.json()))
                .filter(entry -> after == null || entry.isBefore(after))
                .collectList();
        return Mono.zip(stored, pending, pendingInBatches).flatMap(all -> {
            Map<String, Entry> merged = new LinkedHashMap<>();
            all.getT2().forEach(entry -> merged.put(entry.id(), entry));
            all.getT3().forEach(entry -> merged.put(entry.id(), entry));
            all.getT1().forEach(entry -> merged.putIfAbsent(entry.id(), entry));
            List<Entry> ordered = merged.values().stream()
                    .sorted(Comparator.comparing(Entry::at)
                            .thenComparing(Entry::id)
                            .reversed())
                    .toList();
            if (ordered.isEmpty() && after == null) {
                return Mono.error(Problems.notFound("Lead " + id));
            }
            List<Entry> items = ordered.subList(0, Math.min(limit, ordered.size()));
            String next = ordered.size() > limit
                    ? new Position(
                                    items.get(limit - 1).at(),
                                    items.get(limit - 1).id())
                            .encode()
                    : null;
            return Mono.just(new CursorPage<>(
                    items.stream()
                            .map(entry -> AuditEntryView.of(events.read(entry.json())))
                            .toList(),
                    next));
        });
    }

    private record Entry(String id, Instant at, String json) {
        boolean isBefore(Position position) {
            return at.isBefore(position.at()) || (at.equals(position.at()) && id.compareTo(position.id()) < 0);
        }
    }

    private record Position(Instant at, String id) {
        String encode() {
            return Base64.getUrlEncoder()
                    .withoutPadding()
                    .encodeToString((at.toEpochMilli() + ":" + id).getBytes(StandardCharsets.UTF_8));
        }

        static Position decode(String cursor) {
            try {
                String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
                int colon = raw.indexOf(':');
                return new Position(
                        Instant.ofEpochMilli(Long.parseLong(raw.substring(0, colon))), raw.substring(colon + 1));
            } catch (RuntimeException ex) {
                throw Problems.invalid("cursor", "is not a cursor returned by this API");
            }
        }
    }
}
