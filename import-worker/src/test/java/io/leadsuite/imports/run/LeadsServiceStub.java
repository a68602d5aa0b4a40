package io.leadsuite.imports.run;

import io.leadsuite.common.security.InternalApi;
import io.leadsuite.testkit.SharedInfrastructure;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.bson.types.ObjectId;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * leads-service's batch endpoint as the worker sees it, over real HTTP: a lead whose email has no
 * {@code @} is invalid, a ref seen before answers stored with the same lead, an email or HubSpot id seen
 * before is a conflict (or, with {@code duplicatePolicy: update}, merged into that lead: {@code
 * updated}), and a batch past a user's room in the store answers 507 as a full store does. It keeps
 * each lead as last written, with the batch's source. It remembers
 * every ref it was sent, as soon as it receives it, and answers after {@link #delay}.
 */
final class LeadsServiceStub {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final DisposableServer server;
    final Map<String, String> leadByRef = new ConcurrentHashMap<>();
    final Map<String, String> leadByEmail = new ConcurrentHashMap<>();
    final Map<String, String> leadByHubSpotId = new ConcurrentHashMap<>();
    /** Each lead as last written, with the {@code source} of the batch that wrote it. */
    final Map<String, JsonNode> leadsById = new ConcurrentHashMap<>();

    final Set<String> refsSent = ConcurrentHashMap.newKeySet();
    /** How long each batch takes to answer, as a loaded leads-service would. */
    volatile Duration delay = Duration.ZERO;
    /** Users whose leads the store has room for only so many more: a batch past it answers 507. */
    final Map<String, Integer> roomByUser = new ConcurrentHashMap<>();

    static final String STORE_FULL = "{\"type\":\"about:blank\",\"title\":\"Insufficient Storage\",\"status\":507,"
            + "\"detail\":\"The data store has no room for this write: The in-memory store is full.\"}";

    LeadsServiceStub() {
        server = HttpServer.create()
                .host("localhost")
                .port(0)
                .route(routes -> routes.post("/internal/leads/batches", (request, response) -> {
                    if (!SharedInfrastructure.INTERNAL_TOKEN.equals(
                            request.requestHeaders().get(InternalApi.TOKEN_HEADER))) {
                        return response.status(401).send();
                    }
                    return request.receive()
                            .aggregate()
                            .asString()
                            .flatMap(body -> {
                                JsonNode batch = JSON.readTree(body);
                                batch.get("leads").forEach(lead -> {
                                    if (lead.has("ref")) {
                                        refsSent.add(lead.get("ref").asString());
                                    }
                                });
                                return Mono.delay(delay).thenReturn(batch);
                            })
                            .flatMap(batch -> {
                                Integer room =
                                        roomByUser.get(batch.get("userId").asString());
                                if (room != null && room < batch.get("leads").size()) {
                                    return response.status(507)
                                            .header("Content-Type", "application/problem+json")
                                            .sendString(Mono.just(STORE_FULL))
                                            .then();
                                }
                                return response.header("Content-Type", "application/json")
                                        .sendString(Mono.just(answer(batch)))
                                        .then();
                            });
                }))
                .bindNow();
    }

    String url() {
        return "http://localhost:" + server.port();
    }

    private synchronized String answer(JsonNode batch) {
        String user = batch.get("userId").asString();
        boolean update = "update".equals(batch.path("duplicatePolicy").asString(""));
        List<Map<String, Object>> items = new ArrayList<>();
        int index = 0;
        for (JsonNode lead : batch.get("leads")) {
            String ref = user + "|" + lead.path("ref").asString("");
            String email = lead.path("email").asString("");
            String hubspotId =
                    lead.path("integrationIds").path("hubspotRecordId").asString("");
            String duplicate = hubspotId.isEmpty() ? null : leadByHubSpotId.get(user + "|" + hubspotId);
            if (duplicate == null) {
                duplicate = leadByEmail.get(user + "|" + email);
            }
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("index", index++);
            item.put("ref", lead.path("ref").asString(null));
            if (!email.contains("@")) {
                item.put("status", "invalid");
                item.put("violations", List.of(Map.of("field", "email", "message", "must be a valid email address")));
            } else if (lead.has("ref") && leadByRef.containsKey(ref)) {
                item.put("status", "stored");
                item.put("leadId", leadByRef.get(ref));
            } else if (duplicate != null && update) {
                item.put("status", "updated");
                item.put("leadId", duplicate);
                if (!hubspotId.isEmpty()) {
                    leadByHubSpotId.put(user + "|" + hubspotId, duplicate);
                }
                keep(duplicate, lead, batch);
            } else if (duplicate != null) {
                item.put("status", "conflict");
                item.put("conflictField", "email");
                item.put("existingLeadId", duplicate);
            } else {
                String id = new ObjectId().toHexString();
                leadByRef.put(ref, id);
                leadByEmail.put(user + "|" + email, id);
                if (!hubspotId.isEmpty()) {
                    leadByHubSpotId.put(user + "|" + hubspotId, id);
                }
                keep(id, lead, batch);
                roomByUser.computeIfPresent(batch.get("userId").asString(), (owner, room) -> room - 1);
                item.put("status", "stored");
                item.put("leadId", id);
            }
            items.add(item);
        }
        return JSON.writeValueAsString(Map.of("items", items));
    }

    private void keep(String id, JsonNode lead, JsonNode batch) {
        ObjectNode kept = ((ObjectNode) lead).deepCopy();
        kept.put("source", batch.get("source").asString());
        leadsById.put(id, kept);
    }
}
