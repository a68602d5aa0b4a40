package io.leadsuite.imports.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import io.leadsuite.common.events.EventEnvelope;
import io.leadsuite.common.events.IntegrationChange;
import io.leadsuite.common.events.LeadChange;
import io.leadsuite.common.events.Topics;
import io.leadsuite.common.security.Tenant;
import io.leadsuite.imports.crm.AccessTokens;
import io.leadsuite.imports.crm.CallBudget;
import io.leadsuite.imports.hubspot.ContactMapping;
import io.leadsuite.imports.hubspot.HubSpotClient;
import io.leadsuite.imports.hubspot.HubSpotProperties;
import io.leadsuite.imports.job.Counts;
import io.leadsuite.imports.job.DuplicatePolicy;
import io.leadsuite.imports.job.ImportJob;
import io.leadsuite.imports.job.ImportJobs;
import io.leadsuite.imports.job.JobStatus;
import io.leadsuite.imports.job.SyncPosition;
import io.leadsuite.imports.push.LeadPush;
import io.leadsuite.testkit.EventSender;
import io.leadsuite.testkit.SharedInfrastructure;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * HubSpot imports against the simulator (its real limits, 10,000-result search cap and expiring
 * tokens), the real store and broker, and stand-ins of leads-service's batch endpoint and
 * integrations-service's token endpoint over HTTP. Each sync is requested as integrations-service
 * requests it, on {@code integrations.sync-requests.v1}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class HubSpotImportIT extends StubbedLeadsServiceIT {

    static final int CONTACTS = HUBSPOT_CONTACTS;
    static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    ReactiveMongoTemplate mongo;

    @Autowired
    ImportJobs jobs;

    @Test
    @ExtendWith(OutputCaptureExtension.class)
    void importsEveryContactOnceThenOnlyTheChangedOnesWithinTheLimitsAndPastTheSearchCap(CapturedOutput output) {
        String user = "user_" + UUID.randomUUID();
        String token = SharedInfrastructure.jwtIssuer().mint(user);
        // Access tokens that expire every 12 s, refreshed by integrations-service 5 s ahead: several
        // expire during the full import.
        hubspot.accessTokenLifetime(Duration.ofSeconds(12));
        integrations.refreshAhead = Duration.ofSeconds(5);
        ObjectId integration = integrations.connect();
        int refreshesBefore = integrations.refreshes.get();
        long listsBefore = hubspot.calls("list");
        long limitedBefore = hubspot.calls("rate-limited");
        long unauthorizedBefore = hubspot.calls("unauthorized");
        long refreshCallsBefore = hubspot.calls("token:refresh_token");

        String full = requestSync(user, integration);
        Map<String, Object> first;
        try {
            first = api.awaitEnded(token, full, Duration.ofMinutes(3));
        } finally {
            hubspot.accessTokenLifetime(Duration.ofMinutes(30));
            integrations.refreshAhead = Duration.ofMinutes(5);
        }
        assertThat(integrations.refreshes.get() - refreshesBefore).isGreaterThanOrEqualTo(2);
        assertThat(hubspot.calls("token:refresh_token") - refreshCallsBefore)
                .as("one refresh per expiry")
                .isEqualTo(integrations.refreshes.get() - refreshesBefore);
        assertThat(first)
                .containsEntry("status", "completed")
                .containsEntry("type", "hubspot")
                .containsEntry("integrationConfigId", integration.toHexString())
                .containsEntry("totalRecords", CONTACTS)
                .containsEntry("created", CONTACTS)
                .containsEntry("failedRecords", 0)
                .containsEntry("changedSince", null);
        Map<String, JsonNode> imported = leadsOf(user);
        assertThat(imported).hasSize(CONTACTS);
        assertThat(imported.values()).allSatisfy(lead -> {
            assertThat(lead.path("source").asString()).isEqualTo("hubspot");
            assertThat(lead.path("integrationIds").path("hubspotRecordId").asString())
                    .isNotEmpty();
        });
        assertThat(imported.values().stream()
                        .map(lead -> lead.path("integrationIds")
                                .path("hubspotRecordId")
                                .asString())
                        .collect(Collectors.toSet()))
                .hasSize(CONTACTS);
        assertThat(hubspot.calls("list") - listsBefore).isEqualTo(CONTACTS / 100);
        assertThat(hubspot.calls("rate-limited") - limitedBefore).isZero();

        long searchesBefore = hubspot.calls("search");
        Set<String> touched = Set.copyOf(hubspot.contacts().touch(300));
        String changed = requestSync(user, integration);
        Map<String, Object> second = api.awaitEnded(token, changed, Duration.ofMinutes(1));
        assertThat(second)
                .containsEntry("status", "completed")
                .containsEntry("processedRecords", 300)
                .containsEntry("updated", 300)
                .containsEntry("created", 0);
        assertThat(second.get("changedSince")).isNotNull();
        assertThat(hubspot.calls("search") - searchesBefore).isEqualTo(2);
        assertThat(leadsOf(user).values())
                .filteredOn(lead -> touched.contains(
                        lead.path("integrationIds").path("hubspotRecordId").asString()))
                .hasSize(300)
                .allSatisfy(lead -> assertThat(lead.path("jobTitle").asString()).startsWith("Edited in HubSpot"));

        hubspot.contacts().touch(10_300);
        String many = requestSync(user, integration);
        Map<String, Object> third = api.awaitEnded(token, many, Duration.ofMinutes(2));
        assertThat(third)
                .containsEntry("status", "completed")
                .containsEntry("processedRecords", 10_300)
                .containsEntry("updated", 10_300)
                .containsEntry("failedRecords", 0);
        assertThat(leadsOf(user)).hasSize(CONTACTS);

        assertThat(hubspot.calls("rate-limited") - limitedBefore).isZero();
        assertThat(hubspot.maxCallsIn(Duration.ofSeconds(10))).isLessThanOrEqualTo(110);
        assertThat(hubspot.calls("unauthorized") - unauthorizedBefore).isZero();

        String stored = mongo.findAll(org.bson.Document.class, "import_jobs")
                .map(org.bson.Document::toJson)
                .collectList()
                .block()
                .toString();
        assertThat(hubspot.issuedTokens()).isNotEmpty().allSatisfy(secret -> {
            assertThat(output.getAll()).doesNotContain(secret);
            assertThat(stored).doesNotContain(secret);
        });
    }

    @Test
    void pushesLocalEditsInFewBatchCallsStoresTheirIdsAndEchoesNothingBack() {
        String user = "user_" + UUID.randomUUID();
        String run = UUID.randomUUID().toString().substring(0, 8);
        ObjectId integration = integrations.connect();
        ObjectId hubspotJob = jobs.createSync(new ImportJobs.NewSync(
                        new ObjectId(),
                        new Tenant(user, null, null),
                        "hubspot",
                        new ObjectId(),
                        String.valueOf(hubspot.hubId()),
                        List.of("email"),
                        Map.of("email", "email"),
                        false,
                        Duration.ZERO))
                .block(Duration.ofSeconds(10))
                .id();
        try (EventSender sender = EventSender.to(SharedInfrastructure.kafkaBootstrapServers())) {
            sender.send(
                    Topics.INTEGRATION_CHANGES,
                    integration.toHexString(),
                    JSON.writeValueAsString(EventEnvelope.of(
                            IntegrationChange.CONNECTED,
                            "integrations-service",
                            Instant.now(),
                            new EventEnvelope.Tenant(user, null),
                            new IntegrationChange(
                                    integration.toHexString(), "hubspot", String.valueOf(hubspot.hubId()), null))));
        }
        await().atMost(Duration.ofSeconds(30))
                .until(() -> Boolean.TRUE.equals(mongo.exists(
                                query(where("_id")
                                        .is(user + ":hubspot")
                                        .and("active")
                                        .is(true)),
                                "crm_connections")
                        .block()));

        long upsertsBefore = hubspot.calls("batch-upsert");
        try (EventSender sender = EventSender.to(SharedInfrastructure.kafkaBootstrapServers())) {
            // 1,000 edits: 999 valid ones and one HubSpot refuses (an invalid email).
            for (int i = 0; i < 999; i++) {
                String email = "pushed." + i + "." + run + "@example.com";
                sender.sendAsync(
                        Topics.LEAD_CHANGES,
                        leadId(run, i),
                        updated(user, leadId(run, i), email, "user:" + user, "Edited locally " + i));
            }
            for (int i = 0; i < 50; i++) {
                String email = "echo." + i + "." + run + "@example.com";
                sender.sendAsync(
                        Topics.LEAD_CHANGES,
                        leadId(run, 5_000 + i),
                        updated(
                                user,
                                leadId(run, 5_000 + i),
                                email,
                                "import:" + hubspotJob.toHexString(),
                                "From HubSpot"));
                sender.sendAsync(
                        Topics.LEAD_CHANGES,
                        leadId(run, 6_000 + i),
                        updated(user, leadId(run, 6_000 + i), email, LeadPush.ACTOR, "Our own write"));
            }
            sender.sendAsync(
                    Topics.LEAD_CHANGES,
                    leadId(run, 9_999),
                    updated(user, leadId(run, 9_999), "not-an-email-" + run, "user:" + user, "Refused"));
            sender.flush();
        }

        // Every pushed contact's id came back and was stored on its lead.
        await().atMost(Duration.ofSeconds(60))
                .until(() -> leads.leadByHubSpotId.keySet().stream()
                                .filter(key -> key.startsWith(user + "|"))
                                .count()
                        == 999);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> Boolean.TRUE.equals(mongo.exists(
                                query(where("_id").is(leadId(run, 9_999) + ":hubspot")), "push_errors")
                        .block()));
        for (int i = 0; i < 999; i += 111) {
            assertThat(hubspot.contacts().findByEmail("pushed." + i + "." + run + "@example.com"))
                    .hasValueSatisfying(
                            contact -> assertThat(contact.toString()).contains("Edited locally"));
        }
        assertThat(hubspot.calls("batch-upsert") - upsertsBefore).isLessThanOrEqualTo(10L);
        assertThat(hubspot.contacts().findByEmail("echo.0." + run + "@example.com"))
                .isEmpty();
    }

    @Test
    void aConnectionWhoseRefreshHubSpotRefusesEndsTheSyncAsReconnectRequired() {
        String user = "user_" + UUID.randomUUID();
        String token = SharedInfrastructure.jwtIssuer().mint(user);
        ObjectId integration = integrations.connect();
        hubspot.refuseRefreshTokens(true);
        integrations.refreshAhead = Duration.ofDays(1);
        try {
            Map<String, Object> job = api.awaitEnded(token, requestSync(user, integration), Duration.ofMinutes(1));
            assertThat(job)
                    .containsEntry("status", "failed")
                    .containsEntry("failureReason", "reconnect-required")
                    .containsEntry("processedRecords", 0);
        } finally {
            hubspot.refuseRefreshTokens(false);
            integrations.refreshAhead = Duration.ofMinutes(5);
        }
    }

    /**
     * Two workers' HubSpot clients, each with its own connection to the store, token cache and circuit
     * breaker as two instances have, and four callers each listing contacts of the same account as fast
     * as they may: together they stay within HubSpot's 110 calls in any 10 s, and none is refused.
     */
    @Test
    void workersOfOneAccountShareItsBudget() {
        ObjectId integration = integrations.connect();
        long limitedBefore = hubspot.calls("rate-limited");
        List<AtomicInteger> calls = List.of(new AtomicInteger(), new AtomicInteger());
        try (MongoClient first = MongoClients.create(SharedInfrastructure.mongoConnectionString());
                MongoClient second = MongoClients.create(SharedInfrastructure.mongoConnectionString())) {
            List<HubSpotClient> workers = List.of(worker(first), worker(second));
            Instant until = Instant.now().plusSeconds(13);
            Flux.range(0, 4)
                    .flatMap(caller -> Mono.defer(
                                    () -> workers.get(caller % 2).list(integration, null, List.of("email")))
                            .doOnNext(page -> calls.get(caller % 2).incrementAndGet())
                            .repeat(() -> Instant.now().isBefore(until)))
                    .blockLast(Duration.ofMinutes(1));
        }
        assertThat(calls).allSatisfy(count -> assertThat(count.get()).isGreaterThan(20));
        assertThat(calls.get(0).get() + calls.get(1).get()).isGreaterThan(100);
        assertThat(hubspot.calls("rate-limited") - limitedBefore).isZero();
        assertThat(hubspot.maxCallsIn(Duration.ofSeconds(10))).isLessThanOrEqualTo(110);
    }

    /**
     * What a worker that takes a job over reads: from a checkpoint in the middle of a list page (full
     * import) or of a search (changes only), exactly the contacts a run without the interruption read
     * next, with the same row numbers.
     */
    @Test
    void aJobTakenOverReadsOnFromItsCheckpointWithoutAGapOrARepeat() {
        String user = "user_" + UUID.randomUUID();
        ObjectId integration = integrations.connect();
        try (MongoClient client = MongoClients.create(SharedInfrastructure.mongoConnectionString())) {
            HubSpotClient hubspotClient = worker(client);

            ImportJob full = job(user, integration, null);
            List<ParsedRow> uninterrupted = take(new HubSpotRows(hubspotClient, full), 500);
            ParsedRow checkpoint = uninterrupted.get(229);
            assertThat(checkpoint.position().pageAfter()).isNotNull();
            List<ParsedRow> resumed = take(new HubSpotRows(hubspotClient, takenOver(full, checkpoint, 229)), 270);
            assertThat(rows(resumed)).isEqualTo(rows(uninterrupted.subList(230, 500)));

            Instant since = Instant.now();
            hubspot.contacts().touch(450);
            ImportJob changes = job(user, integration, since);
            List<ParsedRow> all = take(new HubSpotRows(hubspotClient, changes), 1_000);
            assertThat(all).hasSize(450);
            ParsedRow midSearch = all.get(200);
            List<ParsedRow> rest = take(new HubSpotRows(hubspotClient, takenOver(changes, midSearch, 201)), 1_000);
            assertThat(rows(rest)).isEqualTo(rows(all.subList(201, 450)));
        }
    }

    /**
     * A stored HubSpot job of the integration, reading what changed since {@code since} ({@code null}:
     * all), as the sync request made it; stored ended, so no worker of this test runs it.
     */
    private ImportJob job(String user, ObjectId integration, Instant since) {
        ContactMapping mapping = ContactMapping.with(Map.of());
        Instant now = Instant.now();
        return mongo.insert(new ImportJob(
                        new ObjectId(),
                        "hubspot",
                        JobStatus.completed,
                        0,
                        0,
                        0,
                        0,
                        Counts.NONE,
                        List.of(),
                        null,
                        null,
                        null,
                        null,
                        mapping.properties(),
                        mapping.targets(),
                        integration,
                        new SyncPosition("hubspot", String.valueOf(hubspot.hubId()), since, now, null, null),
                        null,
                        user,
                        null,
                        false,
                        DuplicatePolicy.update,
                        0,
                        null,
                        null,
                        false,
                        null,
                        now,
                        now,
                        now,
                        null,
                        null,
                        null))
                .block();
    }

    /** The job as a checkpoint after {@code written} rows, the last of them {@code last}, left it. */
    private ImportJob takenOver(ImportJob job, ParsedRow last, long written) {
        mongo.updateFirst(
                        query(where("_id").is(job.id())),
                        new Update()
                                .set("counts", new Counts(written, written, 0, 0, 0, last.row()))
                                .set("sync.lastId", last.position().id())
                                .set("sync.pageAfter", last.position().pageAfter()),
                        ImportJob.class)
                .block();
        return mongo.findById(job.id(), ImportJob.class).block();
    }

    private static List<ParsedRow> take(HubSpotRows rows, int count) {
        List<ParsedRow> taken = new java.util.ArrayList<>();
        while (taken.size() < count && rows.hasNext()) {
            taken.add(rows.next());
        }
        rows.close();
        return taken;
    }

    private static List<String> rows(List<ParsedRow> rows) {
        return rows.stream().map(row -> row.row() + ":" + row.position().id()).toList();
    }

    private static HubSpotClient worker(MongoClient client) {
        ReactiveMongoTemplate store = new ReactiveMongoTemplate(client, "imports");
        HubSpotProperties properties = new HubSpotProperties(
                hubspot.baseUrl(), 9, Duration.ofMillis(350), Duration.ZERO, Duration.ofSeconds(30));
        AccessTokens tokens = new AccessTokens(
                WebClient.builder(),
                integrations.url(),
                SharedInfrastructure.INTERNAL_TOKEN,
                Clock.systemUTC(),
                Duration.ofMinutes(1));
        return new HubSpotClient(
                WebClient.builder(),
                properties,
                tokens,
                new CallBudget(store, Clock.systemUTC()),
                new SimpleMeterRegistry());
    }

    private static String leadId(String run, int i) {
        return String.format("%s%016x", run, i);
    }

    /** A {@code LeadUpdated} of leads-service's whose change set the job title. */
    private static String updated(String user, String leadId, String email, String actor, String jobTitle) {
        Map<String, Object> fields = new java.util.LinkedHashMap<>();
        fields.put("firstName", "Ada");
        fields.put("lastName", "Lovelace");
        fields.put("email", email);
        fields.put("phone", "+1 650 253 0000");
        fields.put("jobTitle", jobTitle);
        LeadChange.Snapshot lead = new LeadChange.Snapshot(
                leadId, user, fields, "+16502530000", Map.of(), Map.of(), null, "manual", Instant.now(), Instant.now());
        LeadChange change = new LeadChange(
                leadId, 2, null, null, actor, lead, Map.of("jobTitle", new LeadChange.FieldChange("Before", jobTitle)));
        return JSON.writeValueAsString(EventEnvelope.of(
                LeadChange.UPDATED, "leads-service", Instant.now(), new EventEnvelope.Tenant(user, null), change));
    }

    /** The user's leads as the batch endpoint last received them, by lead id. */
    private static Map<String, JsonNode> leadsOf(String user) {
        Set<String> ids = leads.leadByRef.entrySet().stream()
                .filter(entry -> entry.getKey().startsWith(user + "|"))
                .map(Map.Entry::getValue)
                .collect(Collectors.toSet());
        return leads.leadsById.entrySet().stream()
                .filter(entry -> ids.contains(entry.getKey()))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }
}
